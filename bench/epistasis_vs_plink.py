"""The epistasis screen against PLINK 1.9 `--epistasis` and the classical two-stage approach, on the same data (issue 9).

Data: `simulate(n, L, n_qtl=64)` (the pub's architecture on 64 causal loci placed among L, the rest null), environmental
noise to H², written as a PLINK 1 fileset with `write_plink` (what `gpelm simulate --format plink` writes). Every
method sees the training individuals only (the first 85 %); the truth scores them. Methods:

- gpelm screen: the screen's network (`SCREEN_TRAINING`), locus screen and partner scan, per-pair tests and LASSO
  refit of candidate pairs (`screen_epistasis`), candidates in the screen's order (`rank`: for ELM's candidates, |t|
  in the refit's joint model, `joint_t`); calls by the per-pair test's q; its time includes the training.
- gpelm screen, scan candidates (`screen_scan`): the same screen with `candidates='scan'`: the exhaustive scan's
  strongest pairs folded into distinct interactions, in the scan's order (its calls estimated); the same network
  (fitted again with the same seed), time includes training.
- gpelm all-pairs ELM: the same network's Jacobians and `top_pairs` (the strongest `--top` pairs per trait by
  |ELM estimate|); time without the training it shares with the screen.
- marginal two-stage: loci ranked by |corr(x_i, y)| (a GWAS-style marginal scan), as many kept per trait as the gpelm
  screen selected, then the same per-pair test on their pairs (`gpelm.peers.marginal_two_stage`).
- gpelm scan: PLINK's regression for every pair by matrix products (`gpelm.scan.scan_study`, on the training
  individuals), the strongest `--top` pairs per trait by |t| kept; calls by q over every pair tested. Its floor (the
  genotype products at this machine's rate for the product the scan picked, int8 or fp32, the trait products at its
  fp32 rate, both measured in the run) is in the `floor_seconds` column.
- PLINK 1.9 `--epistasis` (one regression with an interaction term per pair, all pairs), `--keep-allele-order`, on the
  training individuals, 2 threads, one phenotype per run (`gpelm.peers.plink_epistasis`). It reports pairs with p below `--epi1`: 1 at L ≤ 1,000 (every pair); at larger L a
  threshold that reports about 500,000 pairs per trait. Unreported pairs tie at the bottom of its ranking.
  Install: `apt-get install plink1.9` (Debian/Ubuntu). Skipped, and said so, when absent.
- LASSO on all pair terms (at L ≤ `--lasso-up-to`, default 1,000): every additive and every pair term, λ by 5-fold
  cross-validation within the training individuals (`gpelm.peers.all_pairs_lasso`, exact by strong rules and
  optimality checks); run on the scored traits only, ranked by |coefficient|; no p values, so no calls.
- truth model (reference, not a method): what the data allow a ranking that knew the truth. Every pair among the
  trait's causal loci, ranked by |t| of its product term in one least-squares fit of the true model (the causal loci's
  additive terms and the true pair terms; `gpelm.screen.joint_pair_t`). A true pair whose |t| there falls among the
  null pairs' cannot be found at this n by any ranking, so its precision at k is the yardstick for the others'.

Scores per epistatic trait (true pairs k = 32): detection AUC over all L(L−1)/2 pairs (a method's untested pairs
are ranked below its tested ones: gpelm screen by the two loci's screen p values, the marginal rival by their marginal
|z|; ELM all-pairs and PLINK leave theirs tied); precision at k; true and false pairs called at 5 % FDR (q over the
pairs a method tested; PLINK: Benjamini–Hochberg over all pairs); Pearson r of estimates against the true effects over
the true pairs (0 where a method has no estimate); wall time; peak memory (resident-set high-water mark over the
method, Linux; PLINK: its process's). Writes a CSV, prints the table.

Run (quiet machine): python bench/epistasis_vs_plink.py --loci 1000 10000 --H2 1 0.5 0.25 --csv bench/epistasis_vs_plink.csv
(seed 1), then the target setting on more data sets: `--loci 10000 --H2 0.5 --seeds 2 3 4 5 --merge` (each seed its own
simulation and network; rows are kept per seed).
`--methods lasso --merge` runs some methods only and puts their rows into an existing CSV in place of the same
method's rows at the same L, H² and seed.
"""
import argparse, resource, tempfile, time
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from gpelm.simulate import simulate
from gpelm.noise import add_environmental_noise
from gpelm.data import true_pairs
from gpelm.train import fit
from gpelm.elm import jacobians
from gpelm.estimators import top_pairs
from gpelm.scan import scan_study
from gpelm.screen import SCREEN_TRAINING, screen_epistasis, joint_pair_t
from gpelm.peers import marginal_two_stage, plink_epistasis, plink_executable, all_pairs_lasso
from floor import machine_record, scan_floor

