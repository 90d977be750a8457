"""Scaling of the exhaustive pair scan (`gpelm scan`): L = 2,000 … 40,000 loci, n = 10,000 individuals, one trait,
against PLINK 1.9 `--epistasis` on the same data.

Each size runs in its own process, so its peak memory (the process's resident high-water mark, Python and torch
included) is its own. Genotypes are random haploid 0/1 loci (written for PLINK as homozygous diploids, as gpelm does).
The floor is the scan's matrix products at this machine's rates, measured in the same run: the genotype products at
the rate of the product the scan picked (`product_kind`: int8 or fp32, both exact), the trait product at the fp32
rate; beside it, all products at fp32 and at bf16.
PLINK runs where L ≤ `--plink-up-to` (2 threads, `--epi1 1e-4` so that its output stays small); its rate there
(individual·pairs per second) gives the `PLINK, from its rate` column at every L.
Run (quiet machine): python bench/scan_scaling.py [--loci 2000,5000,10000,20000,40000] [--record]
"""
import argparse, json, subprocess, sys, tempfile, time
from pathlib import Path
from floor import scan_floor_of, record

N = 10_000
CHILD = r'''
import json, resource, sys, time, torch
from gpelm.scan import scan_pairs, block_width, product_kind
torch.set_num_threads(2)
n, L = int(sys.argv[1]), int(sys.argv[2])
gen = torch.Generator().manual_seed(L)
g = torch.randint(0, 2, (n, L), dtype=torch.int8, generator=gen)
y = torch.randn(n, 1, dtype=torch.float64, generator=gen)
t = time.perf_counter(); kind = product_kind('auto', n, 1)[0]
pairs, counts = scan_pairs(g, y, ploidy=1, top=1000, products=kind); seconds = time.perf_counter() - t
if len(sys.argv) > 3:                                   # the same data for PLINK
    import numpy as np
    from bed_reader import to_bed
    to_bed(sys.argv[3] + '.bed', (g.numpy() * 2).astype(np.float32), count_A1=True,
           properties={'pheno': [repr(float(v)) for v in y[:, 0]]})
print(json.dumps(dict(L=L, seconds=seconds, peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      width=block_width(n, L, 1), tests=counts[1]['tests'], products=kind)))
'''

def plink_seconds(prefix: str) -> float:
    "Wall time of PLINK 1.9 --epistasis on the fileset (the .fam's phenotype), 2 threads."
    from gpelm.peers import plink_executable
    command = [plink_executable(), '--bfile', prefix, '--epistasis', '--epi1', '1e-4', '--allow-no-sex',
               '--keep-allele-order', '--threads', '2', '--out', prefix]
    t = time.perf_counter(); subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--loci', default='2000,5000,10000,20000,40000')
    ap.add_argument('--plink-up-to', type=int, default=5000, help='largest L at which PLINK runs (it takes L² n / rate)')
    ap.add_argument('--record', action='store_true', help='put the rows into bench/results.csv (the README table)')
    args = ap.parse_args()
    from gpelm.peers import plink_executable
    rows, rate = [], None
    print(f"{'loci':>7}{'pairs':>14}{'seconds':>9}{'floor':>8}{'ratio':>7}{'fp32 fl.':>9}{'bf16 fl.':>9}{'peak MiB':>9}"
          f"{'PLINK s':>9}{'PLINK, from rate':>17}")
    with tempfile.TemporaryDirectory() as tmp:
        for L in map(int, args.loci.split(',')):
            prefix = str(Path(tmp)/f'scan{L}')
            run_plink = plink_executable() is not None and L <= args.plink_up_to
            r = json.loads(subprocess.run([sys.executable, '-c', CHILD, str(N), str(L)] + ([prefix] if run_plink else []),
                                          capture_output=True, text=True, check=True).stdout)
            floor = scan_floor_of(N, L, 1, width=r['width'], products=r['products'])
            plink = plink_seconds(prefix) if run_plink else float('nan')
            if run_plink: rate = r['tests'] * N / plink                  # individual·pairs per second
            predicted = r['tests'] * N / rate if rate else float('nan')
            print(f"{L:>7,}{r['tests']:>14,}{r['seconds']:>9.1f}{floor['seconds']:>8.1f}{r['seconds'] / floor['seconds']:>7.2f}"
                  f"{floor['all_fp32_seconds']:>9.1f}{floor['all_bf16_seconds']:>9.1f}{r['peak_mib']:>9.0f}"
                  f"{plink:>9.1f}{predicted:>17.1f}", flush=True)
            rows.append({'stage': f'pair scan, {L:,} loci, n = {N:,}, one trait', 'seconds': r['seconds'],
                         'floor_fp32': floor['all_fp32_seconds'], 'floor_bf16': floor['all_bf16_seconds'],
                         'reference': (f"PLINK 1.9 --epistasis {plink:.1f} s (measured)" if run_plink else
                                       f"PLINK 1.9 --epistasis ≈ {predicted:.0f} s (from its rate, {rate:.2e} individual·pairs/s)"
                                       if rate else ''),
                         'note': (f"floor {floor['seconds']:.1f} s (genotype products {r['products']} at "
                                  f"{floor[r['products'] + '_gflops']:.0f} GOP/s, trait product fp32 at {floor['fp32_gflops']:.0f} GFLOP/s); peak {r['peak_mib']:.0f} MiB")})
    print("floor: genotype products at the rate of the product picked + trait products at the fp32 rate (what the scan runs); fp32 / bf16 "
          "fl.: all products at that rate. peak MiB: the scan process's resident high-water mark.")
    if rate: print(f"PLINK's rate: {rate:.3g} individual·pairs per second")
    if args.record: record('scan_scaling.py', rows)

if __name__ == '__main__':
    main()
