"""What ties the repository together: the README is the index notebook; every module comes from a notebook."""
import json, re
from readme import render_readme, benchmark_sources, BENCHMARKS

def test_readme_in_sync_with_index(root):
    assert (root/'README.md').read_text() == render_readme(), "README.md is stale: run `python tests/readme.py`"

def test_readme_reads_in_two_minutes(root):
    "What it is, the commands, one table of what it finds against what, a figure, and links: the rest is elsewhere."
    text = (root/'README.md').read_text()
    assert len(text) <= 8000, len(text)
    for link in re.findall(r'\]\(([^)#]+)\)', text): assert (root/link).exists(), link

def test_benchmarks_page_in_sync_with_the_bench_csvs(root):
    cells = [''.join(c['source']) for c in json.loads(BENCHMARKS.read_text())['cells']]
    assert cells == benchmark_sources(), "nbs/benchmarks.ipynb is stale: run `python tests/readme.py`"

def test_readme_has_two_quickstart_commands(root):
    quick = (root/'README.md').read_text().split('## Quickstart')[1].split('\n## ')[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, re.S)
    assert len(blocks) == 2 and blocks[1].strip() == 'pip install -e ".[dev]" && pytest'

def test_every_module_is_exported_from_a_notebook(root):
    exported = set()
    for nb in (root/'nbs').glob('*.ipynb'):
        for c in json.loads(nb.read_text())['cells']:
            m = re.search(r'^#\|\s*default_exp\s+(\S+)', ''.join(c['source']), re.M)
            if m: exported.add(m.group(1))
    modules = {p.stem for p in (root/'gpelm').glob('*.py') if not p.stem.startswith('_')}
    assert modules == exported

def test_parameters_tag_allowed(root):
    assert 'allowed_cell_metadata_keys = tags' in (root/'settings.ini').read_text()
