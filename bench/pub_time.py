"""Time the default pub end to end (`gpelm pub`), stage by stage, beside the floor of the training it does.

The floor counts every epoch the run trained (the two single fits and the replicates not reused), at 6 flops per
weight per individual (forward, input gradient, weight gradient), at this machine's fp32 and bf16 matmul rates
measured in the same run. Run on a quiet machine: python bench/pub_time.py [--out DIR] [-p NAME VALUE ...] [--record]
"""
import argparse, json, subprocess, sys, time
from pathlib import Path
from floor import floors, record

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--out', default='pub-time-run')
    ap.add_argument('-p', nargs=2, action='append', default=[], metavar=('NAME', 'VALUE'))
    ap.add_argument('--record', action='store_true', help='put the row into bench/results.csv (the README table)')
    args = ap.parse_args()
    t = time.perf_counter()
    cmd = ['gpelm', 'pub', '--out', args.out] + [a for pair in args.p for a in ('-p', *pair)]
    if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode: sys.exit('the pub failed')
    wall = time.perf_counter() - t
    out = Path(args.out); r = json.loads((out/'results.json').read_text()); p = r['parameters']
    n_train = round(0.85 * p['n_individuals']); n_fit = n_train - round(0.15 * n_train)
    weights = p['n_loci'] * p['hidden'] + (p['depth'] - 1) * p['hidden'] ** 2 + p['hidden'] * 5
    epochs = [(e.get('select', 0), e.get('refit', 0)) for e in r['epochs'].values()]
    reps = [json.loads(f.read_text()) for f in (out/'replicates').glob('*.json')]
    epochs += [(x['select_epochs'], x['refit_epochs']) for x in reps if not x.get('reused_fit')]
    gflop = sum(s * n_fit + f * n_train for s, f in epochs) * 6 * weights / 1e9
    f = floors(gflop)
    print(f"gpelm pub ({', '.join(f'{k}={v}' for k, v in args.p) or 'defaults'}); torch {r['torch_version']}, "
          f"{r['torch_threads']} threads")
    print(f"{'stage':<28}{'seconds':>10}")
    for k, v in r['seconds'].items(): print(f"{k:<28}{v:>10.1f}")
    print(f"{'wall, with papermill and HTML':<28}{wall:>10.1f}")
    print(f"fits trained: {len(epochs)} ({sum(1 for x in reps if x.get('reused_fit'))} replicate fits reused); "
          f"epochs: {sum(s + r_ for s, r_ in epochs)}; {gflop:.0f} GFLOP of matrix products")
    print(f"training floor: fp32 {f['fp32']:.0f} s ({f['fp32_gflops']:.0f} GFLOP/s), bf16 {f['bf16']:.0f} s "
          f"({f['bf16_gflops']:.0f} GFLOP/s); total / real floor: {r['seconds']['total'] / min(f['fp32'], f['bf16']):.2f}x")
    if args.record:
        record('pub_time.py', [{'stage': f"gpelm pub ({', '.join(f'{k}={v}' for k, v in args.p) or 'defaults'}), "
                                         f"{r.get('training_precision', 'fp32')} training",
                                'seconds': r['seconds']['total'], 'floor_fp32': f['fp32'], 'floor_bf16': f['bf16'],
                                'note': f"fits and analyses; {wall:.0f} s with papermill and HTML; {len(epochs)} fits"}])

if __name__ == '__main__': main()
