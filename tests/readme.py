"""README.md is rendered from nbs/index.ipynb, and the Benchmarks page (nbs/benchmarks.ipynb) and the README's figure
from the bench CSVs: `python tests/readme.py` rewrites all three; tests/test_repo.py checks they agree.

The results of the default pub run are not typed in: `python tests/readme.py --from RUN_DIR` stores that run's
results.json, with the machine that made it, as nbs/default_run.json, and the README's table is rendered from it
(`gpelm.pub.results_table`) wherever index.ipynb has the marker line below."""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT/'nbs'/'default_run.json'
MARKER = '<!-- results of the default pub run -->'
SCREEN_BENCH = ROOT/'bench'/'epistasis_vs_plink.csv'
BENCH_RESULTS = ROOT/'bench'/'results.csv'
CPU_PRECISION_RUNS = (ROOT/'bench'/'precision_accuracy_cpu_0.1.0.csv',    # one machine and seeds, before and after
                      ROOT/'bench'/'precision_accuracy_cpu.csv')          # 0.2.0's learning-rate schedule
PRECISION_BENCHES = [ROOT/'bench'/'precision_accuracy.csv', *CPU_PRECISION_RUNS, ROOT/'bench'/'precision_accuracy_gpu.csv']
SUMMARY_MARKER = '<!-- the screen against PLINK at the target setting -->'
DENSE_BENCH = ROOT/'bench'/'epistasis_dense.csv'
sys.path.insert(0, str(ROOT/'bench'))               # the benches' method labels, read where they are written
from epistasis_vs_plink import REFERENCE              # the screen bench's yardstick row
from epistasis_dense import METHODS as DENSE_METHODS
DENSE_ELM, DENSE_SCREEN, DENSE_SCAN, DENSE_PLINK, DENSE_PLINK_CONDITIONED = DENSE_METHODS
DENSE_MARKER = '<!-- dense panels: distinct interactions against PLINK -->'
BACKGROUND_BENCH = ROOT/'bench'/'background_limit.csv'
from background_limit import BACKGROUNDS                 # none, ridge (gpelm's default), the true additive (an oracle)
NO_BACKGROUND, RIDGE_BACKGROUND, TRUE_BACKGROUND = BACKGROUNDS
MAVENN_BENCH = ROOT/'bench'/'vs_mavenn.csv'
MAVENN_MARKER = '<!-- sequence models: gpelm beside MAVE-NN -->'
ATTENTION_BENCH = ROOT/'bench'/'attention_vs_regression.csv'
ATTENTION_MARKER = '<!-- attention against regression on fourth-order epistasis -->'
BENCHMARKS = ROOT/'nbs'/'benchmarks.ipynb'
FIGURE = ROOT/'nbs'/'images'/'pub_epistasis.png'
TARGET = {'loci': 10_000, 'H2': 0.5}                  # the setting the screen's issue set its targets at

def store_run(run_dir):
    "Keep a finished pub run's results.json, with this machine, as the README's source of numbers."
    results = json.loads((Path(run_dir)/'results.json').read_text())
    from gpelm.records import machine
    SNAPSHOT.write_text(json.dumps(results | {'machine': machine()}, indent=2) + '\n')

def verdicts(r) -> str:
    "Which method recovers the pairwise effects better, in the pub's own sentences, from the same numbers."
    import pandas as pd
    from gpelm.pub import compare_methods, compare_with_ridge
    scores = lambda block: pd.DataFrame({'trait': [int(k) for k in r[block]['epistasis_r2']],
                                         'epistasis_r2': list(r[block]['epistasis_r2'].values())})
    at_1 = compare_methods(scores('elm_H2_1'), scores('ridge_H2_1')) if r['ridge_H2_1'] else ''
    noisy = compare_with_ridge(pd.DataFrame(r['replicates']), r['parameters']['n_replicates']) if r['replicates'] else ''
    lower = lambda t: t[0].lower() + t[1:]
    return ' '.join(t for t in (f"At $H^2 = 1$, {lower(at_1)}" if at_1 else '',
                                f"At $H^2 = {r['parameters']['noisy_H2']:g}$, {lower(noisy)}" if noisy else '') if t)

def results_section(full: bool = True) -> str:
    "The pub's default run; its stage times and the same run on other devices on the Benchmarks page only (`full`)."
    from gpelm.pub import results_table
    r = json.loads(SNAPSHOT.read_text())
    seconds = r['seconds']
    label = lambda k: k.replace('_H2_1', ' at $H^2 = 1$').replace('_', ' ')
    stages = ', '.join(f"{label(k)} {v:.0f} s" for k, v in seconds.items() if k != 'total')
    precision = (f"; trained in {r['training_precision']}, what `precision='auto'` picks on this machine"
                 if 'training_precision' in r else '')
    return (f"Measured with `gpelm pub` (default parameters{precision}) on {r['machine']} with {r['torch_threads']} torch threads, "
            f"gpelm {r['gpelm_version']}, torch {r['torch_version']} ({r['created'][:10]}); its fits and analyses "
            f"took {seconds['total'] / 60:.1f} minutes in all" + (f" ({stages})" if full else '') + ".\n\n" + results_table(r) +
            f"\n\n$J(x)\\cdot x$ reproduces $f(x)$ to {r['max_rel_error']:.0e} of the output scale. " + verdicts(r)
            + (other_device_sentence(r) if full else ''))

def other_device_sentence(r: dict) -> str:
    "The same default pub run elsewhere (bench/pub_time_*.json, kept by hand from `bench/pub_time.py` runs on a GPU)."
    kept = {p.stem.removeprefix('pub_time_'): json.loads(p.read_text()) for p in sorted((ROOT/'bench').glob('pub_time_*.json'))}
    runs = {name: x for name, x in kept.items() if x['gpelm_version'] == r['gpelm_version']}   # the same training recipe
    older = ', '.join(f"`{name}` (gpelm {x['gpelm_version']})" for name, x in kept.items() if name not in runs)
    if older: older = (f" The runs on other devices kept in `bench/pub_time_*.json`, {older}, were made with a version "
                       f"of gpelm that trained differently and are not compared here.")
    if not runs: return older
    span = lambda x: f"{min(x['performance_H2_1'].values()):.3f}–{max(x['performance_H2_1'].values()):.3f}"
    gap = max(abs(x['performance_H2_1'][k] - v) for x in runs.values() for k, v in r['performance_H2_1'].items())
    listed = '; '.join(f"`{name}` (torch {x['torch_version']}, {x.get('training_precision', 'fp32')} training): "
                       f"{span(x)}, the fit at $H^2 = 1$ stopped after {x['epochs']['H2_1']['select']} epochs"
                       for name, x in runs.items())
    return (f" With the same seed and parameters on other devices (`bench/pub_time_*.json`), test $R^2$ at $H^2 = 1$ "
            f"was {listed}; here {span(r)}, after {r['epochs']['H2_1']['select']} epochs. Rounding differs between "
            f"devices, early stopping ends elsewhere, and the figures move by up to {gap:.3f}.{older}")

