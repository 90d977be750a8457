"""Installed from a wheel, gpelm runs the pub: the notebook ships as package data (gpelm/nbs/pub.ipynb)."""
import json, os, subprocess, sys, zipfile
from pathlib import Path

def test_wheel_installs_and_runs_the_pub(tmp_path, root):
    dist = tmp_path/'dist'
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', str(dist),
                        str(root)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    wheel = next(dist.glob('gpelm-*.whl'))
    assert {'gpelm/nbs/pub.ipynb', 'gpelm/nbs/references.bib'} <= set(zipfile.ZipFile(wheel).namelist())
    # a fresh venv that sees the installed dependencies (torch, papermill, …) but gets gpelm only from the wheel
    venv = tmp_path/'venv'
    subprocess.run([sys.executable, '-m', 'venv', '--system-site-packages', str(venv)], check=True, timeout=300)
    r = subprocess.run([str(venv/'bin'/'python'), '-m', 'pip', 'install', '-q', '--no-deps', str(wheel)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    where = subprocess.run([str(venv/'bin'/'python'), '-c', 'import gpelm.batch as b; print(b.__file__, b.pub_notebook())'],
                           capture_output=True, text=True, cwd=tmp_path, timeout=120).stdout.split()
    assert all(p.startswith(str(venv)) for p in where), where          # the wheel's code and its own notebook
    tiny = ['-p', 'n_individuals', '800', '-p', 'n_loci', '8', '-p', 'n_replicates', '1', '-p', 'hidden', '16',
            '-p', 'max_epochs', '3']
    # the dependencies' data files (nbconvert's HTML templates) are under the shared interpreter's prefix, which
    # Jupyter does not search from a venv; a venv with its own nbconvert has them under its own prefix
    env = os.environ | {'JUPYTER_PATH': str(Path(sys.base_prefix)/'share'/'jupyter')}
    r = subprocess.run([str(venv/'bin'/'gpelm'), 'pub', '--out', 'run', *tiny], capture_output=True, text=True,
                       cwd=tmp_path, timeout=900, env=env)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    done = json.loads((tmp_path/'run'/'DONE.json').read_text())
    assert done['notebook'].startswith(str(venv)) and (tmp_path/'run'/'results.json').exists()
