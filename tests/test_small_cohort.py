"""Small cohorts, the classic QTL-mapping size: a simulated 250-individual backcross (174 markers 11 cM apart on 19
chromosomes, one planted interaction, H² 0.5). With the defaults chosen for a cohort of this size (ELM read at every
individual, the screen's candidates from the exhaustive scan), decompose and screen run and find the interaction."""
import json
import numpy as np, pandas as pd, pytest
from gpelm.cli import main

SEEDS = (3, 5)    # panels where sensitivities at the 38 test individuals alone put another pair first

@pytest.fixture(scope='module', params=SEEDS)
def backcross(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f'backcross{request.param}')
    assert main(['simulate', '--out', str(root/'bc'), '--n', '250', '--loci', '174', '--chromosomes', '19',
                 '--cross', 'backcross', '--qtl', '2', '--va-vg', '0.5', '--H2', '0.5', '--seed', str(request.param),
                 '--format', 'plink']) == 0
    effects = pd.read_csv(root/'bc_eff.txt', sep=' ')
    planted = tuple(sorted(effects.loc[effects.epi_eff != 0, 'locus']))
    assert len(planted) == 2
    return root, planted

def near(pair, planted, markers=3):
    "Both loci of `pair` within `markers` markers of the planted loci."
    return all(abs(int(a) - b) <= markers for a, b in zip(sorted(pair), planted))

def test_decompose_reads_every_individual_and_finds_the_pair(backcross):
    root, planted = backcross
    assert main(['decompose', '--data', str(root/'bc'), '--pheno', str(root/'bc.pheno'), '--quiet',
                 '--out', str(root/'decompose')]) == 0
    assert json.loads((root/'decompose'/'summary.json').read_text())['elm_individuals'] == 'all'
    pairs = pd.read_csv(root/'decompose'/'pairs.csv')
    unlinked = pairs[pairs.chromosome1 != pairs.chromosome2]
    top = unlinked.loc[unlinked.est_epi_eff.abs().idxmax()]
    assert near((top.locus1, top.locus2), planted), (top.locus1, top.locus2, planted)

def test_screen_scans_every_pair_and_ranks_the_pair_first(backcross):
    root, planted = backcross
    base = ['screen', '--data', str(root/'bc'), '--pheno', str(root/'bc.pheno'), '--quiet']
    assert main([*base, '--out', str(root/'screen')]) == 0
    summary = json.loads((root/'screen'/'summary.json').read_text())['screen']
    assert summary['candidates'] == 'scan' and summary['traits']['1']['pairs_tested'] == 174 * 173 // 2
    first = pd.read_csv(root/'screen'/'interactions.csv').iloc[0]
    assert first.called and near((first.locus1, first.locus2), planted, markers=1), (first.locus1, first.locus2)

def test_clumping_along_the_chromosome_folds_a_cross_s_copies(backcross):
    """Markers 11 cM apart: a 250 kb window (PLINK's human default) leaves every called marker pair its own interaction;
    the conditional step then sets all but one or two aside as shadows of the strongest."""
    root, planted = backcross
    base = ['scan', '--data', str(root/'bc'), '--pheno', str(root/'bc.pheno'), '--quiet']
    assert main([*base, '--out', str(root/'scan')]) == 0 and main([*base, '--clump-kb', '250', '--out', str(root/'windowed')]) == 0
    called = int((pd.read_csv(root/'scan'/'pairs.csv').q < 0.05).sum())
    counts = lambda d: json.loads((root/d/'summary.json').read_text())['scan']['traits']['1']
    significant = lambda d: counts(d)['distinct_called'] + counts(d)['shadows']      # q < 0.05 before conditioning
    assert significant('windowed') == called > 4
    assert significant('scan') <= called / 2
    assert counts('windowed')['distinct_called'] <= 2
