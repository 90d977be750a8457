"""bf16 training against fp32 on the pub's default data: does mixed precision keep the numbers the pub reports?

Per seed and H² (the built-in simulation, seeds 0..S-1; H² = 1 and 0.25 by default) one network is trained in fp32 and
one in bf16 (autocast, float32 weights) from the same initialisation and batch order; both are analysed in float32.
Reported per trait: Table 1 R², additive slope, epistasis slope, epistasis r and AUC, the largest |bf16 − fp32| over
seeds, beside the issue's tolerances (R² 0.005; slopes 0.02; r and AUC 0.02); and, to tell a loss of accuracy from a
different trajectory, the mean over seeds of bf16 − fp32 beside the seed-to-seed standard deviation of fp32 itself
(two fp32 runs with different seeds differ by about √2 of it). Wall time per fit in each precision.
This is an accuracy bench, not a timing one: on a CPU without AMX / AVX-512-bf16, bf16 is emulated and slow, so use
`--hidden 256` there (the network the pub uses has 1,024 units per layer).
Run: python bench/precision_accuracy.py [--seeds 3] [--H2 1 0.25] [--hidden 1024] [--device auto] [--csv FILE]
     python bench/precision_accuracy.py --from-csv FILE     (the summary again, from a run's rows)
"""
import argparse, time
import pandas as pd
from gpelm.simulate import simulate
from gpelm.noise import add_environmental_noise
from gpelm.model import resolve_device, fast_bf16
from gpelm.train import fit
from gpelm.report import analyse
from floor import machine_record

TOLERANCE = {'r2': 0.005, 'additive_slope': 0.02, 'epistasis_slope': 0.02, 'epistasis_pearson': 0.02,
             'epistasis_auc': 0.02}

def scores(model, study) -> pd.DataFrame:
    "The pub's per-trait numbers for one network: Table 1 R² and ELM's recovery of the true effects."
    a = analyse(model, study, baseline=False)
    elm = a.elm.scores.set_index('trait')[[c for c in TOLERANCE if c != 'r2']]
    return a.performance.set_index('trait')[['r2']].join(elm)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', type=int, default=3); ap.add_argument('--H2', type=float, nargs='+', default=[1.0, 0.25])
    ap.add_argument('--hidden', type=int, default=1024); ap.add_argument('--device', default='auto')
    ap.add_argument('--csv', help='also write the per-seed rows here')
    ap.add_argument('--from-csv', help='print the summary of an earlier run\'s rows instead of running')
    args = ap.parse_args()
    if args.from_csv: return summarise(pd.read_csv(args.from_csv))
    device = resolve_device(args.device)
    rows = []
    for H2 in args.H2:
        for seed in range(args.seeds):
            study = simulate(seed=seed)
            if H2 < 1: study = add_environmental_noise(study, H2, seed=seed)
            for precision in ('fp32', 'bf16'):
                t = time.perf_counter()
                result = fit(study, seed=seed, hidden=args.hidden, precision=precision, device=args.device, progress=False)
                seconds = time.perf_counter() - t
                s = scores(result.model, study).assign(H2=H2, seed=seed, precision=precision, seconds=seconds,
                                                       epochs=len(result.history))
                rows.append(s.reset_index())
                print(f"H² = {H2:g}, seed {seed}, {precision}: {seconds:.0f} s, {len(result.history)} epochs", flush=True)
    table = pd.concat(rows, ignore_index=True).assign(hidden=args.hidden, fast_bf16=fast_bf16(device),
                                                       **machine_record(device))
    if args.csv: table.to_csv(args.csv, index=False)
    summarise(table)

def summarise(table: pd.DataFrame):
    "Worst per-seed |bf16 − fp32| against the tolerances; mean difference over seeds against fp32's seed-to-seed sd."
    r = table.iloc[0]
    wide = table.pivot_table(index=['H2', 'seed', 'trait'], columns='precision', values=list(TOLERANCE))
    diff = pd.DataFrame({k: wide[(k, 'bf16')] - wide[(k, 'fp32')] for k in TOLERANCE})
    worst = diff.abs().groupby(['H2', 'trait']).max()
    print(f"\ntorch {r.torch_version} on {r.machine}, {r.threads} threads; fast bf16 there: {r.fast_bf16}; "
          f"GPNet 64-{r.hidden}-{r.hidden}-5, {table.seed.nunique()} seeds")
    print("largest |bf16 − fp32| over seeds (tolerance in the header):")
    print(worst.rename(columns=lambda c: f"{c} ({TOLERANCE[c]})").round(4).to_string())
    beyond = (worst > pd.Series(TOLERANCE)).stack()
    print(f"beyond tolerance: {int(beyond.sum())} of {int(worst.notna().stack().sum())} (H², trait, number) cells")
    mean_diff = diff.groupby(['H2', 'trait']).mean()
    spread = table[table.precision == 'fp32'].groupby(['H2', 'trait'])[list(TOLERANCE)].std()
    print("\nmean over seeds of bf16 − fp32 / fp32's seed-to-seed sd:")
    print((mean_diff.round(4).astype(str) + ' / ' + spread.round(4).astype(str)).to_string())
    outside = (mean_diff.abs() > 2 * spread / len(table.seed.unique()) ** 0.5).stack()
    print(f"mean difference beyond 2 standard errors of the seed mean: {int(outside.sum())} cells"
          + (': ' + ', '.join(f"H² = {h:g} trait {k} {c} ({mean_diff.loc[(h, k), c]:+.4f})"
                              for (h, k, c), o in outside.items() if o) if outside.any() else ''))
    per_fit = table.groupby('precision')[['seconds', 'epochs']].mean()
    print(f"mean per fit: fp32 {per_fit.seconds['fp32']:.1f} s ({per_fit.epochs['fp32']:.0f} epochs), "
          f"bf16 {per_fit.seconds['bf16']:.1f} s ({per_fit.epochs['bf16']:.0f} epochs)")

if __name__ == '__main__': main()
