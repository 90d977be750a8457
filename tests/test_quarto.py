"""The pub is Quarto-ready: the project file parses and names files that exist; references match labels."""
import json, re
import yaml

def pub_cells(root): return json.loads((root/'nbs'/'pub.ipynb').read_text())['cells']

def test_quarto_yml_parses_and_names_existing_files(root):
    q = yaml.safe_load((root/'_quarto.yml').read_text())
    assert q['project']['type'] == 'website' and q['execute']['freeze'] == 'auto'
    assert q['format']['html']['code-fold'] is True
    for path in q['project']['render'] + [i['href'] for i in q['website']['navbar']['left']]:
        assert (root/path).exists(), path

def test_frontmatter(root):
    first = pub_cells(root)[0]
    assert first['cell_type'] == 'raw'
    fm = yaml.safe_load(''.join(first['source']).strip().strip('-'))
    assert {'title', 'author', 'date', 'abstract'} <= set(fm)

def test_parameters_cell_survives_and_comes_first(root):
    code = [c for c in pub_cells(root) if c['cell_type'] == 'code']
    assert code[0]['metadata'].get('tags') == ['parameters']
    names = set(re.findall(r'^(\w+)\s*=', ''.join(code[0]['source']), re.M))
    assert {'data', 'noisy_h2', 'n_replicates', 'hidden_size', 'learning_rate', 'weight_decay', 'max_epochs',
            'max_samples', 'seed', 'device', 'out_dir'} <= names

def test_every_reference_has_a_label_and_every_figure_a_caption(root):
    sources = [''.join(c['source']) for c in pub_cells(root)]
    labels = {m for s in sources for m in re.findall(r'^#\|\s*label:\s*((?:fig|tbl)-\S+)', s, re.M)}
    refs = {m for s in sources for m in re.findall(r'@((?:fig|tbl)-[A-Za-z0-9-]+)', s)}
    assert refs and refs <= labels, refs - labels
    for s in sources:
        if re.search(r'^#\|\s*label:\s*fig-', s, re.M): assert re.search(r'^#\|\s*fig-cap:', s, re.M), s[:80]
        if re.search(r'^#\|\s*label:\s*tbl-', s, re.M): assert re.search(r'^#\|\s*tbl-cap:', s, re.M), s[:80]
