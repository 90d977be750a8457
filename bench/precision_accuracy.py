"""bf16 training against fp32 on the pub's default data: does mixed precision keep the numbers the pub reports?

Per seed and H² (the built-in simulation, seeds 0..S-1; H² = 1 and 0.25 by default) one network is trained in fp32 and
one in bf16 (autocast, float32 weights) from the same initialisation and batch order; both are analysed in float32.
Reported per trait: Table 1 R², additive slope, epistasis slope, epistasis r and AUC, the largest |bf16 − fp32| over
seeds, beside the issue's tolerances (R² 0.005; slopes 0.02; r and AUC 0.02); and, to tell a loss of accuracy from a
different trajectory, the mean over seeds of bf16 − fp32 beside its standard error (from the paired differences) and
each precision's seed-to-seed standard deviation (a wider spread in bf16: a less reliable fit, even where the means
agree). Wall time and epochs per fit in each precision.
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

def compare(table: pd.DataFrame) -> dict:
    """bf16 against fp32, seed by seed (both fits of a seed start from the same initialisation and batch order).
    worst: largest per-seed |bf16 − fp32| per (H², trait) and number; beyond: for each cell with a number (trait 1 has
    no epistasis), whether it is over the tolerance; cells: how many there are; mean:
    mean over seeds of bf16 − fp32; se: its standard error from the paired differences themselves (a seed where
    bf16's fit stops early moves both its mean and this); outside: cells where |mean| > 2 se; sd: each precision's
    seed-to-seed standard deviation (a wider bf16 spread is a less reliable fit even where the means agree)."""
    wide = table.pivot_table(index=['H2', 'seed', 'trait'], columns='precision', values=list(TOLERANCE))
    diff = pd.DataFrame({k: wide[(k, 'bf16')] - wide[(k, 'fp32')] for k in TOLERANCE})
    by_cell = diff.groupby(['H2', 'trait'])
    worst, mean, se = diff.abs().groupby(['H2', 'trait']).max(), by_cell.mean(), by_cell.std() / by_cell.size().pow(0.5).values[:, None]
    sd = {p: table[table.precision == p].groupby(['H2', 'trait'])[list(TOLERANCE)].std() for p in ('fp32', 'bf16')}
    beyond = (worst > pd.Series(TOLERANCE)).where(worst.notna()).stack().dropna().astype(bool)
    return {'diff': diff, 'worst': worst, 'beyond': beyond, 'cells': len(beyond), 'mean': mean, 'se': se,
            'outside': mean.where(mean.abs() > 2 * se).stack().dropna(), 'sd': sd,
            'wider': (sd['bf16'] > 2 * sd['fp32']).stack()}

def summarise(table: pd.DataFrame):
    "Worst per-seed |bf16 − fp32| against the tolerances; the mean paired difference against its standard error."
    r, c = table.iloc[0], compare(table)
    print(f"\ntorch {r.torch_version} on {r.machine}, {r.threads} threads; fast bf16 there: {r.fast_bf16}; "
          f"GPNet 64-{r.hidden}-{r.hidden}-5, {table.seed.nunique()} seeds")
    print("largest |bf16 − fp32| over seeds (tolerance in the header):")
    print(c['worst'].rename(columns=lambda k: f"{k} ({TOLERANCE[k]})").round(4).to_string())
    print(f"beyond tolerance: {int(c['beyond'].sum())} of {c['cells']} (H², trait, number) cells")
    print("\nmean over seeds of bf16 − fp32 ± its standard error (paired); seed-to-seed sd fp32 / bf16:")
    print((c['mean'].round(4).astype(str) + ' ± ' + c['se'].round(4).astype(str) + '; ' +
           c['sd']['fp32'].round(4).astype(str) + ' / ' + c['sd']['bf16'].round(4).astype(str)).to_string())
    print(f"mean difference beyond 2 standard errors: {len(c['outside'])} cells"
          + (': ' + ', '.join(f"H² = {h:g} trait {k} {n} ({v:+.4f})" for (h, k, n), v in c['outside'].items())
             if len(c['outside']) else ''))
    print(f"bf16's seed-to-seed sd over twice fp32's: {int(c['wider'].sum())} of {c['cells']} cells")
    per_fit = table.groupby('precision')[['seconds', 'epochs']].agg(['mean', 'min', 'max'])
    for p in ('fp32', 'bf16'):
        e = per_fit.loc[p, 'epochs']
        print(f"per fit, {p}: {per_fit.loc[p, ('seconds', 'mean')]:.1f} s, {e['mean']:.0f} epochs "
              f"({e['min']:.0f}–{e['max']:.0f})")

if __name__ == '__main__': main()
