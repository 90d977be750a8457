"""What limits the scan's power on dense panels: the additive background, as estimated against as known (issue 20).

The scan (`scan_study`) tests every pair on phenotypes less their additive background, each individual's ridge
prediction from every marker made without that individual. On the dense panels of `bench/epistasis_dense.py` it ranks
more true interactions first than PLINK on nearly every trait, and ties or trails on a few. This bench asks how much
more a better background could give, by scanning the same panels three ways:

- none: the phenotypes as they are (PLINK's test; what the background is worth);
- ridge: gpelm's default, the leave-one-out ridge prediction (its held-out R² is reported per trait);
- true additive: the phenotypes less their least-squares fit on the true additive genetic value Σ β_i x_i of the
  simulation's truth table (an oracle no real panel has: what a perfect additive background would remove).

Each scan's pairs are folded into distinct interactions and conditioned as the dense bench does (`distinct_scores`),
and scored by the same rule: distinct true interactions among the first k (k = the trait's true pairs), distinct calls
and false distinct calls at 5 % FDR; each scan's seconds beside its floor (`bench/floor.py`). The R² column is the share
of the phenotypes' variance the background removes (held out for ridge; in sample for the oracle, one coefficient per
trait).

Run (quiet machine): python bench/background_limit.py --csv bench/background_limit.csv
"""
import argparse, dataclasses, time

import numpy as np
import pandas as pd

from gpelm.scan import scan_study
from gpelm.simulate import genetic_values
from epistasis_dense import add_panel_options, dense_panel, distinct_scores
from floor import machine_record, scan_floor

BACKGROUNDS = ('none', 'ridge', 'true additive')

def less_true_additive(study):
    """`study` with its training phenotypes less their least-squares fit on the true additive genetic value, and that
    fit's R² per trait."""
    train = study.train
    y = train.phenotypes.double()
    additive = genetic_values(study.effects.assign(epi_eff=0.0), train.x())
    a, yc = additive - additive.mean(0), y - y.mean(0)
    slope = (a * yc).sum(0) / (a * a).sum(0).clamp(min=1e-300)      # 0 where a trait has no additive effect
    residual = yc - slope * a
    r2 = 1 - residual.pow(2).sum(0) / yc.pow(2).sum(0)
    return dataclasses.replace(study, train=dataclasses.replace(train, phenotypes=residual.float())), r2.tolist()

def scanned(study, background: str, top: int) -> tuple:
    "The scan of the training individuals with this background: its ScanResult, seconds, and the R² removed per trait."
    start = time.perf_counter()
    if background == 'true additive':
        study, r2 = less_true_additive(study)
        scan = scan_study(study, on='train', top=top, background='none')
    else:
        scan = scan_study(study, on='train', top=top, background=background)
        r2 = [t.get('background_held_out_r2', 0.0) for t in scan.summary['traits'].values()]
    return scan, time.perf_counter() - start, r2

def one_panel(cross, n, L, chromosomes, cM, qtl, H2, seed, top) -> list:
    study = dense_panel(cross, n, L, chromosomes, cM, qtl, H2, seed, additive=False)
    rows = []
    for background in BACKGROUNDS:
        scan, seconds, r2 = scanned(study, background, top)
        tests = {k: v['tests'] for k, v in scan.summary['traits'].items()}
        floor = scan_floor(scan.summary)['seconds']      # the pair tests' matrix products alone, at this machine's rates
        for k, scores in enumerate(distinct_scores(study, scan.pairs, 't', tests, scan.tested), 1):
            rows.append(dict(cross=cross, n=n, loci=L, H2=H2, seed=seed, background=background, trait=k,
                             background_r2=r2[k - 1], seconds=seconds, floor_seconds=floor, **scores))
        print(f"  {cross} seed {seed} background {background}: {seconds:.0f} s (floor {floor:.0f} s)", flush=True)
    return rows

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    add_panel_options(ap)                      # the dense bench's panels
    ap.add_argument('--H2', type=float, default=0.8)
    ap.add_argument('--seeds', type=int, nargs='+', default=[1, 2, 3])
    ap.add_argument('--top', type=int, default=500_000, help='pairs each scan keeps per trait (as the dense bench)')
    ap.add_argument('--csv', default=None)
    args = ap.parse_args()
    record = machine_record()
    rows = []
    for cross in args.crosses:
        for seed in args.seeds:
            rows += one_panel(cross, args.n, args.loci, args.chromosomes, args.chromosome_cm, args.qtl, args.H2, seed,
                              args.top)
            table = pd.DataFrame(rows).assign(top=args.top, **{k: v for k, v in record.items() if np.isscalar(v)})
            if args.csv: table.to_csv(args.csv, index=False)
    epistatic = table[table.true_pairs > 0]
    print(record)
    print(epistatic.pivot_table(index=['cross', 'seed', 'trait'], columns='background', sort=False,
                                values=['distinct_true_in_first_k', 'background_r2']).round(3).to_string())
    print(epistatic.groupby(['cross', 'background'], sort=False).agg(
        distinct_true_in_first_k=('distinct_true_in_first_k', 'sum'), distinct_called=('distinct_called', 'sum'),
        false_distinct_called=('false_distinct_called', 'sum'), seconds=('seconds', 'mean'),
        floor_seconds=('floor_seconds', 'mean')).round(1).to_string())

if __name__ == '__main__':
    main()