def higher_equal_lower(diff, cases: str) -> str:
    "How often one method's precision at k beats another's, from their differences."
    return (f"higher on {int((diff > 0).sum())} of {len(diff)} {cases}, equal on {int((diff == 0).sum())}, "
            f"lower on {int((diff < 0).sum())}")

def against_plink(method: str, rows, plink) -> str:
    "One method's precision at k and time against PLINK's, at one setting, as a sentence."
    diff = rows.set_index('trait').precision_at_k - plink.set_index('trait').precision_at_k
    ratio = plink.seconds.iloc[0] / rows.seconds.iloc[0]
    return (f" The {method}'s precision at k against PLINK's: {higher_equal_lower(diff, 'traits')}; it "
            + (f"takes 1/{ratio:.1f} of PLINK's time." if ratio >= 1 else f"takes {1 / ratio:.1f}× PLINK's time."))

def screen_section() -> str:
    "The committed epistasis bench as tables, and who wins where, in sentences computed from the same numbers."
    import pandas as pd
    every_seed = pd.read_csv(SCREEN_BENCH)
    t = every_seed[every_seed.seed == 1]                   # the full grid; other seeds in seeds_section
    r = t.iloc[0]
    head = (f"Measured by `python bench/epistasis_vs_plink.py` on {r.machine} with {r.threads} torch threads, gpelm "
            f"{r.gpelm_version}, torch {r.torch_version}, PLINK 1.9 on 2 threads ({r.date}); n = {r.n:,} individuals "
            f"(85 % used by every method, the rest unused), 64 causal loci, seed 1. Per epistatic trait (2–5): "
            f"detection AUC over all pairs, precision at k (k = the trait's 32 true pairs), true and false pairs called "
            f"at 5 % FDR, r of estimates against the true effects over the true pairs; time and peak memory per "
            f"method cover all five traits.")
    fmt = lambda v: '–' if pd.isna(v) else (f"{v:.0f}" if float(v).is_integer() and abs(v) > 1.5 else f"{v:.2f}")
    blocks = [head]
    for (L, H2), s in t.groupby(['loci', 'H2'], sort=True):
        s = pd.concat([s[s.method != REFERENCE], s[s.method == REFERENCE]])      # the yardstick last
        wide = s.pivot_table(index='method', columns='trait', values='precision_at_k', sort=False)
        rows = ['| method | precision at k, traits 2–5 | AUC, traits 2–5 | true / false called at 5 % FDR | '
                'estimate r | seconds | peak MiB |', '|---|---|---|---|---|---|---|']
        for method, m in s.groupby('method', sort=False):
            called = ', '.join('–' if pd.isna(a) else f"{a:.0f}/{b:.0f}"
                               for a, b in zip(m.true_called_5pc_fdr, m.false_called_5pc_fdr))
            rows.append(f"| {method} | {', '.join(fmt(v) for v in m.precision_at_k)} | "
                        f"{', '.join(fmt(v) for v in m.auc)} | {called} | "
                        f"{', '.join(fmt(v) for v in m.estimate_r)} | {m.seconds.iloc[0]:.0f} | {m.peak_mib.iloc[0]:.0f} |")
        def leaders(means):  # exact ties (precision at k moves in steps of 1/k) are named as ties
            top = means[means >= means.max() - 1e-12].index
            return top[0] if len(top) == 1 else 'a tie between ' + ' and '.join(top)
        methods = s[s.method != REFERENCE]                        # the reference knows the truth: no contender
        best = leaders(wide.drop(REFERENCE, errors='ignore').mean(axis=1))
        auc_best = leaders(methods.groupby('method', sort=False).auc.mean())
        r_best = leaders(methods.groupby('method', sort=False).estimate_r.mean())
        fastest = methods.groupby('method').seconds.first().drop('gpelm all-pairs ELM', errors='ignore').idxmin()
        plink = s[s.method.str.startswith('PLINK')]
        gp = s[s.method == 'gpelm screen']
        versus = ''.join(against_plink(name, s[s.method == name], plink) for name in ('gpelm screen', 'gpelm scan')
                         if len(plink) and (s.method == name).any())
        reference = s[s.method == REFERENCE]
        if len(reference) and len(gp):
            ceiling = reference.set_index('trait').precision_at_k
            short = ceiling - gp.set_index('trait').precision_at_k
            versus += (f" A ranking that knew the truth (the reference row) reaches precision "
                       f"{', '.join(fmt(v) for v in ceiling)} at k; the screen is within 1/k of it on "
                       f"{int((short <= 1 / gp.set_index('trait').true_pairs + 1e-9).sum())} of {len(gp)} traits.")
        blocks.append(f"**L = {L:,} markers, H² = {H2:g}.** Highest mean precision at k: {best}; highest mean AUC: "
                      f"{auc_best}; estimates closest to the true effects (mean r): {r_best}; fastest: {fastest}.{versus}\n\n" + '\n'.join(rows))
    return '\n\n'.join(blocks + seeds_sections(every_seed))

