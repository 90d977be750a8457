"""`gpelm scan` against PLINK 1.9 `--epistasis` (every pair of a small diploid and a small haploid fileset; skipped
where PLINK is not installed), against direct least squares (always), and its bad options."""
import json, subprocess
import numpy as np, pandas as pd, pytest, torch
from gpelm.cli import main
from gpelm.formats import load_study
from gpelm.peers import plink_executable

LOCI = 40
EVERY = LOCI * (LOCI - 1) // 2

@pytest.fixture(scope='module', params=[2, 1], ids=['diploid', 'haploid'])
def scanned(request, tmp_path_factory):
    """A simulated PLINK fileset (two traits, one epistatic) and gpelm's scan of every pair on all its individuals,
    without removing the additive background (PLINK's own test)."""
    ploidy, d = request.param, tmp_path_factory.mktemp(f'ploidy{request.param}')
    assert main(['simulate', '--out', str(d/'panel'), '--n', '600', '--loci', str(LOCI), '--va-vg', '1,0.4',
                 '--ploidy', str(ploidy), '--freq-range', '0.1,0.5', '--H2', '0.7', '--format', 'plink', '--seed', '3']) == 0
    assert main(['scan', '--data', str(d/'panel'), '--pheno', str(d/'panel.pheno'), '--top', str(EVERY), '--quiet',
                 '--background', 'none', '--out', str(d/'scan')]) == 0      # PLINK's test as is
    return d, ploidy, pd.read_csv(d/'scan'/'pairs.csv')

def test_every_pair_is_reported_once(scanned):
    _, _, pairs = scanned
    assert pairs.groupby('trait').size().tolist() == [EVERY, EVERY]
    assert not pairs.duplicated(['trait', 'locus1', 'locus2']).any() and (pairs.locus1 < pairs.locus2).all()

def test_a_few_pairs_against_direct_least_squares(scanned):
    d, _, pairs = scanned
    study = load_study(str(d/'panel'), pheno=str(d/'panel.pheno'))
    c = study.combined()
    x, y = c.x(torch.float64).numpy(), c.phenotypes.double().numpy()
    for row in pairs.sample(25, random_state=1).itertuples():
        a, b = x[:, row.locus1 - 1], x[:, row.locus2 - 1]
        X = np.column_stack([np.ones_like(a), a, b, a * b])
        coef, *_ = np.linalg.lstsq(X, y[:, row.trait - 1], rcond=None)
        rss = ((y[:, row.trait - 1] - X @ coef)**2).sum()
        se = np.sqrt(rss / (len(a) - 4) * np.linalg.inv(X.T @ X)[3, 3])
        assert abs(row.interaction - coef[3]) <= 1e-5 * max(1, abs(coef[3])), row
        assert abs(row.t - coef[3] / se) <= 1e-5 * max(1, abs(coef[3] / se)), row

@pytest.mark.skipif(plink_executable() is None, reason='PLINK 1.9 is not installed (apt-get install plink1.9)')
def test_same_statistics_as_plink(scanned):
    d, _, pairs = scanned
    names = (d/'panel.pheno').read_text().split('\n', 1)[0].split()[2:]
    for k, name in enumerate(names, 1):
        out = d/f'plink{k}'
        subprocess.run([plink_executable(), '--bfile', str(d/'panel'), '--pheno', str(d/'panel.pheno'), '--pheno-name',
                        name, '--epistasis', '--epi1', '1', '--keep-allele-order', '--allow-no-sex', '--threads', '1',
                        '--out', str(out)], check=True, capture_output=True)
        theirs = pd.read_csv(f'{out}.epi.qt', sep=r'\s+', dtype={'SNP1': str, 'SNP2': str})
        index = {sid: i + 1 for i, sid in enumerate(pd.read_csv(d/'panel.bim', sep=r'\s+', header=None, dtype={1: str})[1])}
        theirs['locus1'], theirs['locus2'] = theirs.SNP1.map(index), theirs.SNP2.map(index)
        both = pairs[pairs.trait == k].merge(theirs, on=['locus1', 'locus2'], validate='one_to_one')
        assert len(both) == len(theirs) == EVERY
        t_plink = np.sign(both.BETA_INT) * np.sqrt(both.STAT)
        assert (np.abs(both.t - t_plink) <= 1e-4 * np.maximum(1, np.abs(both.t))).all()
        assert (np.abs(both.interaction - both.BETA_INT) <= 1e-4 * np.maximum(1e-2, np.abs(both.BETA_INT))).all()
        assert np.allclose(both.p_plink, both.P, rtol=2e-3, atol=1e-4)        # PLINK prints P to 4 digits

@pytest.mark.parametrize('option,value,expected', [('--top', '0', "--top: '0' is not a positive whole number"),
                                                   ('--p-threshold', '0', "--p-threshold: '0' is not a number in (0, 1]"),
                                                   ('--p-threshold', '1.5', "'1.5' is not a number in (0, 1]"),
                                                   ('--clump-r2', '0', "--clump-r2: '0' is not a number in (0, 1]"),
                                                   ('--clump-kb', '-5', "--clump-kb: '-5' is not a number of 0 or more")])
def test_bad_scan_options(scanned, tmp_path, capsys, option, value, expected):
    d = scanned[0]
    with pytest.raises(SystemExit) as e:
        main(['scan', '--data', str(d/'panel'), '--pheno', str(d/'panel.pheno'), option, value, '--out', str(tmp_path/'o')])
    assert e.value.code == 2 and expected in capsys.readouterr().err
    assert not list(tmp_path.iterdir())

