"""The walk of `gpelm decompose` (fit → analyse) goes down the pipeline: the orchestrator calls the stages in pipeline
order, entering each once, and a stage calls only the shared foundation, never another stage.

The walk is traced with `sys.setprofile`: every call from one gpelm module into another is recorded as
(caller module, callee module). The foundation (data model, record writers, metrics) is the vocabulary every stage
reads; `model` is what training builds; `cli`, `runs` and `report` are the orchestrators that compose the stages."""
import sys
from gpelm import cli

PIPELINE = ['data', 'records', 'formats', 'noise', 'metrics', 'params', 'simulate', 'sequences', 'model', 'train', 'elm', 'latent', 'estimators', 'stats', 'scan', 'clump',
            'baselines', 'scores', 'screen', 'peers', 'plots', 'report', 'replicates', 'pub', 'batch', 'runs', 'cli']
FOUNDATION = {'data', 'records', 'metrics', 'params'}
ORCHESTRATORS = {'cli', 'runs', 'report'}

def trace_decompose(tmp_path):
    assert cli.main(['simulate', '--out', str(tmp_path/'d'), '--n', '600', '--loci', '8', '--va-vg', '1,0.5']) == 0
    calls = []
    def profile(frame, event, arg):
        if event != 'call' or frame.f_back is None: return
        parent = frame.f_back
        if parent.f_code.co_name == 'from_namespace' and parent.f_back is not None:
            parent = parent.f_back      # a function handed to params.from_namespace is called by whoever handed it
        callee, caller = frame.f_globals.get('__name__', ''), parent.f_globals.get('__name__', '')
        if caller == 'gpelm.params' and frame.f_code.co_name in ('__init__', '__post_init__'):
            return          # params builds the configuration it was handed (dataclasses.replace): no call up a layer
        if callee.startswith('gpelm.') and caller.startswith('gpelm.') and callee != caller:
            calls.append((caller.split('.')[1], callee.split('.')[1]))
    sys.setprofile(profile)
    try: rc = cli.main(['decompose', '--data', str(tmp_path/'d'), '--hidden', '16', '--max-epochs', '2', '--quiet',
                        '--out', str(tmp_path/'o')])
    finally: sys.setprofile(None)
    assert rc == 0
    return calls

def runs(seq):
    "Consecutive repeats collapsed."
    return [m for i, m in enumerate(seq) if i == 0 or seq[i - 1] != m]

def test_analysis_visits_stages_in_pipeline_order_once_each(tmp_path):
    calls = trace_decompose(tmp_path)
    walk = runs([callee for caller, callee in calls if caller == 'report' and callee not in FOUNDATION])
    assert walk[:6] == ['train', 'elm', 'estimators', 'baselines', 'scores', 'plots'], walk
    assert len(walk) == len(set(walk)), f"a stage entered again after the walk left it: {walk}"
    assert walk == sorted(walk, key=PIPELINE.index), walk

def test_stages_call_only_the_foundation(tmp_path):
    calls = trace_decompose(tmp_path)
    crossing = {(caller, callee) for caller, callee in calls if caller not in ORCHESTRATORS}
    assert {callee for _, callee in crossing} <= FOUNDATION | {'model'}, sorted(crossing)
    assert all(PIPELINE.index(callee) < PIPELINE.index(caller) for caller, callee in crossing), sorted(crossing)
