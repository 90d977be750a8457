"""The sequence-models chapter (nbs/sequence_models.ipynb) runs under papermill at toy size: both MAVE-NN maps fitted and
scored, ELM exact on them and on the attention model, the attention section's table written."""
import json, os, subprocess
import pandas as pd
from gpelm.latent import CURVE_MODELS, MLP_MODEL

def test_sequence_chapter_at_toy_size(tmp_path, root):
    out = tmp_path/'run'
    toy = dict(n_variants=1500, positions=6, max_epochs=8, strengths='0,2', n_segregants=600, n_loci=12)
    args = ['gpelm', 'pub', '--notebook', str(root/'nbs'/'sequence_models.ipynb'), '--out', str(out), '--quiet']
    args += [a for k, v in toy.items() for a in ('-p', k, str(v))]
    r = subprocess.run(args, capture_output=True, text=True, timeout=900, cwd=root/'nbs',
                       env=os.environ | {'MPLBACKEND': 'Agg'})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    fits = pd.read_csv(out/'fits.csv', index_col='map')
    assert list(fits.index) == ['additive', 'pairwise'] and (fits.I_pre > 0).all()
    exact = json.loads((out/'exact.json').read_text())
    assert all(v['max_rel_error'] < 1e-5 for v in exact.values()), exact
    agreement = json.loads((out/'agreement.json').read_text())
    assert agreement['additive, additive map'] > 0.8, agreement
    curve = pd.read_csv(out/'attention.csv')
    assert set(curve.model) == {*CURVE_MODELS.values(), MLP_MODEL} and (curve.squared_pearson <= 1).all()
    attention = curve[curve.model == CURVE_MODELS['attention']]
    assert list(attention.strength) == [0.0, 2.0] and (attention.max_rel_error < 1e-5).all()
    text = (out/'executed.ipynb').read_text()
    assert 'image/png' in text
