"""Runs that are killed or collide: a run killed while it stages leaves `--out` as it was and its leftovers are cleared
by the next run; a second run into the same `--out` while one writes it stops with one line."""
import os, signal, subprocess, sys, time
from pathlib import Path
import pytest
from gpelm.cli import main

def start_fit(out: Path) -> subprocess.Popen:
    "A `gpelm fit` on the built-in simulation that trains for long enough to be caught while it stages."
    args = ['fit', '--out', str(out), '--max-epochs', '100000', '--quiet']
    return subprocess.Popen([sys.executable, '-c', f'import sys; from gpelm.cli import main; sys.exit(main({args!r}))'],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def wait_for_staging(out: Path, run: subprocess.Popen, timeout=120):
    "Wait until `run` has begun staging beside `out` (its lock and staging directory exist)."
    start = time.time()
    while not list(out.parent.glob(f'.{out.name}.partial-*')):
        assert run.poll() is None, 'the run ended before it staged'
        assert time.time() - start < timeout, 'no staging directory appeared'
        time.sleep(0.2)

def quick_fit(out: Path) -> int:
    return main(['fit', '--out', str(out), '--max-epochs', '2', '--quiet'])

def test_killed_while_staging_then_rerun(tmp_path):
    out = tmp_path/'run'
    assert quick_fit(out) == 0
    before = (out/'run.json').read_text()
    run = start_fit(out); wait_for_staging(out, run)
    run.send_signal(signal.SIGKILL); run.wait()
    assert (out/'run.json').read_text() == before                           # the earlier run untouched
    assert list(tmp_path.glob('.run.partial-*'))                            # what the kill left ...
    assert quick_fit(out) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ['run']            # ... cleared by the next run, no lock left

def test_second_run_into_the_same_out_is_refused(tmp_path, capsys):
    out = tmp_path/'run'
    run = start_fit(out)
    try:
        wait_for_staging(out, run)
        capsys.readouterr()
        assert quick_fit(out) == 2
        err = [l for l in capsys.readouterr().err.splitlines() if l.strip()]
        assert len(err) == 1 and f'another gpelm run (process {run.pid}) is writing it' in err[0], err
    finally:
        run.send_signal(signal.SIGKILL); run.wait()
    assert not out.exists()                                                 # the refused run wrote nothing
