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

def test_frontmatter_abstract_and_bibliography(root):
    first = pub_cells(root)[0]
    assert first['cell_type'] == 'raw'
    fm = yaml.safe_load(''.join(first['source']).strip().strip('-'))
    assert {'title', 'author', 'date', 'bibliography'} <= set(fm)
    text = '\n'.join(''.join(c['source']) for c in pub_cells(root) if c['cell_type'] == 'markdown')
    abstract = text.split('## Abstract')[1].split('\n## ')[0].strip()
    assert 0 < len(abstract) <= 280, len(abstract)                      # Arcadia's template: at most 280 characters
    assert '## Purpose' in text and '{#refs}' in text
    bib = (root/'nbs'/fm['bibliography']).read_text()
    keys = set(re.findall(r'^@\w+\{(\w+),', bib, re.M))
    cited = set(re.findall(r'\[-?@(\w+)\]', ' '.join(''.join(c['source']) for c in pub_cells(root))))
    assert {'rijal2025', 'golden2025', 'gaynor2021'} <= keys and cited and cited <= keys, (cited, keys)

def test_parameters_cell_survives_and_comes_first(root):
    code = [c for c in pub_cells(root) if c['cell_type'] == 'code']
    assert code[0]['metadata'].get('tags') == ['parameters']
    names = set(re.findall(r'^(\w+)\s*=', ''.join(code[0]['source']), re.M))
    from dataclasses import fields
    from gpelm.pub import PubParams
    assert names == {f.name for f in fields(PubParams)}                  # every parameter, and only those

def rendered_notebooks(root):
    return [root/p for p in yaml.safe_load((root/'_quarto.yml').read_text())['project']['render']]

def test_every_reference_has_a_label_and_every_figure_a_caption(root):
    for notebook in rendered_notebooks(root):
        refs = check_labels([''.join(c['source']) for c in json.loads(notebook.read_text())['cells']])
        assert refs or notebook.name != 'pub.ipynb'                      # the pub refers to its figures

def check_labels(sources):
    labels = {m for s in sources for m in re.findall(r'^#\|\s*label:\s*((?:fig|tbl)-\S+)', s, re.M)}
    refs = {m for s in sources for m in re.findall(r'@((?:fig|tbl)-[A-Za-z0-9-]+)', s)}
    assert refs <= labels, refs - labels
    for s in sources:
        if re.search(r'^#\|\s*label:\s*fig-', s, re.M):
            assert re.search(r'^#\|\s*fig-cap:', s, re.M) and re.search(r'^#\|\s*fig-alt:', s, re.M), s[:80]
        if re.search(r'^#\|\s*label:\s*tbl-', s, re.M): assert re.search(r'^#\|\s*tbl-cap:', s, re.M), s[:80]
    return refs
