import os, sys
from pathlib import Path
import pytest

if os.environ.get('PYTEST_XDIST_WORKER_COUNT'):   # tests run in parallel workers (pytest-xdist): the cores are shared
    share = str(max(1, (os.cpu_count() or 1) // int(os.environ['PYTEST_XDIST_WORKER_COUNT'])))
    for var in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS'): os.environ.setdefault(var, share)   # before torch is imported;
                                                                      # subprocesses (CLI, kernels) inherit it

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT/'tests'))

@pytest.fixture(scope='session')
def root(): return ROOT
