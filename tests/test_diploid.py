"""Real genotype data (issue 8): diploid dosages at a frequency spectrum recover the truth; a linked PLINK panel with
missing calls and rare variants goes through the command line with nothing changed silently."""
import json, subprocess
import numpy as np
import pandas as pd
import pytest
from bed_reader import open_bed, to_bed

from gpelm.simulate import simulate
from gpelm.train import fit
from gpelm.report import analyse

@pytest.fixture(scope='module')
def diploid_analysis():
    "The issue's target data: diploid, allele frequencies from U(0.05, 0.5), L = 64, H² = 1; the default recipe."
    study = simulate(ploidy=2, freq_range=(0.05, 0.5), seed=0)
    return analyse(fit(study, progress=False).model, study, baseline=False)

def test_diploid_additive_effects(diploid_analysis):
    "Mean sensitivity against the average effect α_i = β_i + β_ij(2p_j − 1): slope 1 ± 0.05, r² ≥ 0.98."
    s = diploid_analysis.elm.scores
    assert s.average_effect_slope.sub(1).abs().max() <= 0.05, s.average_effect_slope.tolist()
    assert (s.average_effect_r2 >= 0.98).all(), s.average_effect_r2.tolist()

def test_diploid_pairwise_epistasis(diploid_analysis):
    s = diploid_analysis.elm.scores.set_index('trait')
    assert (s.loc[2:, 'epistasis_pearson'] >= 0.95).all(), s.epistasis_pearson.tolist()
    assert diploid_analysis.elm.scores.max_rel_error.max() < 1e-5              # f = μ + J·(x − x̄), exactly

def gpelm(*args):
    return subprocess.run(['gpelm', *map(str, args)], capture_output=True, text=True, timeout=600)

def test_linked_plink_panel_through_the_cli(tmp_path):
    r = gpelm('simulate', '--out', tmp_path/'panel', '--format', 'plink', '--n', 600, '--loci', 40, '--ploidy', 2,
              '--freq-range', '0.05,0.5', '--chromosomes', 4, '--qtl', 12, '--va-vg', '1,0.5', '--seed', 3)
    assert r.returncode == 0, r.stderr
    with open_bed(tmp_path/'panel.bed') as b:
        dosage, props = b.read(dtype='float32'), {k: getattr(b, k) for k in ('iid', 'sid', 'chromosome', 'bp_position')}
    assert set(np.unique(dosage)) == {0, 1, 2} and len(set(props['chromosome'])) == 4
    dosage[5, 7] = np.nan                                               # a missing call
    dosage[:, 30] = 0                                                   # a monomorphic marker
    to_bed(tmp_path/'gappy.bed', dosage, properties={'fid': props['iid'], 'iid': props['iid'], 'sid': props['sid'],
                                                     'chromosome': props['chromosome'],
                                                     'bp_position': props['bp_position']})
    common = ('--pheno', tmp_path/'panel.pheno', '--hidden', 32, '--max-epochs', 5, '--quiet', '--no-baseline')
    r = gpelm('decompose', '--data', tmp_path/'gappy', *common, '--out', tmp_path/'refused')
    assert r.returncode == 2 and 'gappy.bed: individual' in r.stderr and 'genotype is missing' in r.stderr
    assert not (tmp_path/'refused').exists()                            # nothing written
    ids = [str(i) for i in props['iid']]
    (tmp_path/'panel.covar').write_text('FID IID sex batch\n' + ''.join(f"{i} {i} {'FM'[k % 2]} b{k % 3}\n"
                                                                       for k, i in enumerate(ids)))
    r = gpelm('decompose', '--data', tmp_path/'gappy', *common, '--impute', 'mean', '--maf', '0.02',
              '--covar', tmp_path/'panel.covar', '--covar-name', 'sex,batch', '--out', tmp_path/'elm')
    assert r.returncode == 0, r.stderr
    run = json.loads((tmp_path/'elm'/'summary.json').read_text())['parameters']
    assert run['imputed_genotypes'] == 1 and run['ploidy'] == 2
    assert run['covariate_terms'] == ['sex=M', 'batch=b1', 'batch=b2']
    assert pd.read_csv(tmp_path/'elm'/'covariate_effects.csv').term.tolist()[:2] == ['intercept', 'sex=M']
    dropped = pd.read_csv(tmp_path/'elm'/'dropped_loci.csv')
    assert props['sid'][30] in dropped.locus.astype(str).tolist() and 'monomorphic' in dropped.reason.tolist()
    pairs = pd.read_csv(tmp_path/'elm'/'pairs.csv')
    assert {'chromosome1', 'chromosome2', 'same_chromosome', 'distance'} <= set(pairs.columns)
    assert pairs[~pairs.same_chromosome].distance.isna().all() and (pairs[pairs.same_chromosome].distance > 0).all()
    assert 'strongest pairs on different chromosomes' in r.stdout and 'dropped' in r.stdout
