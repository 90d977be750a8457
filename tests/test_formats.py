"""File formats across modules: simulate → write in one form → read → the same study, and errors that name file and place."""
import shutil, subprocess
import h5py, numpy as np, pandas as pd, pytest, torch
from gpelm.simulate import simulate
from gpelm.data import DataFormatError
from gpelm.formats import save_study, load_study
from gpelm.noise import add_environmental_noise

@pytest.fixture(scope='module')
def study(): return simulate(n=300, n_loci=10, va_vg=(1.0, 0.5), seed=3)

def test_text_and_hdf5_carry_the_same_study(study, tmp_path):
    save_study(study, tmp_path/'t', 'text'); save_study(study, tmp_path/'h', 'hdf5')
    a, b = load_study(tmp_path/'t'), load_study(tmp_path/'h')
    for split in ('train', 'test'):
        assert torch.equal(getattr(a, split).genotypes, getattr(b, split).genotypes)
        assert torch.equal(getattr(a, split).phenotypes, getattr(b, split).phenotypes)
        assert getattr(a, split).ids == getattr(b, split).ids
    assert a.effects.equals(b.effects) and a.loci == b.loci == study.loci

def test_hdf5_layout_is_the_pubs(study, tmp_path):
    save_study(study, tmp_path/'h', 'hdf5')
    with h5py.File(tmp_path/'h_train.hdf5') as f:
        sid = study.train.ids[0]
        assert f[f'strains/{sid}/genotype'].dtype == np.int8 and f[f'strains/{sid}/genotype'].shape == (10, 2)
        assert f[f'strains/{sid}/phenotype'].dtype == np.float64
        assert [o.decode() for o in f['metadata/phenotype_names'][()]] == ['Trait1', 'Trait2']
        onehot = f[f'strains/{sid}/genotype'][()]
        assert (onehot[:, 1] == study.train.genotypes[0].numpy()).all() and (onehot.sum(1) == 1).all()

def test_noisy_phenotypes_round_trip_and_missing_values_are_refused(study, tmp_path):
    noisy = add_environmental_noise(study, 0.5, seed=2)
    save_study(noisy, tmp_path/'n', 'hdf5')
    assert torch.equal(load_study(tmp_path/'n').test.phenotypes, noisy.test.phenotypes)
    with h5py.File(tmp_path/'n_test.hdf5', 'a') as f:
        sid = noisy.test.ids[4]
        f[f'strains/{sid}/phenotype'][1] = np.nan
    with pytest.raises(DataFormatError, match=f"n_test.hdf5: strains/{sid}/phenotype, trait Trait2"): load_study(tmp_path/'n')
    masked = load_study(tmp_path/'n', na='mask')
    assert torch.isnan(masked.test.phenotypes[4, 1]) and not masked.test.observed_mask()[4, 1]

def test_partial_files_never_left(study, tmp_path):
    save_study(study, tmp_path/'t', 'text'); save_study(study, tmp_path/'h', 'hdf5')
    assert not list(tmp_path.glob('*.partial*'))

@pytest.mark.skipif(shutil.which('plink1.9') is None, reason='PLINK 1.9 absent (Debian: apt-get install plink1.9)')
def test_plink_reads_gpelm_filesets_and_finds_the_true_pairs(tmp_path):
    "The peer program reads what gpelm writes: its interaction estimates match the truth in sign and size."
    study = simulate(n=2000, n_loci=10, va_vg=(1.0, 0.5), seed=3)
    save_study(study, tmp_path/'d', 'plink')
    r = subprocess.run(['plink1.9', '--bfile', str(tmp_path/'d'), '--pheno', str(tmp_path/'d.pheno'), '--pheno-name',
                        'Trait2', '--epistasis', '--epi1', '1', '--allow-no-sex', '--keep-allele-order',
                        '--out', str(tmp_path/'epi')], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:]
    epi = pd.read_csv(tmp_path/'epi.epi.qt', sep=r'\s+')
    truth = study.effects[(study.effects.trait == 2) & (study.effects.epi_loc > study.effects.locus)]
    strong = truth[truth.epi_eff.abs() > 0.1]
    found = epi.set_index(['SNP1', 'SNP2']).BETA_INT
    estimates = np.array([found[(int(a), int(b))] for a, b in zip(strong.locus, strong.epi_loc)])
    np.testing.assert_allclose(estimates, strong.epi_eff.to_numpy(), atol=0.05)
