"""gpelm's sequence models beside MAVE-NN itself on MAVE-NN's shipped datasets (issue 21).

For each dataset and G-P map, both tools fit a global-epistasis model with heteroscedastic Gaussian noise (order 2)
on the same training/validation/test parts (MAVE-NN's `set` column), with the same learning rate, batch size, epoch
cap and early-stopping patience. Both are scored by the same functions on the test part: MAVE-NN's R² (squared Pearson
r of ŷ with y) and I_pre (KSG, `gpelm.metrics.predictive_information`; MAVE-NN's own `I_predictive` beside it). The
parameters agree when gpelm's ELM readout (mean sensitivities of φ; their regression on the sequence for pairwise
terms) correlates with MAVE-NN's θ, both in the uniform gauge. On MPSA gpelm also fits its attention map (same GE and
noise, same settings); MAVE-NN has no such map, so that row has no MAVE-NN row beside it.

MAVE-NN runs in its own environment, never gpelm's:
    python -m venv ENV && ENV/bin/pip install tensorflow-cpu mavenn      # MAVE-NN 1.1.4 on TensorFlow 2.21
    python bench/vs_mavenn.py --mavenn-python ENV/bin/python [--datasets mpsa,gb1,...] [--maps attention] [--merge]
Without --mavenn-python (or where it cannot import mavenn) the MAVE-NN rows are skipped. The datasets are read from
the mavenn package. Writes bench/vs_mavenn.csv and prints the table, the floor (the map's matrix products at this
machine's fp32 rate) beside each time. Run it on a quiet machine."""
import argparse, subprocess, sys, tempfile
from pathlib import Path
import numpy as np
import pandas as pd
import torch

sys.path.insert(0, str(Path(__file__).parent))
from floor import matmul_rate, machine_record, map_multiply_adds
from gpelm.sequences import read_sequence_table, gauge_distribution
from gpelm.latent import SequenceModelConfig, fit_sequence_model, sequence_scores, sequence_sensitivities, elm_additive, elm_pairwise
from gpelm.metrics import predictive_information, squared_pearson

# dataset: (maps, batch size). GB1's 477,854 training variants are taken 1,000 at a time (64 elsewhere, MAVE-NN's
# tutorial setting), so that both tools finish in minutes on two cores.
# MPSA also gets gpelm's attention map (with the same GE and noise), which MAVE-NN does not have: its row stands alone.
DATASETS = {'mpsa': (('additive', 'pairwise', 'attention'), 64), 'amyloid': (('additive',), 64),
            'tdp43': (('additive',), 64), 'gb1': (('additive',), 1000)}
MAVENN_MAPS = ('additive', 'pairwise')          # the maps both tools fit
ALPHABET = {'gb1': 'protein', 'mpsa': 'rna', 'amyloid': 'protein*', 'tdp43': 'protein*'}
ELM_VARIANTS = 20_000          # training variants whose sensitivities are averaged (a seeded draw)

def mavenn_dir(python):
    if not python: return None
    r = subprocess.run([python, '-c', 'import mavenn, os; print(os.path.dirname(mavenn.__file__))'],
                       capture_output=True, text=True)
    return Path(r.stdout.strip()) if r.returncode == 0 else None

def correlation(a, b, keep):
    a, b = np.asarray(a)[keep], np.asarray(b)[keep]
    ok = np.isfinite(a) & np.isfinite(b)
    return float(np.corrcoef(a[ok], b[ok])[0, 1])

def pair_mask(L, C, observed):
    upper = np.triu(np.ones((L, L), bool), 1)[:, None, :, None]
    return upper & observed[:, :, None, None] & observed[None, None, :, :]

def map_flops(gpmap, L, C):
    "Multiply-adds of one variant's φ, forward (the attention map at SequenceModelConfig's default shape)."
    shape = SequenceModelConfig()
    return map_multiply_adds(gpmap, L, C, shape.dim, shape.layers)

def run_gpelm(data, gpmap, a, batch):
    fit = fit_sequence_model(data, gpmap=gpmap, heteroscedasticity=2, batch_size=batch, max_epochs=a.max_epochs,
                             patience=a.patience, learning_rate=a.learning_rate, seed=a.seed)
    scores = sequence_scores(fit.model, data, seed=a.seed)
    train = data.part('training')
    rows = np.random.default_rng(a.seed).choice(len(train), min(ELM_VARIANTS, len(train)), replace=False)
    S = sequence_sensitivities(fit.model, train.codes[rows], of='phi')
    p = gauge_distribution(train, 'uniform')
    additive = elm_additive(S, p)
    pairwise = elm_pairwise(S, train.codes[rows], p) if gpmap == 'pairwise' else None
    return dict(seconds=fit.seconds, epochs=len(fit.history), squared_pearson=scores['squared_pearson'],
                I_pre=scores['I_pre'], I_pre_error=scores['I_pre_error']), additive, pairwise

