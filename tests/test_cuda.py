"""GPU paths: training in each precision, ELM exactness, Jacobians and screen against the CPU, the batched ensemble and
the pub's replicates. Skipped where CUDA is absent (CI); run on a GPU machine with `pytest tests/test_cuda.py`."""
import numpy as np
import pytest
import torch

from gpelm.simulate import simulate
from gpelm.noise import add_environmental_noise
from gpelm.model import resolve_precision, fast_bf16
from gpelm.train import fit, fit_ensemble, predict
from gpelm.elm import jacobians, reconstruction, reconstruction_error
from gpelm.screen import screen_epistasis
from gpelm.replicates import run_replicates

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason='no CUDA device')

@pytest.fixture(scope='module')
def study(): return simulate(n=2000, n_loci=32, seed=3)

@pytest.mark.parametrize('precision', ['fp32', 'bf16'])
def test_fit_on_cuda_is_exact_linear_map(study, precision):
    result = fit(study, hidden=128, max_epochs=4, precision=precision, device='cuda', progress=False)
    assert result.precision == precision and next(result.model.parameters()).device.type == 'cuda'
    assert next(result.model.parameters()).dtype == torch.float32          # float32 master weights in bf16 too
    err = reconstruction_error(reconstruction(result.model, study.test.x()))
    assert (err.max_rel_error < 1e-5).all(), err

def test_auto_precision_is_bf16_on_ampere_or_later():
    assert resolve_precision('auto', 'cuda') == ('bf16' if torch.cuda.get_device_capability()[0] >= 8 else 'fp32')
    assert fast_bf16('cuda') == (torch.cuda.get_device_capability()[0] >= 8)

def test_cuda_jacobians_and_screen_match_cpu(study):
    import copy
    model = fit(study, hidden=128, max_epochs=20, precision='fp32', device='cuda', progress=False).model
    on_cpu = copy.deepcopy(model).cpu()
    x = study.test.x()
    J_gpu, J_cpu = jacobians(model, x), jacobians(on_cpu, x)
    assert J_gpu.device.type == 'cpu'
    assert (J_gpu - J_cpu).abs().max() <= 1e-5 * J_cpu.abs().max()
    a, b = screen_epistasis(model, study), screen_epistasis(on_cpu, study)
    np.testing.assert_allclose(a.loci.var_sensitivity.values, b.loci.var_sensitivity.values, rtol=1e-4)
    assert a.loci.selected.tolist() == b.loci.selected.tolist() and len(a.pairs) > 0
    np.testing.assert_allclose(a.pairs.p.astype(float).values, b.pairs.p.astype(float).values, rtol=1e-3, atol=1e-12)

def test_ensemble_on_cuda_matches_one_after_another(study):
    reps = [add_environmental_noise(study, 0.5, seed=r) for r in range(3)]
    kw = dict(hidden=64, max_epochs=6, precision='fp32', device='cuda', progress=False)
    together = fit_ensemble(reps, [10, 11, 12], **kw)
    alone = [fit(s, seed=seed, **kw) for s, seed in zip(reps, [10, 11, 12])]
    for a, b in zip(together, alone):
        assert a.best_epoch == b.best_epoch
        np.testing.assert_allclose(a.history.train_loss.values, b.history.train_loss.values, atol=1e-4)
        diff = (predict(a.model, study.test.x()) - predict(b.model, study.test.x())).abs().max().item()
        assert diff < 1e-3, diff

def test_replicates_on_cuda_use_the_ensemble_and_record_precision(study, tmp_path):
    from gpelm.train import TrainConfig
    from gpelm.model import ModelConfig
    import json
    reps = run_replicates(study, 'noise', 3, 0.5, out_dir=tmp_path, config=TrainConfig(max_epochs=3, device='cuda'),
                          model_config=ModelConfig(hidden=64), progress=False)
    assert set(reps.replicate) == {0, 1, 2}
    records = [json.loads(p.read_text()) for p in sorted(tmp_path.glob('noise_*.json'))]
    assert all(r['ensemble'] for r in records)
    assert {r['parameters']['train']['precision'] for r in records} == {resolve_precision('auto', 'cuda')}