def seeds_sections(t) -> list:
    "Settings the bench ran on several seeds (each a new data set and network): per method and trait, the spread."
    import pandas as pd
    out = []
    for (L, H2), s in t.groupby(['loci', 'H2'], sort=True):
        seeds = sorted(s.seed.unique())
        if len(seeds) < 2: continue
        s = s[s.groupby('method').seed.transform('nunique') == len(seeds)]     # methods run on every seed
        s = pd.concat([s[s.method != REFERENCE], s[s.method == REFERENCE]])
        traits = sorted(s.trait.unique())
        rows = [f"| method | {' | '.join(f'trait {k}' for k in traits)} | mean AUC | true / false called at 5 % FDR, "
                f"all seeds | mean seconds |", '|---|' + '---|' * (len(traits) + 3)]
        for method, m in s.groupby('method', sort=False):
            spread = m.groupby('trait').precision_at_k.agg(['mean', 'min', 'max'])
            called = ('–' if m.true_called_5pc_fdr.isna().all() else
                      f"{m.true_called_5pc_fdr.sum():.0f} / {m.false_called_5pc_fdr.sum():.0f}")
            rows.append(f"| {method} | " + ' | '.join(f"{v['mean']:.2f} ({v['min']:.2f}–{v['max']:.2f})"
                                                      for _, v in spread.iterrows())
                        + f" | {m.auc.mean():.3f} | {called} | {m.groupby('seed').seconds.first().mean():.0f} |")
        wide = s.pivot_table(index=['seed', 'trait'], columns='method', values='precision_at_k')
        text = (f"**L = {L:,} markers, H² = {H2:g}, seeds {', '.join(map(str, seeds))}** (each seed a new simulated data "
                f"set and network; precision at k per trait as mean (lowest–highest) over seeds).")
        if 'gpelm screen' not in wide:
            out.append(text + '\n\n' + '\n'.join(rows)); continue
        gp = wide['gpelm screen']
        rivals = [m for m in wide.columns if m not in ('gpelm screen', REFERENCE, 'gpelm all-pairs ELM')]
        text += (" The gpelm screen's precision at k " + '; '.join(
            f"against {m}: {higher_equal_lower(gp - wide[m], '(seed, trait) cases')}" for m in rivals) + '.')
        hard = wide[wide.index.get_level_values('trait') >= 3]
        k = s.groupby(['seed', 'trait']).true_pairs.first()
        if REFERENCE in wide:
            text += (f" Precision at k of 0.9 or more on traits 3–5: the screen in {int((hard['gpelm screen'] >= 0.9).sum())} "
                     f"of {len(hard)} (seed, trait) cases, the truth model in {int((hard[REFERENCE] >= 0.9).sum())}; the "
                     f"screen is within 1/k of the truth model in {int((wide[REFERENCE] - gp <= 1 / k + 1e-9).sum())} "
                     f"of {len(gp)}.")
        out.append(text + '\n\n' + '\n'.join(rows))
    return out

def bench_section() -> str:
    "The benches' recorded rows (bench/results.csv) as one table, each beside its fp32 and bf16 floors and the machine."
    import pandas as pd
    t = pd.read_csv(BENCH_RESULTS)
    t = t.sort_values('machine', key=lambda m: m.map({v: i for i, v in enumerate(m.unique())}), kind='stable')
    sec = lambda v: '–' if pd.isna(v) else f"{v * 1000:.1f} ms" if v < 0.1 else f"{v:.2f} s" if v < 10 else f"{v:,.0f} s"
    text = lambda v: '' if pd.isna(v) else str(v).replace('|', '\\|')     # a bar would end the cell
    rows = ['| benchmark | gpelm | fp32 floor | bf16 floor | ÷ real floor | reference, notes | measured on |',
            '|---|---|---|---|---|---|---|']
    for r in t.itertuples():
        real = min(r.floor_fp32, r.floor_bf16)
        ratio = '–' if pd.isna(real) else f"{r.seconds / real:.2f}×"
        notes = '; '.join(x for x in (text(r.reference), text(r.note)) if x) or '–'
        rows.append(f"| `{r.bench}`: {r.stage} | {sec(r.seconds)} | {sec(r.floor_fp32)} | {sec(r.floor_bf16)} | {ratio} | "
                    f"{notes} | {r.machine}, gpelm {r.gpelm_version}, torch {r.torch_version}, {r.threads} threads, {r.date} |")
    return '\n'.join(rows) + ''.join(f"\n\n{s}" for s in precision_and_ensemble_sentences(t))

def precision_and_ensemble_sentences(t) -> list:
    """Per machine, from the recorded rows: the default pub in bf16 against fp32 training, and the batched ensemble
    against fits one after another (what `precision='auto'` and `ensemble='auto'` choose is to be read against these)."""
    out = []
    for machine, m in t.groupby('machine', sort=False):
        pub = m[(m.bench == 'pub_time.py') & m.stage.str.contains('fp32|bf16')]
        pub = {('bf16' if 'bf16 training' in r.stage else 'fp32'): r for r in pub.itertuples()}
        if len(pub) == 2:
            b, f = pub['bf16'], pub['fp32']
            real = lambda r: r.seconds / min(r.floor_fp32, r.floor_bf16)
            out.append(f"On {machine.split(';')[0]}, the default pub's fits and analyses took {b.seconds:.0f} s training "
                       f"in bf16 and {f.seconds:.0f} s in fp32 ({real(b):.0f}× and {real(f):.0f}× their floors): "
                       + ("bf16 was the faster there." if b.seconds < f.seconds else
                          "bf16 was not faster there; with batches of 128 the training is far from its floor either "
                          "way, so bf16's cheaper products do not show. `precision='auto'` still picks bf16 on such a "
                          "GPU; pass `-p precision fp32` for the faster run."))
        ens = m[m.bench == 'ensemble.py']
        for precision in ('fp32', 'bf16'):
            seq = ens[ens.stage.str.contains(f'{precision}, fit, one after another', regex=False)]
            bat = ens[ens.stage.str.contains(f'{precision}, fit_ensemble', regex=False)]
            if len(seq) and len(bat):
                on_gpu = ';' in machine                # machine_record names the GPU first, then the host
                ratio = seq.seconds.iloc[0] / bat.seconds.iloc[0]
                out.append(f"On {machine.split(';')[0]}, {precision}: the batched ensemble trained the replicates "
                           f"{ratio:.2f}× as fast as one fit after another; `ensemble='auto'` "
                           f"{'batches' if on_gpu else 'fits one after another'} there"
                           + ('.' if (ratio > 1) == on_gpu else ', which this measurement does not support.'))
    return out