def run_mavenn(python, name, gpmap, a, batch, out):
    cmd = [python, str(Path(__file__).parent / 'mavenn_fit.py'), name, gpmap, str(out), '--epochs', str(a.max_epochs),
           '--batch-size', str(batch), '--learning-rate', str(a.learning_rate), '--patience', str(a.patience),
           '--seed', str(a.seed)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0: raise RuntimeError(f"MAVE-NN failed on {name} {gpmap}: {r.stderr.strip().splitlines()[-1]}")
    z = np.load(out)
    info, error = predictive_information(z['phi'], z['y'], seed=a.seed)
    return dict(seconds=float(z['seconds']), epochs=int(z['epochs']), squared_pearson=squared_pearson(z['yhat'], z['y']),
                I_pre=info, I_pre_error=error, I_pre_own=float(z['I_pred_mavenn'])), z['theta_lc'], z['theta_lclc']

def write(rows, a):
    "This run's rows into --out (with --merge, in place of the earlier rows of the same dataset, map and tool)."
    new = pd.DataFrame(rows)
    if a.merge and Path(a.out).exists():
        old = pd.read_csv(a.out)
        key = lambda t: t.dataset + '|' + t.gpmap + '|' + t.tool
        new = pd.concat([old[~key(old).isin(key(new))], new], ignore_index=True)
    new.to_csv(a.out, index=False)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--mavenn-python', default=None, help="python of an environment with mavenn installed")
    p.add_argument('--datasets', default=','.join(DATASETS)); p.add_argument('--max-epochs', type=int, default=200)
    p.add_argument('--patience', type=int, default=25); p.add_argument('--learning-rate', type=float, default=1e-3)
    p.add_argument('--seed', type=int, default=0); p.add_argument('--out', default=str(Path(__file__).with_suffix('.csv')))
    p.add_argument('--maps', default=None, help="only these maps (comma-separated); default: each dataset's")
    p.add_argument('--merge', action='store_true', help="put this run's rows into --out in place of the same "
                                                       "(dataset, map, tool) rows, keeping the others")
    a = p.parse_args()
    where = mavenn_dir(a.mavenn_python)
    if where is None: sys.exit("the datasets ship inside the mavenn package: give --mavenn-python of an environment "
                               "with mavenn installed (see this script's docstring)")
    rate = matmul_rate(4096, 1024, 1024, torch.float32)
    rows, tmp = [], Path(tempfile.mkdtemp())
    for name in a.datasets.split(','):
        maps, batch = DATASETS[name]
        data = read_sequence_table(where / 'examples' / 'datasets' / f'{name}_data.csv.gz', ALPHABET[name])
        n_train = int((data.split == "training").sum())
        observed = gauge_distribution(data.part('training'), 'uniform') > 0
        for gpmap in [m for m in maps if a.maps is None or m in a.maps.split(',')]:
            print(f"{name} {gpmap}: gpelm ...", flush=True)
            ours, additive, pairwise = run_gpelm(data, gpmap, a, batch)
            runs, agree = [('gpelm', ours)], dict(additive_r=np.nan, pairwise_r=np.nan)
            if gpmap in MAVENN_MAPS:
                print(f"{name} {gpmap}: MAVE-NN ...", flush=True)
                theirs, theta_lc, theta_lclc = run_mavenn(a.mavenn_python, name, gpmap, a, batch, tmp / f'{name}_{gpmap}.npz')
                runs.append(('MAVE-NN', theirs))
                agree = dict(additive_r=correlation(additive, theta_lc, observed),
                             pairwise_r=correlation(pairwise, theta_lclc, pair_mask(data.L, data.C, observed))
                             if pairwise is not None else np.nan)
            flops = 6 * n_train * map_flops(gpmap, data.L, data.C)          # forward and backward, per epoch
            for tool, r in runs:
                rows.append(dict(dataset=name, gpmap=gpmap, tool=tool, n_train=n_train, batch_size=batch, **r,
                                 floor_fp32=r['epochs'] * flops / rate / 1e9, **agree,
                                 **machine_record()))
            write(rows, a)
    table = pd.DataFrame(rows)
    cols = ['dataset', 'gpmap', 'tool', 'squared_pearson', 'I_pre', 'I_pre_error', 'I_pre_own', 'seconds', 'floor_fp32',
            'epochs', 'additive_r', 'pairwise_r']
    print(table.reindex(columns=cols).to_string(index=False, float_format=lambda v: f'{v:.3f}'))

if __name__ == '__main__':
    main()
