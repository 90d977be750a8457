"""Loading a genome-scale PLINK fileset: 10,000 diploid individuals × 10,000 markers (issue 8's target: ≤ 10 s and
≤ 2× the int8 genotype matrix in memory).

Writes a random diploid fileset (allele frequencies U(0.05, 0.5)) with a phenotype table to a temporary directory,
then loads it with `gpelm.formats.load_study` in a fresh process: wall time, and peak resident memory added by the
load, the loaded study included (peak RSS during the load, reset before it, minus RSS before it; Linux). The floor beside it is bed-reader's own int8 read of the same file, the least any
reader must do. No matmul floor applies (reading, not arithmetic). Run: python bench/plink_load.py [--n 10000] [--loci 10000] [--record]
"""
import argparse, json, subprocess, sys, tempfile
from floor import record
from pathlib import Path
import numpy as np

CHILD = r'''
import json, sys, time
from bed_reader import open_bed
from gpelm.formats import load_study
prefix = sys.argv[1]
def status(key): return int(next(l for l in open('/proc/self/status') if l.startswith(key)).split()[1])
open('/proc/self/clear_refs', 'w').write('5')                  # reset the high-water mark (Linux)
base = status('VmRSS:')
t = time.perf_counter(); study = load_study(prefix, pheno=prefix + '.pheno'); seconds = time.perf_counter() - t
peak = status('VmHWM:') - base
t = time.perf_counter()
with open_bed(prefix + '.bed') as b: b.read(dtype='int8')
floor = time.perf_counter() - t
print(json.dumps(dict(seconds=seconds, floor=floor, peak_mib=peak / 1024, ploidy=study.ploidy,
                      loci=study.n_loci, n=study.train.n + study.test.n)))
'''

def write_fileset(prefix: Path, n: int, L: int, seed: int = 0):
    from bed_reader import to_bed
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.05, 0.5, L).astype(np.float32)
    dosage = (rng.random((n, L), dtype=np.float32) < p).astype(np.int8)
    dosage += (rng.random((n, L), dtype=np.float32) < p).astype(np.int8)
    ids = [f"i{k}" for k in range(n)]
    to_bed(f"{prefix}.bed", dosage, properties={'fid': ids, 'iid': ids, 'sid': [f"m{k}" for k in range(L)],
                                                 'chromosome': np.repeat(np.arange(1, 11), -(-L // 10))[:L].astype(str)})
    y = rng.standard_normal(n)
    Path(f"{prefix}.pheno").write_text('FID IID y\n' + ''.join(f"{i} {i} {v:.6f}\n" for i, v in zip(ids, y)))

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--n', type=int, default=10_000)
    ap.add_argument('--loci', type=int, default=10_000)
    ap.add_argument('--record', action='store_true', help='put the row into bench/results.csv (the README table)')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp)/'panel'
        write_fileset(prefix, args.n, args.loci)
        r = json.loads(subprocess.run([sys.executable, '-c', CHILD, str(prefix)], capture_output=True, text=True,
                                      check=True).stdout)
    int8_mib = args.n * args.loci / 2**20
    print(f"{'individuals':>12}{'markers':>9}{'load s':>8}{'floor s':>9}{'ratio':>7}{'peak MiB':>10}{'int8 MiB':>10}"
          f"{'× int8':>8}")
    print(f"{r['n']:>12,}{r['loci']:>9,}{r['seconds']:>8.2f}{r['floor']:>9.2f}{r['seconds'] / r['floor']:>7.1f}"
          f"{r['peak_mib']:>10.0f}{int8_mib:>10.0f}{r['peak_mib'] / int8_mib:>8.2f}")
    print(f"targets: load ≤ 10 s, peak ≤ 2× int8; floor: bed-reader's int8 read alone (ploidy read: {r['ploidy']})")
    if args.record:
        record('plink_load.py', [{'stage': f"{r['n']:,} × {r['loci']:,} diploid PLINK fileset", 'seconds': r['seconds'],
                                  'reference': f"bed-reader's int8 read alone: {r['floor']:.2f} s",
                                  'note': f"peak {r['peak_mib'] / int8_mib:.2f}× the int8 matrix (target ≤ 2×)"}])

if __name__ == '__main__': main()