PLINK = plink_executable()
FDR = 0.05

def _status(key: str) -> int:
    return int(next(l for l in open('/proc/self/status') if l.startswith(key)).split()[1])

class Peak:
    "Wall time and resident-memory high-water mark added over a block (Linux: VmHWM reset before it)."
    def __enter__(self):
        open('/proc/self/clear_refs', 'w').write('5')
        self.base, self.start = _status('VmRSS:'), time.perf_counter()
        return self
    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self.mib = (_status('VmHWM:') - self.base) / 1024

def upper_scores(L: int, fill: float) -> torch.Tensor:
    return torch.full((L, L), fill, dtype=torch.float32)

def by_screen_rank(pairs: pd.DataFrame, scores: torch.Tensor) -> torch.Tensor:
    "L×L `scores` of the pairs a screen did not test, with its tested `pairs` above them all in its own order (`rank`)."
    scores[pairs.locus1.to_numpy() - 1, pairs.locus2.to_numpy() - 1] = \
        torch.tensor(1000 + len(pairs) - pairs['rank'].to_numpy(), dtype=torch.float32)
    return scores

def detection(scores: torch.Tensor, truth: pd.DataFrame):
    "AUC over every pair i < j (ties count half) and precision at k = number of true pairs, from an L×L score matrix."
    L = scores.shape[0]
    flat = scores[torch.ones(L, L, dtype=torch.bool).triu(1)].numpy()      # the upper triangle: each pair once
    positive = scores[truth.locus1.to_numpy() - 1, truth.locus2.to_numpy() - 1].numpy()
    ordered = np.sort(flat)
    below = np.searchsorted(ordered, positive, 'left') - np.searchsorted(np.sort(positive), positive, 'left')
    ties = (np.searchsorted(ordered, positive, 'right') - np.searchsorted(ordered, positive, 'left')
            - (np.searchsorted(np.sort(positive), positive, 'right') - np.searchsorted(np.sort(positive), positive, 'left')))
    auc = float(((below + 0.5 * ties) / (len(flat) - len(positive))).mean())   # positives removed from the counts
    k = len(truth)
    threshold = ordered[-k]
    above = int((positive > threshold).sum())
    room = k - int((flat > threshold).sum())                             # tied places at the cut, shared at random
    tied_true, tied_all = int((positive == threshold).sum()), int((flat == threshold).sum())
    return auc, (above + room * tied_true / max(tied_all, 1)) / k

def estimate_r(estimates: dict, truth: pd.DataFrame) -> float:
    "Pearson r of a method's estimates against the true effects over the true pairs (0 where it has none)."
    est = np.array([estimates.get((a, b), 0.0) for a, b in zip(truth.locus1, truth.locus2)])
    if np.all(est == 0): return float('nan')
    return float(np.corrcoef(est, truth.epi_eff)[0, 1])

def called_counts(calls: set, truth: pd.DataFrame):
    true_set = set(zip(truth.locus1, truth.locus2))
    return len(calls & true_set), len(calls - true_set)

METHODS = ('screen', 'elm', 'marginal', 'screen_scan', 'scan', 'plink', 'lasso', 'truth')
REFERENCE = 'truth model (reference)'    # the yardstick row's method label: the README reads it from here