def precision_paragraph(path) -> str:
    "bf16 against fp32 from one run of bench/precision_accuracy.py (its CSV), in sentences computed from its rows."
    import sys
    sys.path.insert(0, str(ROOT/'bench'))
    from precision_accuracy import compare
    import pandas as pd
    t = pd.read_csv(path)
    r, c, seeds = t.iloc[0], compare(t), t.seed.nunique()
    fp32 = t[t.precision == 'fp32'].pivot_table(index=['H2', 'trait'], columns='seed', values=list(c['mean']))
    between_seeds = pd.concat([(fp32.xs(a, axis=1, level=1) - fp32.xs(b, axis=1, level=1)).abs()
                               for a in range(seeds) for b in range(a + 1, seeds)]).stack()
    median, r2 = c['diff'].abs().stack().median(), c['mean']['r2'].dropna()
    sign = 'lower' if (r2 < 0).all() else 'higher' if (r2 > 0).all() else None
    beyond = c['beyond'].groupby(level='H2')
    by_H2 = ('' if beyond.ngroups < 2 else ' (' + ', '.join(
        f"at H² = {h:g}: {int(b.sum())} of {len(b)}" for h, b in sorted(beyond, reverse=True)) + ')')
    text = (f"bf16 against fp32 (`bench/precision_accuracy.py`, {seeds} seeds, H² "
            f"{', '.join(f'{h:g}' for h in sorted(t.H2.unique(), reverse=True))}, width {r.hidden}, on {r.machine}, "
            f"gpelm {r.gpelm_version}, torch {r.torch_version}, where bf16 is "
            f"{'fast' if r.fast_bf16 else 'emulated and the pub-size network was out of reach'}): the per-seed "
            f"differences exceed the issue's tolerances in {int(c['beyond'].sum())} of {c['cells']} (H², trait, number) "
            f"cells{by_H2}; their median, {median:.4f}, is {'below' if median < between_seeds.median() else 'above'} the "
            f"median difference between two fp32 fits with different seeds ({between_seeds.median():.4f}). The mean "
            f"difference over seeds lies beyond two of its standard errors (paired by seed) in {len(c['outside'])} of "
            f"{c['cells']} cells")
    text += (f"; bf16's mean test R² is {sign} than fp32's for every (H², trait), by {r2.abs().min():.4f} to "
             f"{r2.abs().max():.4f}" if sign else "")
    text += (f". bf16's seed-to-seed standard deviation is over twice fp32's in {int(c['wider'].sum())} of "
             f"{c['cells']} cells")
    e, per_fit = t.groupby('precision').epochs.agg(['mean', 'min', 'max']), t.groupby('precision').seconds.mean()
    return text + ''.join(f"{'. Per fit there (early stopping chooses the epochs): ' if p == 'fp32' else '; '}{p} "
                          f"{per_fit[p]:.1f} s and {e.loc[p, 'mean']:.0f} epochs ({e.loc[p, 'min']:.0f}–"
                          f"{e.loc[p, 'max']:.0f})" for p in ('fp32', 'bf16')) + '.'

def schedule_sentence(before, after) -> str:
    "What 0.2.0's learning-rate schedule changed: the same bench, machine and seeds at two versions (their CSVs)."
    import pandas as pd
    runs = [pd.read_csv(p) for p in (before, after) if p.exists()]
    if len(runs) < 2: return ''
    H2 = sorted(set(runs[0].H2) & set(runs[1].H2))                       # compared where both ran
    old, new = (t[t.H2.isin(H2)] for t in runs)
    mean = lambda t: t[t.trait > 1].groupby(['precision', 'trait']).r2.mean()
    worst = lambda t: t[t.trait > 1].groupby('precision').r2.min()
    span = lambda m, p: f"{m[p].min():.3f}–{m[p].max():.3f}"
    return (f"Between gpelm {old.gpelm_version.iloc[0]} and {new.gpelm_version.iloc[0]}, whose learning-rate schedule "
            f"counts the same gains as early stopping (`gpelm.train`), the same bench on the same machine and seeds "
            f"({new.seed.nunique()}, H² {', '.join(f'{h:g}' for h in H2)}) moved the mean test R² of the epistatic traits from "
            f"{span(mean(old), 'fp32')} to {span(mean(new), 'fp32')} in fp32 and from {span(mean(old), 'bf16')} to "
            f"{span(mean(new), 'bf16')} in bf16; the worst single fit's from {worst(old)['fp32']:.3f} to "
            f"{worst(new)['fp32']:.3f} (fp32) and from {worst(old)['bf16']:.3f} to {worst(new)['bf16']:.3f} (bf16).")

def precision_section() -> str:
    "One paragraph per run of the accuracy bench (CPUs without and with fast bf16, a GPU), then what 'auto' does."
    return '\n\n'.join([*(precision_paragraph(p) for p in PRECISION_BENCHES if p.exists()),
                       schedule_sentence(*CPU_PRECISION_RUNS)]) + (
        "\n\n`precision='auto'` trains in bf16 where the hardware multiplies bf16 fast (CUDA capability 8 or more, "
        "CPUs with AMX or AVX-512-bf16) and in fp32 elsewhere, by the hardware alone; where a run above finds bf16's "
        "means off fp32's, or its fits spread wider from seed to seed, `precision='fp32'` (`--precision fp32`) keeps "
        "fp32's numbers at the time fp32 takes.")

def screen_summary() -> str:
    "The README's one table of the screen: every method at the target setting, over the seeds the bench ran there."
    import pandas as pd
    t = pd.read_csv(SCREEN_BENCH)
    s = t[(t.loci == TARGET['loci']) & (t.H2 == TARGET['H2'])]
    s = s[s.groupby('method').seed.transform('nunique') == s.seed.nunique()]
    s = pd.concat([s[s.method != REFERENCE], s[s.method == REFERENCE]])
    r = s.iloc[0]
    rows = ['| method | precision at k | true / false pairs called at 5 % FDR | seconds |', '|---|---|---|---|']
    for method, m in s.groupby('method', sort=False):
        called = '–' if m.true_called_5pc_fdr.isna().all() or method == REFERENCE else \
            f"{m.true_called_5pc_fdr.sum():.0f} / {m.false_called_5pc_fdr.sum():.0f}"
        rows.append(f"| {method} | {m.precision_at_k.mean():.2f} | {called} | {m.groupby('seed').seconds.first().mean():.0f} |")
    return (f"{r.n:,} simulated individuals, {TARGET['loci']:,} markers, 64 causal, H² = {TARGET['H2']:g}; the four "
            f"epistatic traits of {s.seed.nunique()} seeds (k = 32 true pairs each; calls summed, times per seed "
            f"averaged) on {r.machine} ({r.date}):\n\n" + '\n'.join(rows))

