"""Time the default pub end to end (`gpelm pub`), stage by stage, beside the floor of the training it does.

The floor counts every epoch the run trained (the two single fits and the replicates not reused), at 6 flops per
weight per individual (forward, input gradient, weight gradient), at this machine's fp32 and bf16 matmul rates
measured in the same run, on the device the pub trained on. `--in-process` runs the pub's computations
(`gpelm.pub.run_pub`, which writes the same results.json) without papermill and the HTML, for a machine without
Jupyter: the stage times are the same ones, only the wall time lacks the notebook's overhead.
Run on a quiet machine: python bench/pub_time.py [--out DIR] [-p NAME VALUE ...] [--in-process] [--record]
"""
import argparse, json, subprocess, sys, time
from pathlib import Path
from floor import floors, record
from gpelm.model import resolve_device

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('--out', default='pub-time-run')
    ap.add_argument('-p', nargs=2, action='append', default=[], metavar=('NAME', 'VALUE'))
    ap.add_argument('--in-process', action='store_true', help='run_pub here, without papermill and the HTML')
    ap.add_argument('--record', action='store_true', help='put the row into bench/results.csv (the README table)')
    args = ap.parse_args()
    t = time.perf_counter()
    if args.in_process:
        import yaml
        from gpelm.pub import PubParams, run_pub
        run_pub(PubParams(out_dir=args.out, **{k: yaml.safe_load(v) for k, v in args.p}))
    else:
        cmd = ['gpelm', 'pub', '--out', args.out] + [a for pair in args.p for a in ('-p', *pair)]
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode: sys.exit('the pub failed')
    wall = time.perf_counter() - t
    wall_name = 'wall, run_pub in this process' if args.in_process else 'wall, with papermill and HTML'
    out = Path(args.out); r = json.loads((out/'results.json').read_text()); p = r['parameters']
    n_train = round(0.85 * p['n_individuals']); n_fit = n_train - round(0.15 * n_train)
    weights = p['n_loci'] * p['hidden'] + (p['depth'] - 1) * p['hidden'] ** 2 + p['hidden'] * 5
    epochs = [(e.get('select', 0), e.get('refit', 0)) for e in r['epochs'].values()]
    reps = [json.loads(f.read_text()) for f in (out/'replicates').glob('*.json')]
    epochs += [(x['select_epochs'], x['refit_epochs']) for x in reps if not x.get('reused_fit')]
    gflop = sum(s * n_fit + f * n_train for s, f in epochs) * 6 * weights / 1e9
    device = resolve_device(p['device'])
    f = floors(gflop, device=device)
    print(f"gpelm pub ({', '.join(f'{k}={v}' for k, v in args.p) or 'defaults'}); torch {r['torch_version']} on "
          f"{device}, {r['torch_threads']} CPU threads, training in {r.get('training_precision', 'fp32')}")
    print(f"{'stage':<28}{'seconds':>10}")
    for k, v in r['seconds'].items(): print(f"{k:<28}{v:>10.1f}")
    print(f"{wall_name:<28}{wall:>10.1f}")
    print(f"fits trained: {len(epochs)} ({sum(1 for x in reps if x.get('reused_fit'))} replicate fits reused); "
          f"epochs: {sum(s + r_ for s, r_ in epochs)}; {gflop:.0f} GFLOP of matrix products")
    print(f"training floor: fp32 {f['fp32']:.3g} s ({f['fp32_gflops']:.0f} GFLOP/s), bf16 {f['bf16']:.3g} s "
          f"({f['bf16_gflops']:.0f} GFLOP/s); total / real floor: {r['seconds']['total'] / min(f['fp32'], f['bf16']):.2f}x")
    if args.record:
        record('pub_time.py', [{'stage': f"gpelm pub ({', '.join(f'{k}={v}' for k, v in args.p) or 'defaults'}), "
                                         f"{r.get('training_precision', 'fp32')} training",
                                'seconds': r['seconds']['total'], 'floor_fp32': f['fp32'], 'floor_bf16': f['bf16'],
                                'note': f"fits and analyses; {wall:.0f} s " + ('in process, without papermill and HTML'
                                                                if args.in_process else 'with papermill and HTML') +
                                        f"; {len(epochs)} fits"}], device=device)

if __name__ == '__main__': main()
