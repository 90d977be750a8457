"""Distinct interactions on dense, linked panels: gpelm against PLINK 1.9 `--epistasis` (issue 20).

Data: `simulate(cross=…)`: individuals of a cross between two inbred lines (haploid segregants, or an F2), drawn by
meiosis along a genetic map (Haldane crossovers): `--loci` markers evenly spaced on `--chromosomes` chromosomes of
`--chromosome-cm` cM; the pub's architecture on `--qtl` causal markers placed among them (32 pairs per epistatic
trait); environmental noise to H². Every method sees the training individuals (the first 85 %). Methods:

- gpelm screen: the screen's network and `screen_epistasis` with ELM's candidates (the loci its locus screen selects,
  one lead marker per region of markers in LD, every pair of leads tested, the called ones refined within their
  regions); time includes training.
- gpelm screen, scan candidates: the same with `candidates='scan'` (the exhaustive scan's pairs folded into distinct
  interactions, in the scan's order; its calls estimated).
- gpelm scan: PLINK's statistic for every pair by matrix products (`scan_study`, its default: the additive
  background removed first), the strongest `--top` kept.
- PLINK 1.9 `--epistasis` on the same training individuals (`plink_epistasis`; pairs with p below a threshold that
  reports about 500,000 per trait). Skipped, and said so, where PLINK is not installed (`apt-get install plink1.9`).
- PLINK 1.9 `--epistasis`, gpelm conditioning: PLINK's same list through gpelm's last step (below), on PLINK's
  phenotypes: what that step alone is worth.

Every method's ranked pair list is folded into distinct interactions by the same rule (`gpelm.clump`,
r² ≥ 0.5 with an interaction's index markers at both ends, on the same chromosome), q taken over the distinct
interactions with every pair the method tested counted as a test. gpelm's methods then condition each trait's
distinct interactions on the stronger ones (`conditional_interactions`: a call whose product term falls out given
the kept interactions is a shadow, and only the kept ones are calls; PLINK's own row is clumped only, as a PLINK
user would). Interactions whose two index markers are one locus (`within_region`) are set apart, and the scores
below count interactions between loci. A distinct interaction is true
when its two index markers each have r² ≥ 0.5 with the loci of a true pair; each true pair counts once. Scores per
trait: distinct true interactions among the first k distinct ones (k = the trait's true pairs), distinct calls and
false distinct calls at 5 % FDR (q as each method computes it; `called`), wall time and peak memory (resident high-water mark;
PLINK: its process's), and the panel's floor (`floor_seconds`: every pair's test as matrix products, the statistic
PLINK and gpelm's scan compute, at this machine's rates measured in the run; `bench/floor.py`). Additive-only panels
(`--additive-seeds`: every trait V_A/V_G = 1) measure false distinct calls where no interaction exists. Writes a CSV,
prints the table with this machine's record.

Run (quiet machine): python bench/epistasis_dense.py --csv bench/epistasis_dense.csv, then, so that gpelm's ranked list
is as long as PLINK's (one interaction on a dense panel has tens of thousands of marker-pair copies, and a shorter list
reaches fewer distinct interactions): python bench/epistasis_dense.py --methods "gpelm scan" --top 500000
--additive-seeds --csv bench/epistasis_dense.csv --merge
"""
import argparse, resource, tempfile, time
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from gpelm.simulate import simulate, PUB_VA_VG
from gpelm.noise import add_environmental_noise
from gpelm.data import true_pairs
from gpelm.train import fit
from gpelm.scan import scan_study
from gpelm.clump import distinct_by_trait, CLUMP_R2, PAIR_FDR
from gpelm.screen import SCREEN_TRAINING, screen_epistasis
from gpelm.peers import plink_epistasis, plink_executable
from floor import machine_record, scan_floor_of
from epistasis_vs_plink import Peak

FDR = PAIR_FDR
PLINK = plink_executable()