def dense_section() -> str:
    "bench/epistasis_dense.py's table, where it has been run."
    import pandas as pd
    if not DENSE_BENCH.exists(): return ''
    t = pd.read_csv(DENSE_BENCH)
    r = t.iloc[0]
    epi = t[t.panel == 'epistatic']
    rows = ['| cross | individuals | H² | seed | method | distinct true in first k, traits 2–5 | distinct calls / false, at 5 % FDR | false distinct calls, additive-only panels | seconds | peak MiB | machine, date |',
            '|---|---|---|---|---|---|---|---|---|---|---|']
    for (cross, n, H2, seed, method), m in epi.groupby(['cross', 'n', 'H2', 'seed', 'method'], sort=False):
        m = m[m.true_pairs > 0]
        null = t[(t.panel == 'additive') & (t.cross == cross) & (t.n == n) & (t.method == method)]
        panels = null.seed.nunique()
        null_calls = (f"{null.false_distinct_called.sum()} ({panels} panel{'s' if panels > 1 else ''}, H² {null.H2.max():g})"
                      if len(null) else '–')
        rows.append(f"| {cross} | {n:,} | {H2:g} | {seed} | {method} | {', '.join(f'{a}/{b}' for a, b in zip(m.distinct_true_in_first_k, m.true_pairs))} | "
                    f"{m.distinct_called.sum()} / {m.false_distinct_called.sum()} | "
                    f"{null_calls} | "
                    f"{m.seconds.iloc[0]:.0f} | {m.peak_mib.iloc[0]:.0f} | {m.machine.iloc[0]}, {m.date.iloc[0]} |")
    return (f"Measured by `python bench/epistasis_dense.py` on {where_when(t)} with {r.threads} torch threads: "
            f"simulated crosses of {' and '.join(f'{n:,}' for n in sorted(t.n.unique()))} individuals, {r.loci:,} markers on {r.chromosomes} chromosomes of "
            f"{r.chromosome_cM:g} cM, the pub's five traits on {r.qtl} causal markers, seed {', '.join(map(str, sorted(epi.seed.unique())))}. "
            f"Every method's ranked pairs are folded into distinct interactions by the same rule (`gpelm.clump`), q over "
            f"the distinct interactions with every pair the method tested counted as a test; gpelm's rows (and PLINK's "
            f"list in the row so named) are then conditioned on the stronger interactions, and only the kept ones are "
            f"calls (`gpelm.clump.conditional_interactions`); interactions within one region are set apart. A distinct interaction is true when its index markers each have r² ≥ 0.5 with a true "
            f"pair's loci." + dense_gain(epi) + "\n\n" + '\n'.join(rows))

def background_section() -> str:
    "bench/background_limit.py's table: the scan on the dense panels with no background, gpelm's, and the true one."
    import pandas as pd
    if not BACKGROUND_BENCH.exists(): return ''
    t = pd.read_csv(BACKGROUND_BENCH)
    epi, r = t[t.true_pairs > 0], t.iloc[0]
    rows = ['| cross | background | distinct true among the first k | distinct calls / not matching, 5 % FDR | share of variance removed, traits 2–5 | seconds per scan (floor) |',
            '|---|---|---|---|---|---|']
    for (cross, background), m in epi.groupby(['cross', 'background'], sort=False):
        rows.append(f"| {cross} | {background} | {m.distinct_true_in_first_k.sum()} / {m.true_pairs.sum()} | "
                    f"{m.distinct_called.sum()} / {m.false_distinct_called.sum()} | {_span(m.background_r2, '.2f')} | "
                    f"{_span(m.seconds)} ({_span(m.floor_seconds)}) |")
    wide = epi.pivot_table(index=['cross', 'seed', 'trait'], columns='background', values='distinct_true_in_first_k')
    r2 = epi.pivot_table(index=['cross', 'seed', 'trait'], columns='background', values='background_r2')
    flat = wide[wide[RIDGE_BACKGROUND] <= wide[NO_BACKGROUND]]
    dense = pd.read_csv(DENSE_BENCH)
    dense = dense[(dense.n == r.n) & (dense.H2 == r.H2) & (dense.true_pairs > 0)].pivot_table(
        index=['cross', 'seed', 'trait'], columns='method', values='distinct_true_in_first_k')
    behind = dense[dense[DENSE_SCREEN] <= dense[DENSE_PLINK]].index.intersection(wide.index)
    def case(key) -> str:
        found, removed, (c, s, k) = wide.loc[key], r2.loc[key], key
        return (f"{c} seed {s} trait {k} ({int(dense.loc[key, DENSE_SCREEN])} against PLINK's "
                f"{int(dense.loc[key, DENSE_PLINK])}): {int(found[NO_BACKGROUND])} with none, {int(found[RIDGE_BACKGROUND])} "
                f"with ridge (R² {removed[RIDGE_BACKGROUND]:.3f}), {int(found[TRUE_BACKGROUND])} with the true background "
                f"(R² {removed[TRUE_BACKGROUND]:.3f})")
    cases = '; '.join(case(key) for key in behind)
    where = (f" Where the dense bench's screen does not rank more true interactions first than PLINK here: {cases}."
             if cases else '')
    return (f"Measured by `python bench/background_limit.py` on {where_when(t)}: the scan (`scan_study`, every pair, "
            f"scored as above) of the dense panels at H² {r.H2:g}, seed {', '.join(map(str, sorted(epi.seed.unique())))}, with "
            f"no background (PLINK's test), with gpelm's (each individual's leave-one-out ridge prediction) and with "
            f"the true additive genetic value of the simulation (an oracle: what a perfect additive background would "
            f"remove). The gap between the last two is the power left by estimating the background from the training "
            f"individuals. The ridge background gains nothing over none on {len(flat)} of {len(wide)} traits."
            + where + "\n\n" + '\n'.join(rows))

def where_when(t) -> str:
    "The machines and dates of a bench's rows: 'M, D', or each machine and the span of dates where they differ."
    dates = sorted(t.date.unique())
    return '; '.join(t.machine.unique()) + f", {dates[0]}" + (f" to {dates[-1]}" if len(dates) > 1 else '')

def _span(values, fmt='.0f') -> str:
    "'a' where the values round alike, else 'lowest–highest'."
    low, high = format(min(values), fmt), format(max(values), fmt)
    return low if low == high else f"{low}–{high}"