def test_data_too_large_for_the_memory_bound(scanned, tmp_path, capsys):
    d = scanned[0]
    rc = main(['scan', '--data', str(d/'panel'), '--pheno', str(d/'panel.pheno'), '--memory-gib', '0.00001',
               '--quiet', '--out', str(tmp_path/'o')])
    err = [l for l in capsys.readouterr().err.splitlines() if l.strip()]
    assert rc == 2 and len(err) == 1 and 'memory bound (--memory-gib) 1e-05 GiB' in err[0], err
    assert not list(tmp_path.iterdir())

def test_distinct_interactions_on_a_linked_panel(tmp_path):
    "On linked markers the scan's pair list folds into distinct interactions (interactions.csv), far fewer than pairs."
    assert main(['simulate', '--out', str(tmp_path/'lk'), '--n', '800', '--loci', '300', '--qtl', '8', '--chromosomes', '4',
                 '--va-vg', '0.5', '--format', 'plink', '--seed', '2']) == 0
    assert main(['scan', '--data', str(tmp_path/'lk.bed'), '--pheno', str(tmp_path/'lk.pheno'), '--top', '500',
                 '--clump-kb', '100000', '--quiet', '--out', str(tmp_path/'s')]) == 0
    pairs, interactions = pd.read_csv(tmp_path/'s'/'pairs.csv'), pd.read_csv(tmp_path/'s'/'interactions.csv')
    assert len(interactions) < len(pairs) / 3
    assert interactions.supporting_pairs.sum() == (pairs.distinct_interaction > 0).sum()   # 0: a pair not testable
    assert pairs.not_tested[pairs.distinct_interaction == 0].notna().all()
    assert (interactions.start1 <= interactions.end1).all() and (interactions.start2 <= interactions.end2).all()
    pairs = pairs[pairs.distinct_interaction > 0]
    first = pairs.groupby('distinct_interaction').head(1).set_index('distinct_interaction')   # its index pair: its best
    assert first.t.abs().round(9).sort_index().tolist() == interactions.set_index('distinct_interaction').t.abs().round(9).sort_index().tolist()
    by_number = interactions.set_index('distinct_interaction')               # re-ranked by the conditional step
    assert (pairs.groupby('distinct_interaction').t.apply(lambda t: t.abs().max()).round(9).sort_index()
            == by_number.t.abs().round(9).sort_index()).all()
    summary = json.loads((tmp_path/'s'/'summary.json').read_text())['scan']
    assert summary['background'] == 'ridge' and 'p_plink' not in pairs       # not PLINK's test: no PLINK P
    assert 0 < summary['traits']['1']['background_held_out_r2'] < 1
    assert summary['traits']['1']['background_held_out'] == 'leave-one-out'
    called = interactions[interactions.called]
    assert (called.q < 0.05).all() and (interactions.shadow_of[interactions.called] == 0).all()
    assert summary['traits']['1']['distinct_called'] == int((called.trait == 1).sum() - called[called.trait == 1].within_region.sum())

def test_principal_components_lower_the_inflation_of_a_structured_panel(tmp_path, capsys):
    """Two subpopulations that differ in allele frequencies and in mean phenotype: PLINK's interaction tests are
    inflated (λ > 1); with the first principal components as covariates (--pcs) λ falls back towards 1, and so it does
    with the additive background removed instead (the default), which carries the structure too. Bad --pcs values
    end in one line."""
    rng = np.random.default_rng(7)
    n, L = 600, 120
    group = np.arange(n) >= n // 2
    freq = np.where(group[:, None], rng.uniform(0.1, 0.5, L), rng.uniform(0.5, 0.9, L))
    g = (rng.random((n, L)) < freq).astype(np.float32) + (rng.random((n, L)) < freq)
    y = 1.5 * group + rng.normal(size=n)
    from bed_reader import to_bed
    ids = [f'i{k}' for k in range(n)]
    to_bed(tmp_path/'st.bed', g, properties={'iid': ids, 'fid': ids, 'chromosome': ['1'] * L,
                                             'bp_position': np.arange(L) * 10**6 + 1})
    (tmp_path/'st.pheno').write_text('FID IID y\n' + ''.join(f'{i} {i} {v}\n' for i, v in zip(ids, y)))
    base = ['scan', '--data', str(tmp_path/'st'), '--pheno', str(tmp_path/'st.pheno'), '--quiet']
    lam = {}
    for k, background in (('0', 'none'), ('2', 'none'), ('0', 'ridge')):
        out = tmp_path/f'pcs{k}{background}'
        assert main([*base, '--pcs', k, '--background', background, '--out', str(out)]) == 0
        lam[k, background] = json.loads((out/'summary.json').read_text())['scan']['traits']['1']['lambda_gc']
    assert lam['0', 'none'] > 1.3 and abs(lam['2', 'none'] - 1) < 0.15 and abs(lam['0', 'ridge'] - 1) < 0.15, lam
    capsys.readouterr()
    assert main([*base, '--pcs', '600', '--out', str(tmp_path/'bad')]) == 2
    err = [l for l in capsys.readouterr().err.splitlines() if l.strip()]
    assert len(err) == 1 and 'pcs must lie in 1…599' in err[0], err
    assert not (tmp_path/'bad').exists()
