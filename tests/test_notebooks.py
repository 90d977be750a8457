"""The notebooks' own checks: every cell not flagged `slow`/`notest` runs through nbdev_test."""
import subprocess

def test_nbdev_test(root):
    res = subprocess.run(['nbdev_test', '--path', str(root/'nbs'), '--n_workers', '2'], cwd=root, capture_output=True, text=True, timeout=1200)
    assert res.returncode == 0, res.stdout[-5000:] + res.stderr[-5000:]
