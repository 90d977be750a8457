"""`gpelm batch`: a 2 × 2 grid on a local pool and on a Dask LocalCluster, with the same results; a killed batch resumes."""
import json, os, signal, subprocess, sys, time
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
