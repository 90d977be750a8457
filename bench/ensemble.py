"""Replicate training: R networks one after another (`fit`) against one batched ensemble (`fit_ensemble`).

Same data (noise replicates of the pub's default simulation at H² = 0.25), same seeds; reports both times and the
largest difference between the members' test predictions. Run: python bench/ensemble.py [--replicates 4] [--device auto]
"""
import argparse, time
import torch
from gpelm.simulate import simulate
from gpelm.noise import add_environmental_noise
from gpelm.train import fit, fit_ensemble, predict
from gpelm.model import resolve_device

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--replicates', type=int, default=4); ap.add_argument('--device', default='auto')
    ap.add_argument('--H2', type=float, default=0.25); args = ap.parse_args()
    study = simulate()
    reps = [add_environmental_noise(study, args.H2, seed=r) for r in range(args.replicates)]
    seeds = list(range(args.replicates))
    device = resolve_device(args.device)
    def timed(fn):
        if device.type == 'cuda': torch.cuda.synchronize()
        t = time.perf_counter(); out = fn()
        if device.type == 'cuda': torch.cuda.synchronize()
        return time.perf_counter() - t, out
    t_seq, alone = timed(lambda: [fit(st, seed=s, device=args.device, progress=False) for st, s in zip(reps, seeds)])
    t_ens, together = timed(lambda: fit_ensemble(reps, seeds, device=args.device, progress=False))
    epochs = sum(len(r.history) for r in alone)
    diff = max((predict(a.model, study.test.x()) - predict(b.model, study.test.x())).abs().max().item() for a, b in zip(alone, together))
    same_epochs = all(a.best_epoch == b.best_epoch for a, b in zip(alone, together))
    print(f"torch {torch.__version__} on {device} ({torch.get_num_threads()} CPU threads); {args.replicates} noise replicates at H² = {args.H2}, GPNet 64-1024-1024-5")
    print(f"{'path':<28}{'seconds':>10}{'per replicate':>15}{'per epoch':>11}")
    print(f"{'fit, one after another':<28}{t_seq:>10.1f}{t_seq / args.replicates:>15.2f}{t_seq / epochs:>11.3f}")
    print(f"{'fit_ensemble, batched':<28}{t_ens:>10.1f}{t_ens / args.replicates:>15.2f}{t_ens / epochs:>11.3f}")
    print(f"speed-up {t_seq / t_ens:.2f}x; same best epochs: {same_epochs}; max |prediction difference| {diff:.1e}")

if __name__ == '__main__': main()