def dense_gain(epi) -> str:
    """Where the scan's gain over PLINK comes from: PLINK's list through gpelm's conditioning, and the screen's refit;
    each comparison over the panels where both of its methods ran."""
    per_trait = epi[epi.true_pairs > 0].pivot_table(index=['cross', 'n', 'H2', 'seed', 'trait'], columns='method', values='distinct_true_in_first_k', aggfunc='sum')
    def sums(*methods):
        "Each method's total over the panels where all of `methods` ran (None where one never ran)."
        if not set(methods) <= set(per_trait.columns): return None
        both = per_trait[list(methods)].dropna()
        return [int(both[m].sum()) for m in methods]
    scan, plink = DENSE_SCAN, DENSE_PLINK
    conditioned = sums(plink, DENSE_PLINK_CONDITIONED, scan)
    if sums(scan, plink) is None: return ''
    text = (f" Where the gain comes from: PLINK's own list through gpelm's conditional step ranks {conditioned[1]} true "
            f"interactions first (PLINK alone {conditioned[0]}); gpelm scan, which also removes the additive background "
            f"before testing, {conditioned[2]}." if conditioned else '')
    refit, elm = sums(scan, DENSE_SCREEN), sums(scan, DENSE_ELM)
    return (text + (f" The screen with the scan's candidates (its distinct interactions in its order, its calls refit) "
                    f"ranks {refit[1]} true interactions first (the scan alone {refit[0]} on the same panels)."
                    if refit else '')
            + (f" The screen with ELM's own candidates (one lead marker per region of its locus screen) ranks "
               f"{elm[1]} first (the scan {elm[0]}): on these panels its locus screen misses most interacting loci, and "
               f"the exhaustive scan is the better source of candidates." if elm else ''))

def dense_summary() -> str:
    "The README's dense-panel table: per cross and H², each method's distinct true interactions among its first k."
    import pandas as pd
    t = pd.read_csv(DENSE_BENCH)
    t = t[t.n == t.n.min()]                    # the README: the target's cohort size; larger ones on the Benchmarks page
    epi, null = t[(t.panel == 'epistatic') & (t.true_pairs > 0)], t[t.panel == 'additive']
    rows = ['| cross | H² | method | distinct true among the first k | distinct calls / not matching, 5 % FDR | false distinct calls, additive-only panels | seconds | peak MiB |',
            '|---|---|---|---|---|---|---|---|']
    order = {m: i for i, m in enumerate([DENSE_SCAN, DENSE_SCREEN, DENSE_PLINK, DENSE_PLINK_CONDITIONED])}
    epi = epi.sort_values(['cross', 'H2', 'method'], ascending=[False, False, True], key=lambda c: c.map(order)
                          if c.name == 'method' else c, kind='stable')
    screen, scan, plink = DENSE_SCREEN, DENSE_SCAN, DENSE_PLINK
    shown = epi[(epi.H2 == epi.H2.max()) & epi.method.isin([screen, plink])]   # the rest: Benchmarks
    for (cross, H2, method), m in shown.groupby(['cross', 'H2', 'method'], sort=False):
        z = null[(null.cross == cross) & (null.method == method)]
        rows.append(f"| {cross} | {H2:g} | {method} | {m.distinct_true_in_first_k.sum()} / {m.true_pairs.sum()} | "
                    f"{m.distinct_called.sum()} / {m.false_distinct_called.sum()} | "
                    f"{z.false_distinct_called.sum() if len(z) else '–'} | {_span(m.groupby('seed').seconds.first())} | "
                    f"{m.peak_mib.max():.0f} |")
    per_trait = epi.pivot_table(index=['cross', 'H2', 'seed', 'trait'], columns='method', values='distinct_true_in_first_k')
    panel = ['cross', 'H2', 'seed']             # PLINK's runs and gpelm's may come from sessions on like machines
    def time_ratio(method):
        "The span of the method's time over PLINK's, per panel."
        return _span((epi[epi.method == method].groupby(panel).seconds.first()
                      / epi[epi.method == plink].groupby(panel).seconds.first()).dropna(), '.2f')
    verdict = ''
    if {screen, plink} <= set(per_trait.columns):
        both = per_trait[[screen, plink]].dropna()
        ahead, behind = int((both[screen] > both[plink]).sum()), int((both[screen] < both[plink]).sum())
        verdict = (f" The screen (the scan's candidates, refit) finds more true interactions than PLINK on {ahead} of "
                   f"{len(both)} traits, fewer on {behind}, in {time_ratio(screen)} of PLINK's time, training included "
                   f"(the scan alone: {time_ratio(scan)}).")
    r = t.iloc[0]
    return (f"Dense, linked panels (`bench/epistasis_dense.py`, {where_when(t)}): simulated crosses of {r.n:,} "
            f"individuals, {r.loci:,} markers on {r.chromosomes} chromosomes, seed {', '.join(map(str, sorted(epi.seed.unique())))}, "
            f"traits 2–5 (k = 32 true pairs each), each "
            f"method's pairs folded into distinct interactions by one rule." + verdict
            + f" The table: H² {epi.H2.max():g}; every row on the Benchmarks page." + "\n\n" + '\n'.join(rows))

def _mavenn_wide():
    import pandas as pd
    t = pd.read_csv(MAVENN_BENCH)
    return t, t.pivot_table(index=['dataset', 'gpmap'], columns='tool', sort=False,
                            values=['squared_pearson', 'I_pre', 'I_pre_error', 'seconds', 'epochs', 'additive_r', 'pairwise_r'])

def _dash(v, fmt='.3f') -> str:
    return '–' if v != v else format(v, fmt)

def gpelm_only(wide) -> str:
    "gpelm's maps that MAVE-NN does not have, against MAVE-NN's best model on the same dataset."
    alone = wide[wide[('I_pre', 'MAVE-NN')].isna()]
    parts = []
    for (name, gpmap), r in alone.iterrows():
        theirs = wide.loc[name][('squared_pearson', 'MAVE-NN')].dropna()
        info = wide.loc[name][('I_pre', 'MAVE-NN')].dropna()
        if theirs.empty: continue
        whose = (f"its {theirs.idxmax()} map" if theirs.idxmax() == info.idxmax()
                 else f"its {theirs.idxmax()} and {info.idxmax()} maps")
        parts.append(f"gpelm's {gpmap} map on {name} (not in MAVE-NN) reaches R² {r[('squared_pearson', 'gpelm')]:.3f} "
                     f"and I_pre {r[('I_pre', 'gpelm')]:.3f} bits, against MAVE-NN's best, {theirs.max():.3f} and "
                     f"{info.max():.3f} bits ({whose}).")
    return ' '.join(parts)

