"""`gpelm batch`: a 2 × 2 grid on a local pool and on a Dask LocalCluster, with the same results; a killed batch resumes."""
import os, re, signal, subprocess, sys, time
from pathlib import Path
import pandas as pd, pytest
from gpelm.batch import tiny_notebook, run_batch

def grid(tmp_path, extra=''):
    tiny_notebook(tmp_path/'tiny.ipynb')
    g = tmp_path/'grid.yaml'
    g.write_text("notebook: tiny.ipynb\nparameters:\n  b: 0.5\n" + extra + "grid:\n  a: [1, 2]\n  fail: [false, true]\n")
    return g

def test_local_pool_and_dask_agree(tmp_path):
    from dask.distributed import LocalCluster
    g = grid(tmp_path)
    local = run_batch(g, tmp_path/'local', workers=2, progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = run_batch(g, tmp_path/'dask', scheduler=cluster.scheduler_address, progress=False)
    cols = ['run', 'a', 'fail', 'status', 'product']
    pd.testing.assert_frame_equal(local[cols], dask[cols])
    assert local.status.tolist() == ['done', 'failed', 'done', 'failed']
    assert (tmp_path/'local'/'summary.csv').exists() and (tmp_path/'dask'/'a=2,fail=False'/'executed.html').exists()

def test_killed_batch_resumes_without_losing_finished_runs(tmp_path):
    g = grid(tmp_path, extra="")
    g.write_text("notebook: tiny.ipynb\nparameters:\n  wait: 4.0\ngrid:\n  a: [1, 2, 3]\n  b: [1.0]\n")
    out = tmp_path/'out'
    proc = subprocess.Popen(['gpelm', 'batch', '--grid', str(g), '--out', str(out), '--workers', '1'], start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while not list(out.glob('*/DONE.json')) and time.time() < deadline: time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL); proc.wait()
    finished = {p.parent.name: p.stat().st_mtime_ns for p in out.glob('*/DONE.json')}
    assert 1 <= len(finished) < 3
    r = subprocess.run(['gpelm', 'batch', '--grid', str(g), '--out', str(out), '--workers', '1'], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    summary = pd.read_csv(out/'summary.csv')
    assert summary.status.tolist() == ['done'] * 3 and summary['product'].tolist() == [1.0, 2.0, 3.0]
    assert set(summary[summary.skipped].run) == set(finished)
    assert all((out/name/'DONE.json').stat().st_mtime_ns == t for name, t in finished.items())

def test_failed_runs_are_reported_by_the_cli(tmp_path):
    r = subprocess.run(['gpelm', 'batch', '--grid', str(grid(tmp_path)), '--out', str(tmp_path/'o')], capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and 'failed' in r.stderr and 'a=1,fail=True' in r.stderr
    assert '4 runs: 0 already finished, 4 to run' in r.stdout, r.stdout
    counts = re.findall(r'runs (\d)/4(?:, about \S+ left)?(?:; (\w+): (\S+))?', r.stdout)
    assert [c[0] for c in counts] == ['0', '1', '2', '3', '4'], r.stdout
    assert sorted(c[1] for c in counts[1:]) == ['done', 'done', 'failed', 'failed'], r.stdout
    quiet = subprocess.run(['gpelm', 'batch', '--grid', str(grid(tmp_path)), '--out', str(tmp_path/'o'), '--quiet'],
                           capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 2 and not re.search(r'runs \d/|to run', quiet.stdout), quiet.stdout

def test_changed_parameters_are_never_reused(tmp_path):
    g = tmp_path/'grid.yaml'
    tiny_notebook(tmp_path/'tiny.ipynb')
    g.write_text("notebook: tiny.ipynb\nparameters:\n  b: 0.5\ngrid:\n  a: [2]\n")
    run = lambda *extra: subprocess.run(['gpelm', 'batch', '--grid', str(g), '--out', str(tmp_path/'o'), *extra],
                                        capture_output=True, text=True, timeout=300)
    assert run().returncode == 0
    g.write_text(g.read_text().replace('b: 0.5', 'b: 2.0'))
    r = run()
    assert r.returncode == 2 and 'parameters.b: 0.5 → 2.0' in r.stderr and '--overwrite' in r.stderr, r.stderr
    assert pd.read_csv(tmp_path/'o'/'summary.csv')['product'].tolist() == [1.0]      # the refused rerun wrote nothing
    assert run('--overwrite').returncode == 0
    assert pd.read_csv(tmp_path/'o'/'summary.csv')['product'].tolist() == [4.0]

def descendants(pid):
    "Every process below `pid` (from /proc)."
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        for children in Path(f'/proc/{p}/task').glob('*/children'):
            try: kids = [int(c) for c in children.read_text().split()]
            except OSError: kids = []
            found += kids; todo += kids
    return found

def alive(pid):
    try: return Path(f'/proc/{pid}/stat').read_text().split(') ')[1][0] != 'Z'
    except OSError: return False

@pytest.mark.skipif(not sys.platform.startswith('linux'), reason='parent-death signal is Linux-only')
def test_sigkill_leaves_no_workers_running(tmp_path):
    g = tmp_path/'grid.yaml'
    tiny_notebook(tmp_path/'tiny.ipynb')
    g.write_text("notebook: tiny.ipynb\nparameters:\n  wait: 120.0\ngrid:\n  a: [1, 2, 3]\n")
    proc = subprocess.Popen(['gpelm', 'batch', '--grid', str(g), '--out', str(tmp_path/'o'), '--workers', '2'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while len(list((tmp_path/'o').glob('*/executed.partial.ipynb'))) < 2 and time.time() < deadline: time.sleep(0.5)
    time.sleep(2)                                          # the kernels are running their cells
    below = descendants(proc.pid)
    assert len(below) >= 4, below                         # two workers, each with its kernel
    proc.send_signal(signal.SIGKILL); proc.wait()         # the batch alone, as a crash or `kill -9` would
    deadline = time.time() + 20
    while any(alive(p) for p in below) and time.time() < deadline: time.sleep(0.5)
    assert not [p for p in below if alive(p)], [Path(f'/proc/{p}/cmdline').read_bytes()[:80] for p in below if alive(p)]