def one_setting(L: int, H2: float, n: int, qtl: int, seed: int, top: int, workdir: Path, methods: set,
                lasso_up_to: int) -> list:
    study = add_environmental_noise(simulate(n=n, n_loci=L, n_qtl=qtl, seed=seed), H2, seed=seed)
    truth_all = true_pairs(study.effects)
    traits = [k for k in range(1, study.n_traits + 1) if (truth_all.trait == k).any()]
    rows = []
    def row(method, k, scores, estimates, calls, seconds, mib, **extra):
        truth = truth_all[truth_all.trait == k]
        auc, precision = detection(scores, truth)
        found, false = called_counts(calls, truth) if calls is not None else (np.nan, np.nan)
        rows.append(dict(loci=L, H2=H2, n=n, seed=seed, method=method, trait=k, true_pairs=len(truth), auc=auc,
                         precision_at_k=precision, true_called_5pc_fdr=found, false_called_5pc_fdr=false,
                         estimate_r=estimate_r(estimates, truth), seconds=seconds, peak_mib=mib, **extra))

    x = study.train.x()
    if methods & {'screen', 'elm', 'marginal'}:        # the screen's network, and the rivals that use it
        # gpelm screen, training included
        with Peak() as screen_cost:
            model = fit(study, progress=False, seed=seed, **SCREEN_TRAINING).model
            screen = screen_epistasis(model, study, fdr=FDR, seed=seed)
        loci = screen.loci
        for k in traits:
            lt = loci[loci.trait == k]
            logp = torch.tensor(-np.log10(lt.p.to_numpy()), dtype=torch.float32)
            scores = (logp.unsqueeze(1) + logp.unsqueeze(0))                    # untested: both loci's screen evidence
            pt = screen.pairs[screen.pairs.trait == k]
            scores = by_screen_rank(pt, scores)
            estimates = dict(zip(zip(pt.locus1, pt.locus2), pt.lasso_estimate.fillna(0.0)))
            calls = set(zip(pt[pt.called].locus1, pt[pt.called].locus2))
            epistatic = set(study.effects[(study.effects.trait == k) & (study.effects.epi_eff != 0)].locus)
            causal = set(study.effects[(study.effects.trait == k) & ((study.effects.epi_eff != 0) |
                                                                     (study.effects.add_eff != 0))].locus)
            chosen = set(lt[lt.selected].locus)
            null_p = lt[~lt.locus.isin(causal)].p
            row('gpelm screen', k, scores, estimates, calls,
                screen_cost.seconds, screen_cost.mib, loci_selected=len(chosen),
                epistatic_loci_selected=len(chosen & epistatic), null_loci_selected=len(chosen - causal),
                null_locus_p_below_1pc=float((null_p < 0.01).mean()), candidate_pairs=len(pt))
        m_per_trait = {k: int(loci[(loci.trait == k) & loci.selected].shape[0]) for k in traits}
        # gpelm all-pairs ELM (the same network)
        with Peak() as elm_cost:
            best = top_pairs(jacobians(model, x), x, k=top)
        for k in traits:
            bt = best[best.trait == k]
            scores = upper_scores(L, -1.0)
            scores[bt.locus1.to_numpy() - 1, bt.locus2.to_numpy() - 1] = torch.tensor(bt.est_epi_eff.abs().to_numpy(),
                                                                                      dtype=torch.float32)
            row('gpelm all-pairs ELM', k, scores, dict(zip(zip(bt.locus1, bt.locus2), bt.est_epi_eff)), None,
                elm_cost.seconds, elm_cost.mib)
        # marginal two-stage: the same number of loci per trait, chosen by marginal |z|
        with Peak() as marginal_cost:
            rival = marginal_two_stage(study, m_per_trait, fdr=FDR)
        for k in traits:
            mt = rival.pairs[rival.pairs.trait == k]
            zk = torch.tensor(rival.loci[rival.loci.trait == k].marginal_z.abs().to_numpy(), dtype=torch.float32)
            scores = zk.unsqueeze(1) + zk.unsqueeze(0)                            # untested: both loci's marginal |z|
            scores[mt.locus1.to_numpy() - 1, mt.locus2.to_numpy() - 1] = \
                torch.tensor(1000 + mt.t.abs().to_numpy(), dtype=torch.float32)
            row('marginal two-stage', k, scores, dict(zip(zip(mt.locus1, mt.locus2), mt.interaction)),
                set(zip(mt[mt.called].locus1, mt[mt.called].locus2)), marginal_cost.seconds, marginal_cost.mib)
    if 'screen_scan' in methods:                       # the same screen and network, candidates from the scan
        with Peak() as cost:
            model = fit(study, progress=False, seed=seed, **SCREEN_TRAINING).model
            screen = screen_epistasis(model, study, fdr=FDR, seed=seed, candidates='scan')
        for k in traits:
            pt = screen.pairs[screen.pairs.trait == k]
            scores = by_screen_rank(pt, upper_scores(L, -1.0))
            row('gpelm screen, scan candidates', k, scores, dict(zip(zip(pt.locus1, pt.locus2), pt.lasso_estimate.fillna(0.0))),
                set(zip(pt[pt.called].locus1, pt[pt.called].locus2)), cost.seconds, cost.mib, candidate_pairs=len(pt))
    if 'scan' in methods:                              # gpelm scan: every pair, PLINK's statistic
        with Peak() as scan_cost:
            scanned = scan_study(study, on='train', top=top)
        floor = scan_floor(scanned.summary)
        for k in traits:
            st = scanned.pairs[(scanned.pairs.trait == k) & scanned.pairs.t.notna()]   # untestable pairs listed last: no score
            scores = upper_scores(L, -1.0)
            scores[st.locus1.to_numpy() - 1, st.locus2.to_numpy() - 1] = torch.tensor(st.t.abs().to_numpy(),
                                                                                      dtype=torch.float32)
            row('gpelm scan', k, scores, dict(zip(zip(st.locus1, st.locus2), st.interaction)),
                set(zip(st[st.q < FDR].locus1, st[st.q < FDR].locus2)), scan_cost.seconds, scan_cost.mib,
                floor_seconds=floor['seconds'])
    # PLINK 1.9 --epistasis, all pairs
    if 'plink' in methods:
        n_pairs = L * (L - 1) // 2
        epi1 = 1.0 if L <= 1000 else min(1.0, 5e5 / n_pairs)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with tempfile.TemporaryDirectory(dir=workdir) as tmp:
            reported, seconds = plink_epistasis(study, tmp, epi1=epi1)
        mib = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        for k in traits:
            pt = reported[reported.trait == k]
            scores = upper_scores(L, -1.0)
            scores[pt.locus1.to_numpy() - 1, pt.locus2.to_numpy() - 1] = \
                torch.tensor(pt.stat.to_numpy(), dtype=torch.float32)           # its χ² statistic: P prints as 0
            row('PLINK 1.9 --epistasis', k, scores, dict(zip(zip(pt.locus1, pt.locus2), pt.interaction)),
                set(zip(pt[pt.q < FDR].locus1, pt[pt.q < FDR].locus2)), seconds, mib, epi1=epi1)
    if 'lasso' in methods and L <= lasso_up_to:          # explicit LASSO on every additive and pair term
        with Peak() as lasso_cost:
            fits = {k: all_pairs_lasso(x, study.train.phenotypes[:, k - 1], seed=seed) for k in traits}
        for k in traits:
            coef = fits[k]['interaction']
            i, j = np.nonzero(coef)
            row('LASSO, all pair terms', k, torch.tensor(np.abs(coef), dtype=torch.float32),
                dict(zip(zip(i + 1, j + 1), coef[i, j])), None, lasso_cost.seconds, lasso_cost.mib,
                lasso_terms=int(len(i) + np.count_nonzero(fits[k]['additive'])),
                lasso_lambdas_reached=fits[k]['lambdas_reached'])
    if 'truth' in methods:
        effects = study.effects
        with Peak() as truth_cost:
            fits = {}
            for k in traits:
                mine = effects[effects.trait == k]
                causal = mine[(mine.add_eff != 0) | (mine.epi_eff != 0)].locus.to_numpy() - 1
                pairs = causal[np.array(np.triu_indices(len(causal), 1)).T]              # sorted: i < j
                tk = truth_all[truth_all.trait == k]
                true_codes = np.minimum(tk.locus1, tk.locus2).to_numpy() * L + np.maximum(tk.locus1, tk.locus2).to_numpy()
                in_model = np.isin((pairs[:, 0] + 1) * L + pairs[:, 1] + 1, true_codes)
                fits[k] = pairs, joint_pair_t(x, study.train.phenotypes[:, k - 1], causal, pairs, in_model)
        for k in traits:
            pairs, t = fits[k]
            scores = upper_scores(L, 0.0)
            scores[pairs[:, 0], pairs[:, 1]] = torch.tensor(1000 + np.abs(np.nan_to_num(t)), dtype=torch.float32)
            row(REFERENCE, k, scores, {}, None, truth_cost.seconds, truth_cost.mib)
    return rows