def mavenn_verdict(wide) -> str:
    "Who wins where: I_pre against twice the larger standard error, R² where it differs by 0.005 or more, time."
    wide = wide[wide[('I_pre', 'MAVE-NN')].notna()]          # maps both tools fit
    ahead, behind, tied = [], [], []
    from gpelm.metrics import information_verdict
    for (name, gpmap), r in wide.iterrows():
        verdict = information_verdict(*(r[(k, tool)] for tool in ('gpelm', 'MAVE-NN') for k in ('I_pre', 'I_pre_error')))
        {'tie': tied, 'above': ahead, 'below': behind}[verdict].append(f"{name} {gpmap}")
    whose = 'it' if ahead or behind else "MAVE-NN's"
    info = '; '.join(p for p in [f"above MAVE-NN's on {', '.join(ahead)}" if ahead else '',
                                 f"below it on {', '.join(behind)}" if behind else '',
                                 f"within twice the larger standard error of {whose} on "
                                 + (', '.join(tied) if ahead or behind else 'every dataset and map') if tied else ''] if p)
    r2 = wide['squared_pearson']
    higher = lambda a, b: [f"{n} {g} ({x[a]:.3f} against {x[b]:.3f})" for (n, g), x in r2.iterrows() if x[a] - x[b] >= 0.005]
    theirs, ours = higher('MAVE-NN', 'gpelm'), higher('gpelm', 'MAVE-NN')
    r2_text = ' '.join(t for t in [f"MAVE-NN's R² is higher on {', '.join(theirs)}." if theirs else '',
                                  f"gpelm's R² is higher on {', '.join(ours)}." if ours else '',
                                  'R² agrees to within 0.005 elsewhere.' if theirs or ours else 'R² agrees to within 0.005 on every dataset.'] if t)
    speed = wide[('seconds', 'MAVE-NN')] / wide[('seconds', 'gpelm')]
    pair = wide[('pairwise_r', 'gpelm')].dropna()
    return (f"gpelm's I_pre is {info}. {r2_text} gpelm trains in {1 / speed.max():.2f}–{1 / speed.min():.2f} of "
            f"MAVE-NN's time, and its ELM readout of the parameters agrees with MAVE-NN's at r "
            f"{wide[('additive_r', 'gpelm')].min():.3f}–{wide[('additive_r', 'gpelm')].max():.3f} (additive)"
            + (f" and {pair.min():.3f} (pairwise)" if len(pair) else '') + '.')

def mavenn_section() -> str:
    "bench/vs_mavenn.py's table for the Benchmarks page, where it has been run."
    if not MAVENN_BENCH.exists(): return ''
    t, wide = _mavenn_wide()
    r = t.iloc[0]
    rows = ['| dataset | map | tool | R² (squared r) | I_pre ± se (bits) | I_pre, MAVE-NN\'s own | epochs | seconds | floor fp32 (s) | additive r | pairwise r | machine, date |',
            '|---|---|---|---|---|---|---|---|---|---|---|---|']
    for _, x in t.iterrows():
        rows.append(f"| {x.dataset} | {x.gpmap} | {x.tool} | {x.squared_pearson:.3f} | {x.I_pre:.3f} ± {x.I_pre_error:.3f} | "
                    f"{_dash(x.I_pre_own)} | {x.epochs} | {x.seconds:.0f} | {x.floor_fp32:.2f} | {_dash(x.additive_r)} | "
                    f"{_dash(x.pairwise_r)} | {x.machine}, {x.date} |")
    return (f"Measured by `python bench/vs_mavenn.py` on {where_when(t)} with {r.threads} torch threads: both "
            f"tools fit global-epistasis models (Gaussian noise, log σ quadratic in ŷ) on MAVE-NN's own parts of its "
            f"shipped datasets with the same learning rate, batch size, epoch cap and patience; both are scored by the "
            f"same estimators on the test part, MAVE-NN's own I_pre of its model beside them. Agreement is the Pearson r "
            f"of gpelm's ELM estimates with MAVE-NN's parameters, both in the uniform gauge. "
            + mavenn_verdict(wide) + ' ' + gpelm_only(wide) + '\n\n' + '\n'.join(rows))

def mavenn_summary() -> str:
    "The README's rows: per dataset and map, both tools' R², I_pre and seconds."
    if not MAVENN_BENCH.exists(): return ''
    t, wide = _mavenn_wide()
    rows = ['| dataset, map | R², gpelm / MAVE-NN | I_pre (bits) | seconds | additive r |', '|---|---|---|---|---|']
    for (name, gpmap), x in wide.iterrows():
        both = lambda col, fmt='.3f': f"{_dash(x[(col, 'gpelm')], fmt)} / {_dash(x[(col, 'MAVE-NN')], fmt)}"
        rows.append(f"| {name}, {gpmap} | {both('squared_pearson')} | {both('I_pre')} | {both('seconds', '.0f')} | "
                    f"{_dash(x[('additive_r', 'gpelm')])} |")
    return (f"MAVE-NN's maps on its own datasets (`bench/vs_mavenn.py`, {where_when(t)}): "
            + mavenn_verdict(wide) + ' ' + gpelm_only(wide) + '\n\n' + '\n'.join(rows))

def _attention_curve():
    import pandas as pd
    from gpelm.latent import attention_claim, CURVE_MODELS, MLP_MODEL
    t = pd.read_csv(ATTENTION_BENCH)
    wide = t.pivot(index='strength', columns='model', values='squared_pearson')[[*CURVE_MODELS.values(), MLP_MODEL]]
    claim, r = attention_claim(t), t.iloc[0]
    by_model = {}
    for s, m in claim['best'].items(): by_model.setdefault(m, []).append(f"{s:g}")
    best = '; '.join(f"{m} at λ {', '.join(v)}" for m, v in by_model.items())
    attention = t[t.model == CURVE_MODELS['attention']]
    text = (f"Rijal et al.'s claim, attention above linear + pairwise regression at the highest λ, is {claim['verdict']} "
            f"({claim['attention']:.3f} against {claim['pairwise']:.3f}). Best test R²: {best}. ELM reconstructs the "
            f"attention model to {attention.max_rel_error.max():.0e} of its output scale.")
    timing = (f" Attention takes {attention.seconds.min():.0f}–{attention.seconds.max():.0f} s per fit, the regressions at "
              f"most {t[t.model.isin([CURVE_MODELS['additive'], CURVE_MODELS['pairwise']])].seconds.max():.0f} s.")
    return t, wide, r, text, timing

