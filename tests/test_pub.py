"""The pub, executed through papermill by `gpelm pub` with tiny parameters, and its outputs checked."""
import json, math, os, re, subprocess
import pandas as pd, pytest
from gpelm.pub import read_results

TINY = dict(n_individuals=2000, n_loci=16, n_replicates=2, hidden=64, max_epochs=25)

@pytest.fixture(scope='module')
def pub_run(tmp_path_factory):
    out = tmp_path_factory.mktemp('pub')/'run'
    args = ['gpelm', 'pub', '--out', str(out)] + [a for k, v in TINY.items() for a in ('-p', k, str(v))]
    env = os.environ | {'MPLBACKEND': 'Agg'}      # as on a headless server: the figures must appear all the same
    r = subprocess.run(args, capture_output=True, text=True, timeout=900, env=env)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    (out.parent/'stdout.txt').write_text(r.stdout)
    return out

def test_a_failed_pub_ends_in_one_clear_line(tmp_path):
    r = subprocess.run(['gpelm', 'pub', '--out', str(tmp_path/'run'), '-p', 'n_loci', '1'], capture_output=True, text=True,
                       timeout=300)
    lines = [l for l in r.stderr.splitlines() if l.strip() and 'IPKernelApp' not in l]
    assert r.returncode == 2 and len(lines) == 1, r.stderr
    assert 'need at least 2 loci' in lines[0] and 'executed.partial.ipynb' in lines[0], lines
    assert 'Traceback' not in r.stderr and (tmp_path/'run'/'executed.partial.ipynb').exists()

def test_progress_is_shown_stage_by_stage(pub_run):
    stages = [l.split(maxsplit=1)[1] for l in (pub_run.parent/'stdout.txt').read_text().splitlines()
              if re.match(r'\s*\d+(h|m|s)', l)]
    fits = TINY['n_replicates'] - 1            # replicate 0 of each kind is the single noisy network
    assert stages == ['fit at H² = 1', 'analysis at H² = 1', 'fit at H² = 0.25', 'analysis at H² = 0.25',
                      *[f'noise replicate fits {k}/{fits}' for k in range(fits + 1)],
                      *[f'model replicate fits {k}/{fits}' for k in range(fits + 1)],
                      'results written; figures and text'], stages

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
    assert all(-0.2 <= v <= 0.25 + 0.05 for v in noisy), noisy   # R² at most the H² ceiling, up to sampling error
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
