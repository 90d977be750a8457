"""Rijal et al.'s claim measured: stacked attention against linear and linear + pairwise regression, and gpelm's MLP,
as fourth-order epistasis grows (issue 21).

For each strength λ one simulated cross (segregants, loci on four chromosomes, additive effects plus λ times ten
products of four loci, H² 0.9; `gpelm.sequences.simulate_higher_order`) is split 60/20/20, and
`gpelm.latent.higher_order_point` fits the additive map (linear), the pairwise map (linear + pairwise), the attention
map (three single-head layers, ŷ = φ) and the MLP, each with early stopping on the validation part. Test R² is the
squared Pearson r; beside the attention model, ELM's reconstruction error and the ROC AUC with which a locus's effect
variance flags the loci of the quartets (the MLP's too).
    python bench/attention_vs_regression.py [--n 20000] [--loci 40] [--strengths 0,0.5,1,2] [--max-epochs 300]
Writes bench/attention_vs_regression.csv and prints the table, each fit's floor beside its time: its matrix products
(forward and backward on the training part, forward on the validation part, every epoch run) at this machine's fp32
and bf16 rates. Run it on a quiet machine."""
import argparse, sys
from pathlib import Path
import pandas as pd
import torch

sys.path.insert(0, str(Path(__file__).parent))
from floor import matmul_rate, machine_record, map_multiply_adds
from gpelm.latent import higher_order_point, CURVE_MODELS, MLP_MODEL

def forward_flops(model: str, L: int, C: int, dim: int, layers: int, mlp: torch.nn.Module) -> float:
    "Multiply-adds ×2 of one segregant's forward pass."
    maps = {label: kind for kind, label in CURVE_MODELS.items()}
    if model in maps: return 2 * map_multiply_adds(maps[model], L, C, dim, layers)
    return 2 * sum(p.numel() for name, p in mlp.named_parameters() if p.dim() == 2)       # the MLP's weight matrices

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--n', type=int, default=20_000, help="segregants per cross")
    p.add_argument('--loci', type=int, default=40)
    p.add_argument('--strengths', default='0,0.5,1,2', help="λ values, comma-separated")
    p.add_argument('--max-epochs', type=int, default=300)
    p.add_argument('--batch-size', type=int, default=256, help="segregants per step of the sequence models")
    p.add_argument('--mlp-hidden', type=int, default=256)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--out', default=str(Path(__file__).with_suffix('.csv')))
    a = p.parse_args()
    # the rates are measured once, before any fit, for one second each (a single short measurement can catch a stall)
    rates = {name: matmul_rate(128, 1024, 1024, dtype, seconds=1.0) for name, dtype in (('fp32', torch.float32), ('bf16', torch.bfloat16))}
    print(f"matmul rates: fp32 {rates['fp32']:.0f} GFLOP/s, bf16 {rates['bf16']:.0f} GFLOP/s", flush=True)
    rows = []
    for strength in [float(v) for v in a.strengths.split(',')]:
        print(f"λ {strength:g}: fitting linear, linear + pairwise, attention, MLP ...", flush=True)
        point = higher_order_point(strength, n=a.n, loci=a.loci, max_epochs=a.max_epochs, batch_size=a.batch_size,
                                   mlp_hidden=a.mlp_hidden, seed=a.seed)
        cross, shape = point.cross, point.attention.config
        n_train, n_valid = (int((cross.split == s).sum()) for s in ('training', 'validation'))
        for r in point.rows:
            per_epoch = forward_flops(r['model'], cross.L, cross.C, shape['dim'], shape['layers'], point.mlp)
            # the MLP's epochs are the pub recipe's selection and refit passes, on the training and validation parts
            seen = n_train + n_valid if r['model'] == MLP_MODEL else n_train
            gflop = r['epochs'] * per_epoch * (3 * seen + n_valid) / 1e9
            f = {name: gflop / rate for name, rate in rates.items()}
            rows.append(dict(n=a.n, loci=a.loci, **r, gflop=gflop, floor_fp32=f['fp32'], floor_bf16=f['bf16'],
                             **{f'{k}_gflops': v for k, v in rates.items()}, **machine_record()))
            print(f"  {r['model']:<18} R² {r['squared_pearson']:.3f}  {r['seconds']:7.1f} s  floor fp32 {f['fp32']:.2f} s, "
                  f"bf16 {f['bf16']:.2f} s  ({r['epochs']} epochs)", flush=True)
        pd.DataFrame(rows).to_csv(a.out, index=False)
    table = pd.DataFrame(rows)
    print(table.pivot(index='strength', columns='model', values='squared_pearson').round(3).to_string())
    print(table[['strength', 'model', 'squared_pearson', 'seconds', 'floor_fp32', 'floor_bf16', 'epochs', 'max_rel_error',
                 'variance_auc']].to_string(index=False, float_format=lambda v: f'{v:.3g}'))

if __name__ == '__main__':
    main()