def run_record() -> dict:
    "What made the numbers: the machine record, and which PLINK."
    return machine_record() | {'plink': PLINK or ''}

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--loci', type=int, nargs='+', default=[1000, 10000])
    ap.add_argument('--H2', type=float, nargs='+', default=[1.0, 0.5, 0.25])
    ap.add_argument('--n', type=int, default=10_000)
    ap.add_argument('--qtl', type=int, default=64)
    ap.add_argument('--seeds', type=int, nargs='+', default=[1],
                    help='one simulated data set (and network) per seed; the CSV keeps a row per seed')
    ap.add_argument('--top', type=int, default=200_000, help='pairs per trait kept by the all-pairs ELM stream')
    ap.add_argument('--no-plink', action='store_true')
    ap.add_argument('--methods', nargs='+', choices=METHODS, default=list(METHODS),
                    help='screen, elm and marginal share one network and run together')
    ap.add_argument('--lasso-up-to', type=int, default=1000, help='largest L at which the all-pairs LASSO runs')
    ap.add_argument('--merge', action='store_true', help="replace only these methods' rows in an existing --csv")
    ap.add_argument('--csv', default='epistasis_vs_plink.csv')
    args = ap.parse_args()
    torch.set_num_threads(2)
    methods = set(args.methods)
    if methods & {'screen', 'elm', 'marginal'}: methods |= {'screen', 'elm', 'marginal'}
    if PLINK is None or args.no_plink: methods.discard('plink')
    if PLINK is None: print("PLINK 1.9 not found (apt-get install plink1.9): its rows are skipped")
    rows, partial = [], Path(args.csv).with_suffix('.partial.csv')
    with tempfile.TemporaryDirectory() as tmp:
        for L in args.loci:
            for H2 in args.H2:
                for seed in args.seeds:
                    print(f"L = {L}, H² = {H2:g}, seed {seed} ...", flush=True)
                    rows += one_setting(L, H2, args.n, args.qtl, seed, args.top, Path(tmp), methods, args.lasso_up_to)
                    pd.DataFrame(rows).to_csv(partial, index=False)      # after every setting: a partial run is kept
    table = pd.DataFrame(rows).assign(**run_record())
    if args.merge and Path(args.csv).exists():
        old = pd.read_csv(args.csv)
        key = ['loci', 'H2', 'seed', 'method']
        replaced = old.set_index(key).index.isin(table.set_index(key).index)
        table = pd.concat([old[~replaced], table], ignore_index=True).sort_values(['loci', 'H2', 'seed'], kind='stable')
    table.to_csv(args.csv, index=False)
    partial.unlink(missing_ok=True)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; n = {args.n}, {args.qtl} causal loci, "
          f"seeds {', '.join(map(str, args.seeds))}")
    show = ['loci', 'H2', 'seed', 'method', 'trait', 'auc', 'precision_at_k', 'true_called_5pc_fdr', 'false_called_5pc_fdr',
            'estimate_r', 'seconds', 'peak_mib']
    print(table[show].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    totals = table.groupby(['loci', 'H2', 'seed', 'method']).agg(seconds=('seconds', 'first')).reset_index()
    print("\nwall time per method and setting (each method's time covers all traits at once):")
    print(totals.pivot_table(index=['loci', 'H2', 'seed'], columns='method', values='seconds').round(1).to_string())

if __name__ == '__main__':
    main()