def r2_with(x: torch.Tensor, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    "Squared correlation of columns a[i] and b[i] of x (0-based), elementwise."
    za, zb = x[:, a].double(), x[:, b].double()
    za, zb = za - za.mean(0), zb - zb.mean(0)
    return (((za * zb).sum(0) ** 2) / ((za * za).sum(0) * (zb * zb).sum(0)).clamp(min=1e-300)).numpy()

def score(interactions: pd.DataFrame, truth: pd.DataFrame, x: torch.Tensor, chrom: np.ndarray) -> dict:
    """Distinct true interactions among the first k distinct ones, distinct calls, false distinct calls (`called`)."""
    k = len(truth)
    lead = interactions[['locus1', 'locus2']].to_numpy() - 1
    true = truth[['locus1', 'locus2']].to_numpy() - 1
    matched = np.full(len(lead), -1)
    if len(lead) and len(true):
        for t, (a, b) in enumerate(true):                     # 32 true pairs: each against every interaction at once
            for u, v in ((a, b), (b, a)):
                ok = ((chrom[lead[:, 0]] == chrom[u]) & (chrom[lead[:, 1]] == chrom[v]) &
                      (r2_with(x, lead[:, 0], np.full(len(lead), u)) >= CLUMP_R2) &
                      (r2_with(x, lead[:, 1], np.full(len(lead), v)) >= CLUMP_R2))
                matched = np.where((matched < 0) & ok, t, matched)
    first_k = matched[:k]
    called = interactions.called.to_numpy(dtype=bool)
    return {'true_pairs': k, 'distinct_true_in_first_k': len(set(first_k[first_k >= 0])),
            'distinct_called': int(called.sum()), 'false_distinct_called': int((called & (matched < 0)).sum())}

def panel_floor(study) -> float:
    "Seconds every pair's test on the training individuals takes as matrix products alone, at this machine's rates now."
    return scan_floor_of(study.train.n, study.n_loci, study.train.ploidy, traits=study.n_traits)['seconds']

def dense_panel(cross, n, L, chromosomes, cM, qtl, H2, seed, additive):
    "The simulated panel: a cross drawn along its genetic map, the pub's architecture (or additive only), noise to H²."
    va_vg = (1.0,) * 5 if additive else PUB_VA_VG
    return add_environmental_noise(simulate(n=n, n_loci=L, n_qtl=qtl, va_vg=va_vg, seed=seed, cross=cross,
                                            chromosomes=chromosomes, chromosome_cM=cM), H2, seed=seed)

def distinct_scores(study, pairs: pd.DataFrame, key: str, tests: dict, tested, condition: bool = True) -> list:
    """Per trait, `score` of a method's ranked pairs (strongest |key| first) folded into distinct interactions by the
    one rule, every pair the method tested (`tests`, per trait) counted in q; between loci only."""
    x, chrom = study.train.x(), study.locus_map.chromosome.to_numpy()
    truth = true_pairs(study.effects)
    order = pairs.assign(_s=-pairs[key].abs()).sort_values(['trait', '_s'], kind='stable').drop(columns='_s')
    _, every, _ = distinct_by_trait(order, tested, study.locus_map, tests, fdr=FDR, condition=condition)
    return [score(every[(every.trait == k) & ~every.within_region.astype(bool)], truth[truth.trait == k], x, chrom)
            for k in range(1, study.n_traits + 1)]

def one_panel(cross, n, L, chromosomes, cM, qtl, H2, seed, additive, top, methods, workdir) -> list:
    study = dense_panel(cross, n, L, chromosomes, cM, qtl, H2, seed, additive)
    rows, floor = [], panel_floor(study)
    def add(method, pairs, seconds, mib, key, tests, tested, condition=True):
        for k, scores in enumerate(distinct_scores(study, pairs, key, tests, tested, condition), 1):
            rows.append(dict(cross=cross, n=n, loci=L, chromosomes=chromosomes, chromosome_cM=cM, qtl=qtl, H2=H2,
                             seed=seed, panel='additive' if additive else 'epistatic',
                             method=method, trait=k, seconds=seconds, floor_seconds=floor, peak_mib=mib, **scores))
        print(f"  {cross} seed {seed} {'additive ' if additive else ''}{method}: {seconds:.0f} s", flush=True)
    for candidates in ('elm', 'scan'):
        name = 'gpelm screen' + ('' if candidates == 'elm' else ', scan candidates')
        if name not in methods: continue
        with Peak() as cost:
            model = fit(study, progress=False, seed=seed, **SCREEN_TRAINING).model
            screen = screen_epistasis(model, study, fdr=FDR, seed=seed, candidates=candidates)
        tested = {k: v.get('pairs_tested', v['candidate_pairs']) for k, v in screen.summary['traits'].items()}
        add(name, screen.pairs.assign(order=1 / screen.pairs['rank']), cost.seconds, cost.mib, 'order', tested,
            screen.tested)
    if 'gpelm scan' in methods:
        with Peak() as cost:
            scanned = scan_study(study, on='train', top=top)
        add('gpelm scan', scanned.pairs, cost.seconds, cost.mib, 't',
            {k: v['tests'] for k, v in scanned.summary['traits'].items()}, scanned.tested)
    plink_methods = [m for m in methods if m.startswith('PLINK')]
    if plink_methods and PLINK:                  # one PLINK run for both of its rows
        epi1 = min(1.0, 5e5 / (L * (L - 1) // 2))
        with tempfile.TemporaryDirectory(dir=workdir) as tmp:
            reported, seconds = plink_epistasis(study, tmp, epi1=epi1)
        mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        every_pair = {k: L * (L - 1) // 2 for k in range(1, study.n_traits + 1)}
        for method in plink_methods:
            add(method, reported.assign(order=reported.stat), seconds, mib, 'order', every_pair, study.train,
                condition=method != PLINK_AS_IS)
    return rows

PLINK_AS_IS = 'PLINK 1.9 --epistasis'
METHODS = ('gpelm screen', 'gpelm screen, scan candidates', 'gpelm scan', PLINK_AS_IS,
           'PLINK 1.9 --epistasis, gpelm conditioning')
KEY = ['cross', 'n', 'loci', 'H2', 'seed', 'panel', 'method']   # a row's panel and method: --merge replaces by it

def written(rows: list, record: dict, top: int, csv, merge: bool) -> pd.DataFrame:
    "This run's rows as a table, written to `csv` (merged into it with `merge`): after every panel, so a stopped run keeps its panels."
    table = pd.DataFrame(rows).assign(top=top, **{k: v for k, v in record.items() if np.isscalar(v)})
    if merge and csv and Path(csv).exists():
        old = pd.read_csv(csv)
        old = old[~old.set_index(KEY).index.isin(table.set_index(KEY).index)]
        table = pd.concat([old, table], ignore_index=True)
    if csv: table.to_csv(csv, index=False)
    return table

def add_panel_options(ap: argparse.ArgumentParser):
    "The dense panels' shape: crosses, individuals, markers, chromosomes and their length, causal markers."
    ap.add_argument('--crosses', nargs='+', default=['segregant', 'f2'])
    ap.add_argument('--n', type=int, default=1000)
    ap.add_argument('--loci', type=int, default=12_000)
    ap.add_argument('--chromosomes', type=int, default=16)
    ap.add_argument('--chromosome-cm', type=float, default=150.0)
    ap.add_argument('--qtl', type=int, default=64)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    add_panel_options(ap)
    ap.add_argument('--H2', type=float, nargs='+', default=[0.8])
    ap.add_argument('--seeds', type=int, nargs='*', default=[1], help='epistatic panels (none: additive-only panels only)')
    ap.add_argument('--additive-seeds', type=int, nargs='*', default=[1, 2])
    ap.add_argument('--top', type=int, default=100_000, help='pairs gpelm scan keeps per trait (PLINK reports ~500,000)')
    ap.add_argument('--methods', nargs='+', default=list(METHODS[1:]), choices=METHODS,
                    help="default: all but the ELM-candidate screen (its regions' lead pairs; on these panels it finds fewer "
                         "true interactions than the scan, see the Benchmarks page)")
    ap.add_argument('--csv', default=None)
    ap.add_argument('--merge', action='store_true',
                    help="put this run's rows into --csv in place of the same panels' rows of the same methods")
    args = ap.parse_args()
    if not PLINK: print("PLINK 1.9 not found (apt-get install plink1.9): its rows are skipped")
    record = machine_record()
    rows = []
    panels = [(cross, H2, seed, False) for cross in args.crosses for H2 in args.H2 for seed in args.seeds] + \
             [(cross, max(args.H2), seed, True) for cross in args.crosses for seed in args.additive_seeds]
    with tempfile.TemporaryDirectory() as work:
        for cross, H2, seed, additive in panels:
            rows += one_panel(cross, args.n, args.loci, args.chromosomes, args.chromosome_cm, args.qtl, H2, seed,
                              additive, args.top, args.methods, Path(work))
            table = written(rows, record, args.top, args.csv, args.merge)
    epistatic = table[(table.panel == 'epistatic') & (table.true_pairs > 0)]
    summary = epistatic.groupby(['cross', 'H2', 'method'], sort=False).agg(
        true_in_first_k=('distinct_true_in_first_k', 'sum'), true_pairs=('true_pairs', 'sum'),
        distinct_called=('distinct_called', 'sum'), false_distinct_called=('false_distinct_called', 'sum'),
        seconds=('seconds', 'first'), floor_seconds=('floor_seconds', 'first'), peak_mib=('peak_mib', 'first'))
    null = table[table.panel == 'additive'].groupby(['cross', 'method'], sort=False).false_distinct_called.sum()
    print(record)
    print(summary.to_string())
    print("false distinct calls on additive-only panels (all traits, all seeds):")
    print(null.to_string())

if __name__ == '__main__':
    main()
