"""Replicate training: R networks one after another (`fit`) against one batched ensemble (`fit_ensemble`), per precision.

Same data (noise replicates of the pub's default simulation at H² = 0.25), same seeds; reports both times, the
largest difference between the members' test predictions, and the floor of the epochs trained (6 flops per weight per
individual at the device's fp32 and bf16 matmul rates, measured in the same run at batch 128 × 1,024 × 1,024).
`replicates.run_replicates(ensemble='auto')` batches on CUDA only, as measured here.
Run on a quiet machine: python bench/ensemble.py [--replicates 8] [--device auto] [--precision fp32 bf16] [--record]
"""
import argparse, time
import torch
from gpelm.simulate import simulate
from gpelm.noise import add_environmental_noise
from gpelm.train import fit, fit_ensemble, predict
from gpelm.model import resolve_device
from floor import floors, record

def epoch_gflop(result, n_select: int, n_refit: int, sizes=(64, 1024, 1024, 5)) -> float:
    "GFLOP of the matrix products of a fit's epochs: the select phase over `n_select` individuals, refit over `n_refit`."
    weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    phases = result.history.phase.value_counts()
    return 6 * weights * (phases.get('select', 0) * n_select + phases.get('refit', 0) * n_refit) / 1e9

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--replicates', type=int, default=8); ap.add_argument('--device', default='auto')
    ap.add_argument('--H2', type=float, default=0.25)
    ap.add_argument('--precision', nargs='+', default=['fp32', 'bf16'], choices=['fp32', 'bf16'])
    ap.add_argument('--record', action='store_true', help='put the rows into bench/results.csv (the README table)')
    args = ap.parse_args()
    study = simulate()
    reps = [add_environmental_noise(study, args.H2, seed=r) for r in range(args.replicates)]
    seeds = list(range(args.replicates))
    device = resolve_device(args.device)
    def timed(fn):
        if device.type == 'cuda': torch.cuda.synchronize()
        t = time.perf_counter(); out = fn()
        if device.type == 'cuda': torch.cuda.synchronize()
        return time.perf_counter() - t, out
    n_train = study.train.n; n_select = n_train - round(0.15 * n_train)
    print(f"torch {torch.__version__} on {device} ({torch.get_num_threads()} CPU threads); {args.replicates} noise "
          f"replicates at H² = {args.H2}, GPNet 64-1024-1024-5")
    print(f"{'precision, path':<34}{'seconds':>9}{'per replicate':>15}{'per epoch':>11}{'÷ real floor':>14}")
    rows = []
    for precision in args.precision:
        kw = dict(device=str(device), precision=precision, progress=False)
        t_seq, alone = timed(lambda: [fit(st, seed=s, **kw) for st, s in zip(reps, seeds)])
        t_ens, together = timed(lambda: fit_ensemble(reps, seeds, **kw))
        epochs = sum(len(r.history) for r in alone)
        gflop = sum(epoch_gflop(r, n_select, n_train) for r in alone)
        f = floors(gflop, device=device); real = min(f['fp32'], f['bf16'])
        diff = max((predict(a.model, study.test.x()) - predict(b.model, study.test.x())).abs().max().item()
                   for a, b in zip(alone, together))
        same_epochs = sum(a.best_epoch == b.best_epoch for a, b in zip(alone, together))
        for path, t in (('fit, one after another', t_seq), ('fit_ensemble, batched', t_ens)):
            print(f"{precision + ', ' + path:<34}{t:>9.1f}{t / args.replicates:>15.2f}{t / epochs:>11.3f}{t / real:>14.2f}")
            rows.append({'stage': f'{args.replicates} replicate fits, {precision}, {path}', 'seconds': t,
                         'floor_fp32': f['fp32'], 'floor_bf16': f['bf16'],
                         'note': f"{epochs} epochs" + (f"; {t_seq / t_ens:.2f}× the speed of one after another; "
                                                       f"same best epoch in {same_epochs} of {args.replicates} members, "
                                                       f"largest test prediction difference {diff:.2g} (rounding "
                                                       f"differences grow along training)"
                                                       if path.startswith('fit_ensemble') else '')})
        print(f"{precision}: ensemble speed-up {t_seq / t_ens:.2f}x; same best epoch in {same_epochs} of {args.replicates}; "
              f"max |prediction difference| {diff:.1e}; floors fp32 {f['fp32']:.1f} s, bf16 {f['bf16']:.1f} s")
    if args.record: record('ensemble.py', rows, device=device)

if __name__ == '__main__': main()
