"""Time one training epoch of GPNet on the pub's default data in fp32 and in bf16, beside both compute floors.

The floor of an epoch is its matrix products (forward, input-gradient and weight-gradient GEMMs of every batch: 6 flops
per weight per individual) at this machine's fp32 and bf16 matmul rates, measured in the same run at the epoch's main
shape (batch 128 × 1,024 × 1,024). The real floor is the lower of the two. On a CPU without AMX / AVX-512-bf16, bf16
is emulated and its epoch takes minutes: `--precision fp32` skips it.
On a GPU (`--device cuda`) the floors are that GPU's rates at the same shape.
Run on a quiet machine: python bench/train_epoch.py [--epochs 3] [--precision fp32 bf16] [--device cpu] [--record]
"""
import argparse
import torch
from gpelm.simulate import simulate
from gpelm.train import fit
from gpelm.model import resolve_device
from floor import floors, record

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--precision', nargs='+', default=['fp32', 'bf16'], choices=['fp32', 'bf16'])
    ap.add_argument('--device', default='cpu', help="'cpu', 'cuda' or 'auto'")
    ap.add_argument('--record', action='store_true', help='put the rows into bench/results.csv (the README table)')
    args = ap.parse_args()
    device = resolve_device(args.device)
    study = simulate()
    n_train = study.train.n                       # monitor='none': every epoch runs over all training individuals
    sizes = [64, 1024, 1024, 5]
    gflop = 6 * n_train * sum(a * b for a, b in zip(sizes[:-1], sizes[1:])) / 1e9
    f = floors(gflop, device=device)
    real = min(f['fp32'], f['bf16'])
    print(f"torch {torch.__version__} on {device}, {torch.get_num_threads()} threads; {n_train} training individuals, batch 128, "
          f"GPNet 64-1024-1024-5; {gflop:.1f} GFLOP of matrix products per epoch")
    print(f"floors: fp32 {f['fp32']:.3f} s ({f['fp32_gflops']:.0f} GFLOP/s), bf16 {f['bf16']:.3f} s "
          f"({f['bf16_gflops']:.0f} GFLOP/s)")
    print(f"{'precision':<12}{'epoch s':>10}{'GFLOP/s':>10}{'÷ real floor':>14}")
    rows = []
    for precision in args.precision:
        res = fit(study, max_epochs=args.epochs, monitor='none', precision=precision, progress=False, device=str(device))
        epoch = res.history.seconds.min()
        print(f"{precision:<12}{epoch:>10.3f}{gflop / epoch:>10.0f}{epoch / real:>14.2f}")
        rows.append({'stage': f'one epoch, {precision}, {n_train:,} individuals', 'seconds': epoch,
                     'floor_fp32': f['fp32'], 'floor_bf16': f['bf16'],
                     'reference': "≈ 4.2 s for 7,225 individuals (the pub's loop, fp32)" if device.type == 'cpu' else ''})
    if args.record: record('train_epoch.py', rows, device=device)

if __name__ == '__main__': main()
