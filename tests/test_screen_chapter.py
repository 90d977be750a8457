"""The epistasis screen chapter runs under papermill at toy size, with PLINK beside gpelm where it is installed."""
import json, os, subprocess
import pandas as pd
from gpelm.peers import plink_executable

def test_screen_chapter_at_toy_size(tmp_path, root):
    out = tmp_path/'run'
    toy = dict(n_individuals=3000, n_loci=300, n_qtl=16, hidden=256)
    args = ['gpelm', 'pub', '--notebook', str(root/'nbs'/'epistasis_screen.ipynb'), '--out', str(out)]
    args += [a for k, v in toy.items() for a in ('-p', k, str(v))]
    r = subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=root/'nbs',
                       env=os.environ | {'MPLBACKEND': 'Agg'})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    cells = json.loads((out/'executed.ipynb').read_text())['cells']
    text = '\n'.join(''.join(o.get('text', '')) + json.dumps(o.get('data', {})) for c in cells
                     for o in c.get('outputs', []))
    assert ('s for 5 traits' in text) == (plink_executable() is not None)   # PLINK ran beside gpelm, or said why not
    loci = pd.read_csv(out/'loci.csv')                                 # the run directory is the chapter's out_dir
    assert len(loci) == 5 * 300 and loci.selected.any()
    assert 'image/png' in text                                            # the figures were drawn