def attention_section() -> str:
    "bench/attention_vs_regression.py's table for the Benchmarks page, where it has been run."
    if not ATTENTION_BENCH.exists(): return ''
    t, wide, r, text, timing = _attention_curve()
    rows = ['| λ | model | test R² | seconds | floor fp32 (s) | floor bf16 (s) | epochs | ELM error (relative) | variance AUC, quartet loci |',
            '|---|---|---|---|---|---|---|---|---|']
    dash = lambda v, f: '–' if v != v else format(v, f)
    for _, x in t.iterrows():
        rows.append(f"| {x.strength:g} | {x.model} | {x.squared_pearson:.3f} | {x.seconds:.1f} | {x.floor_fp32:.2f} | "
                    f"{x.floor_bf16:.2f} | {x.epochs} | {dash(x.max_rel_error, '.1e')} | {dash(x.variance_auc, '.2f')} |")
    return (f"Measured by `python bench/attention_vs_regression.py` on {r.machine} with {r.threads} torch threads, gpelm "
            f"{r.gpelm_version} ({r.date}): "
            f"one simulated cross of {r.n:,} segregants and {r.loci} loci per λ, additive effects plus λ times ten "
            f"products of four loci, split 60/20/20; each model with early stopping on the validation part. " + text
            + timing + '\n\n' + '\n'.join(rows))

def attention_summary() -> str:
    "The README's rows: test R² per λ and model."
    if not ATTENTION_BENCH.exists(): return ''
    t, wide, r, text, _ = _attention_curve()
    rows = ['| λ | ' + ' | '.join(wide.columns) + ' |', '|---' * (len(wide.columns) + 1) + '|']
    rows += [f"| {s:g} | " + ' | '.join(f"{v:.3f}" for v in x) + ' |' for s, x in wide.iterrows()]
    return (f"Attention against regression, fourth-order epistasis of weight λ (`bench/attention_vs_regression.py`, "
            f"{r.n:,} segregants, test R², {r.machine}, {r.date}): " + text + '\n\n' + '\n'.join(rows))

def benchmark_sources() -> list:
    "The Benchmarks page: every bench's tables and sentences, rendered from the CSVs the benches wrote."
    cells = ['# Benchmarks\n\n> Every measured number behind the README, rendered from the bench CSVs by `tests/readme.py`',
             "## The pub's default run\n\n" + results_section(),
             "## The epistasis screen against PLINK, unlinked markers\n\n" + SCREEN_INTRO + '\n\n' + screen_section()]
    dense = dense_section()
    if dense: cells.append('## Dense, linked panels: distinct interactions\n\n' + dense)
    background = background_section()
    if background: cells.append("### What limits the scan's power there: the additive background\n\n" + background)
    mavenn = mavenn_section()
    if mavenn: cells.append('## Sequence models beside MAVE-NN\n\n' + mavenn)
    attention = attention_section()
    if attention: cells.append('## Attention against regression on fourth-order epistasis\n\n' + attention)
    cells.append("## Speed against the compute floor\n\n" + BENCH_INTRO + '\n\n' + bench_section())
    cells.append("## bf16 against fp32\n\n" + precision_section())
    return cells

SCREEN_INTRO = ("Methods (see `bench/epistasis_vs_plink.py`): the gpelm screen (network, locus screen, partner scan, "
                "per-pair tests and LASSO refit; its time includes training), ELM's estimate for every pair "
                "(`top_pairs`), the marginal two-stage screen, gpelm's exhaustive scan (PLINK's statistic by matrix "
                "products), PLINK 1.9 `--epistasis`, the LASSO on every pair term (1,000 markers) and, as a yardstick, "
                "the truth model. PLINK's AUC is over the pairs it reports (all at 1,000 markers; about 500,000 per "
                "trait at 10,000), the rest tied at the bottom.")
BENCH_INTRO = ("Each bench prints its table with both compute floors, the same matrix products at this machine's fp32 "
               "and bf16 matmul rates measured in the same run; with `--record` it puts its rows into "
               "`bench/results.csv`, which this table renders.")

def write_benchmarks():
    "nbs/benchmarks.ipynb: one markdown cell per section."
    cells = [{'cell_type': 'markdown', 'id': f'b0000{i:03d}', 'metadata': {}, 'source': text.splitlines(keepends=True)}
             for i, text in enumerate(benchmark_sources())]
    nb = {'cells': cells, 'metadata': {'kernelspec': {'display_name': 'python3', 'language': 'python', 'name': 'python3'}},
          'nbformat': 4, 'nbformat_minor': 5}
    BENCHMARKS.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')

def write_figure():
    "The README's figure: epistasis r at the pub's noisy H², per trait, for each method of the default run."
    import matplotlib; matplotlib.use('Agg')
    import matplotlib.pyplot as plt, pandas as pd
    r = json.loads(SNAPSHOT.read_text())
    rep = pd.DataFrame(r['replicates']).pivot_table(index='trait', columns='method', values='pearson')
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for method in rep.columns: ax.plot(rep.index, rep[method], marker='o', label=method)
    ax.set_xlabel('trait'); ax.set_ylabel('r of pairwise estimates with the truth'); ax.set_xticks(rep.index)
    ax.set_title(f"H² = {r['parameters']['noisy_H2']:g}, default pub run"); ax.legend(fontsize=7, frameon=False)
    fig.tight_layout(); FIGURE.parent.mkdir(exist_ok=True); fig.savefig(FIGURE, dpi=110); plt.close(fig)

def render_readme(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    "Markdown cells as they are; code cells (outside `#|` directives) as python blocks; the results from the snapshot."
    cells = json.loads(Path(nb_path).read_text())['cells']
    parts = []
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown':
            if MARKER in src: src = src.replace(MARKER, results_section(full=False))
            if SUMMARY_MARKER in src: src = src.replace(SUMMARY_MARKER, screen_summary())
            if DENSE_MARKER in src: src = src.replace(DENSE_MARKER, dense_summary())
            if MAVENN_MARKER in src: src = src.replace(MAVENN_MARKER, mavenn_summary())
            if ATTENTION_MARKER in src: src = src.replace(ATTENTION_MARKER, attention_summary())
            parts.append(src)
        elif c['cell_type'] == 'code':
            code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
            if code: parts.append(f"```python\n{code}\n```")
    text = '\n\n'.join(parts) + '\n'
    return "<!-- generated from nbs/index.ipynb by tests/readme.py: edit the notebook, not this file -->\n\n" + text

if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--from': store_run(sys.argv[2])
    (ROOT/'README.md').write_text(render_readme())
    write_benchmarks(); write_figure()
    print('wrote README.md, nbs/benchmarks.ipynb and', FIGURE.relative_to(ROOT))
