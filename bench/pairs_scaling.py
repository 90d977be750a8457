"""Scaling of the all-pairs epistasis scan: L = 64 … 4,096 loci, n = 2,000 individuals, one trait.

Each size runs in its own process so that peak memory (max RSS above the inputs) is its own. The floor is the
matmuls of the pooled within-class slopes alone at that size (`pairwise_epistasis`: the sensitivity-genotype cross
products, and the genotype sums of every class of locus i but the last, which the totals give: K + C − 1 = 2 n × L
products for one trait of haploids). The bf16 floor is the same flops at the bf16 matmul rate measured in the same run.
Run: python bench/pairs_scaling.py [--loci 64,256,1024,4096] [--record]
"""
import argparse, json, subprocess, sys
from floor import floors, record

CHILD = r'''
import json, resource, sys, time, torch
from gpelm.estimators import pairwise_epistasis, _tile_rows
n, L = 2000, int(sys.argv[1])
g = torch.Generator().manual_seed(0)
x = torch.randint(0, 2, (n, L), generator=g).float() * 2 - 1
S = torch.randn(n, 1, L, generator=g)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter(); est = pairwise_epistasis(S, x); seconds = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
a, p = torch.randn(n, L), (x > 0).float()
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    a.T @ p; p.T @ p
    best = min(best, time.perf_counter() - t)
print(json.dumps(dict(L=L, seconds=seconds, floor=best, gflop=2 * 2 * n * L * L / 1e9, peak_mib=peak / 1024,
                      output_mib=est.numel() * 4 / 2**20, tile=_tile_rows(n, 1, L, 2**28))))
'''

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--loci', default='64,256,1024,4096')
    ap.add_argument('--record', action='store_true', help='put the largest size into bench/results.csv (the README table)')
    args = ap.parse_args()
    print(f"{'loci':>6}{'pairs':>12}{'seconds':>10}{'fp32 floor':>11}{'bf16 floor':>11}{'ratio':>7}{'GFLOP':>8}"
          f"{'peak MiB':>10}{'output MiB':>11}{'tile rows':>10}")
    for L in map(int, args.loci.split(',')):
        r = json.loads(subprocess.run([sys.executable, '-c', CHILD, str(L)], capture_output=True, text=True, check=True).stdout)
        bf16 = floors(r['gflop'])['bf16']
        print(f"{L:>6}{L * (L - 1) // 2:>12,}{r['seconds']:>10.3f}{r['floor']:>11.3f}{bf16:>11.3f}"
              f"{r['seconds'] / min(r['floor'], bf16):>7.1f}{r['gflop']:>8.1f}"
              f"{r['peak_mib']:>10.0f}{r['output_mib']:>11.0f}{r['tile']:>10}")
    print("ratio: to the real floor (the lower); peak MiB: resident memory added by the scan (output included); "
          "tiles bound the rest to ~256 MiB.")
    if args.record:
        record('pairs_scaling.py', [{'stage': f'all pairs at {L:,} loci, n = 2,000', 'seconds': r['seconds'],
                                     'floor_fp32': r['floor'], 'floor_bf16': bf16,
                                     'note': f"{r['peak_mib']:.0f} MiB peak"}])

if __name__ == '__main__': main()
