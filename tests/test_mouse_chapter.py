"""The real-panel chapter (nbs/mouse_panel.ipynb) runs under papermill on three chromosomes of the heterogeneous-stock
mice where their files are present (beside the repository in ../shared/data/mice_hs, or at $GPELM_MICE_HS); the data
are not the project's to ship, so elsewhere the test says it skipped."""
import json, os, subprocess
from pathlib import Path
import pytest

def mice_prefix(root: Path):
    given = os.environ.get('GPELM_MICE_HS')
    for prefix in ([Path(given)] if given else []) + [root.parent/'shared'/'data'/'mice_hs'/'mice_hs']:
        if Path(f'{prefix}.bed').exists(): return prefix
    return None

def test_mouse_chapter_on_three_chromosomes(tmp_path, root):
    prefix = mice_prefix(root)
    if prefix is None: pytest.skip('the heterogeneous-stock mice are not here (set GPELM_MICE_HS to their PLINK prefix)')
    out = tmp_path/'run'
    args = ['gpelm', 'pub', '--notebook', str(root/'nbs'/'mouse_panel.ipynb'), '--out', str(out), '--quiet',
            '-p', 'data', str(prefix), '-p', 'chromosomes', '2,4,7', '-p', 'top', '20000']
    r = subprocess.run(args, capture_output=True, text=True, timeout=900, env=os.environ | {'MPLBACKEND': 'Agg'})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    results = json.loads((out/'results.json').read_text())
    lam = results['lambda']
    assert set(lam) == {'sex only', 'sex and 10 PCs', 'and the additive background'} and len(lam['sex only']) == 4
    assert all(v > 0 for column in lam.values() for v in column.values())
    tyr, brown = results['coat']['tyr'], results['coat']['brown']
    assert tyr[0] == '7' and brown[0] == '4'              # the pigment loci, found from the data on their chromosomes
    classes = results['classes']                           # the masking: the genotype-class test against the product
    assert classes['class_d1'] == 4 and classes['class_p'] < classes['product_p']
