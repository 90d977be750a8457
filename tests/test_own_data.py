"""The 'your own data' chapter runs under papermill at toy size: a linked diploid PLINK panel read, fitted, decomposed."""
import json, os, subprocess
import pandas as pd

def test_own_data_chapter_at_toy_size(tmp_path, root):
    out = tmp_path/'run'
    toy = dict(n_individuals=300, n_loci=30, chromosomes=3, n_qtl=8, hidden=32, max_epochs=5)
    args = ['gpelm', 'pub', '--notebook', str(root/'nbs'/'own_data.ipynb'), '--out', str(out)]
    args += [a for k, v in toy.items() for a in ('-p', k, str(v))]
    r = subprocess.run(args, capture_output=True, text=True, timeout=600, env=os.environ | {'MPLBACKEND': 'Agg'})
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    cells = json.loads((out/'executed.ipynb').read_text())['cells']
    text = '\n'.join(''.join(o.get('text', '')) + json.dumps(o.get('data', {})) for c in cells
                     for o in c.get('outputs', []))
    assert 'genotype is missing' in text                                  # refused first, then imputed on request
    pairs = pd.read_csv(out/'report'/'pairs.csv')
    assert {'same_chromosome', 'distance', 'chromosome1'} <= set(pairs.columns) and pairs.same_chromosome.any()
    assert (out/'panel.bed').exists()
