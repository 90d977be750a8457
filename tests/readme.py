"""README.md is rendered from nbs/index.ipynb: `python tests/readme.py` rewrites it; tests/test_repo.py checks they agree."""
import json, re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

def render_readme(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    "Markdown cells as they are; code cells (outside `#|` directives) as python blocks; the title's summary as a quote."
    cells = json.loads(Path(nb_path).read_text())['cells']
    parts = []
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': parts.append(src)
        elif c['cell_type'] == 'code':
            code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
            if code: parts.append(f"```python\n{code}\n```")
    text = '\n\n'.join(parts) + '\n'
    return "<!-- generated from nbs/index.ipynb by tests/readme.py: edit the notebook, not this file -->\n\n" + text

if __name__ == '__main__':
    (ROOT/'README.md').write_text(render_readme())
    print('wrote README.md')
