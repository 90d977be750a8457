"""Time one training epoch of GPNet on the pub's default data, beside the compute floor.

The floor is the same matrix products alone (forward, input-gradient and weight-gradient GEMMs of every batch),
timed on this machine with no optimiser, activations or indexing. Run: python bench/train_epoch.py [--epochs 3]
"""
import argparse, time
import torch
from gpelm.simulate import simulate
from gpelm.train import fit
from floor import floor_lines

def matmul_floor(n, sizes, batch, repeats=3):
    "Seconds for the GEMMs of one epoch: per batch and layer, forward (B×in·in×out), grad-input and grad-weight."
    mats = [(torch.randn(batch, a), torch.randn(a, b), torch.randn(batch, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    steps, flops, best = -(-n // batch), 0, float('inf')
    for a, b in zip(sizes[:-1], sizes[1:]): flops += 3 * 2 * batch * a * b
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(steps):
            for i, (x, w, g) in enumerate(mats):
                x @ w                 # forward
                x.T @ g               # weight gradient
                if i: g @ w.T         # input gradient (not needed for the first layer)
        best = min(best, time.perf_counter() - t)
    return best, flops * steps

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--epochs', type=int, default=3); args = ap.parse_args()
    study = simulate()
    n_train = int(round(0.85 * study.train.n))   # the validation split leaves 85% of the training set
    sizes = [64, 1024, 1024, 5]
    floor, flops = matmul_floor(n_train, sizes, 128)
    res = fit(study, max_epochs=args.epochs, patience=10**6, progress=False, device='cpu')
    epoch = res.history.seconds.min()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {n_train} training individuals, batch 128, GPNet 64-1024-1024-5")
    print(f"{'what':<32}{'seconds':>10}{'GFLOP':>10}{'GFLOP/s':>10}")
    print(f"{'matmul floor (GEMMs alone)':<32}{floor:>10.3f}{flops / 1e9:>10.1f}{flops / floor / 1e9:>10.0f}")
    print(f"{'gpelm fit, best of ' + str(args.epochs) + ' epochs':<32}{epoch:>10.3f}{flops / 1e9:>10.1f}{flops / epoch / 1e9:>10.0f}")
    print(f"ratio to the fp32 GEMM floor: {epoch / floor:.2f}x   (pub reference loop: ~4.2 s per epoch on this machine)")
    print('\n'.join(floor_lines(epoch, flops / 1e9)))

if __name__ == '__main__': main()
