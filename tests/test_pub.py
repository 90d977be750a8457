"""The pub, executed through papermill by `gpelm pub` with tiny parameters, and its outputs checked."""
import json, math, re, subprocess
import pandas as pd, pytest, yaml
from gpelm.pub import read_results

TINY = dict(n_individuals=2000, n_loci=16, n_replicates=2, hidden=64, max_epochs=25)

@pytest.fixture(scope='module')
def pub_run(tmp_path_factory):
    out = tmp_path_factory.mktemp('pub')/'run'
    args = ['gpelm', 'pub', '--out', str(out)] + [a for k, v in TINY.items() for a in ('-p', k, str(v))]
    r = subprocess.run(args, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return out

def pub_sources(root):
    return [''.join(c['source']) for c in json.loads((root/'nbs'/'pub.ipynb').read_text())['cells']]

def test_outputs_exist_with_columns(pub_run):
    for sub in ('H2_1', 'H2_0.25'):
        perf = pd.read_csv(pub_run/sub/'performance.csv')
        assert list(perf.columns) == ['trait', 'name', 'pearson', 'r2', 'narrow_h2'] and len(perf) == 5
        pairs = pd.read_csv(pub_run/sub/'pairs.csv')
        assert {'trait', 'locus1', 'locus2', 'n_mm', 's1_pp', 's2_mm', 'est_epi_eff', 'true_epi_eff'} <= set(pairs.columns)
        assert len(pairs) == 5 * 16 * 15 // 2
        for fig in ('fig1_reconstruction', 'fig2_additive', 'fig3_variance', 'fig5_class_clusters', 'fig6_pairwise'):
            assert (pub_run/sub/f'{fig}.png').stat().st_size > 10_000
    agg = pd.read_csv(pub_run/'replicates_noise_aggregate.csv')
    assert list(agg.columns) == ['trait', 'locus1', 'locus2', 'true_epi_eff', 'mean', 'sd', 'n', 'z'] and (agg.n == 2).all()
    assert len(list((pub_run/'replicates').glob('*.json'))) == 4
    assert not list(pub_run.rglob('*.partial*'))

def test_numbers_are_finite_and_sane(pub_run):
    res = read_results(pub_run)
    assert res['parameters']['n_loci'] == 16 and 'gpelm_version' in res
    clean = list(res['performance_H2_1'].values()); noisy = list(res['performance_noisy'].values())
    assert all(0.5 < v <= 1 for v in clean), clean                    # small model, small data: still predictive
    assert all(0 <= v <= 0.25 + 0.05 for v in noisy), noisy           # at or below the H² ceiling (sampling slack)
    for row in res['replicates']: assert all(math.isfinite(row[k]) for k in ('pearson', 'auc'))
    summary = json.loads((pub_run/'H2_1'/'summary.json').read_text())
    assert max(t['max_rel_error'] for t in summary['elm'].values()) < 1e-5

def test_html_has_every_figure_and_no_hidden_code(pub_run, root):
    html = (pub_run/'executed.html').read_text()
    labels = [m for s in pub_sources(root) for m in re.findall(r'^#\|\s*label:\s*(fig-\S+)', s, re.M)]
    assert len(labels) >= 10
    assert html.count('<img') >= len(labels)            # every figure cell rendered an image
    assert 'display(Markdown(' not in html              # prose cells show their text, not their code
    assert 'Traceback' not in html                      # no cell failed

def test_prose_numbers_come_from_the_run(pub_run):
    nb = json.loads((pub_run/'executed.ipynb').read_text())
    text = ' '.join(''.join(o.get('data', {}).get('text/markdown', '')) for c in nb['cells'] if c['cell_type'] == 'code' for o in c.get('outputs', []))
    perf = pd.read_csv(pub_run/'H2_1'/'performance.csv')
    assert f"{perf.r2.min():.3f}–{perf.r2.max():.3f}" in text
