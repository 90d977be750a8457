"""gpelm's ELM path against a reference written in the pub's style, on the same trained model.

Reference: one torch.autograd.functional.jacobian call per sample and trait; genotype-class means by Python
loops over traits, pairs and individuals. Checks that both give the same numbers, times both, and puts gpelm's
times beside the compute floor (the same matrix products alone).
Both floors are printed: these products timed in fp32, and their flops at the bf16 matmul rate measured in the same run.
Run: python bench/elm_vs_reference.py [--model model.pt] [--epochs 10] [--samples 1500] [--record]
"""
import argparse, time
import numpy as np, torch
from gpelm.simulate import simulate
from gpelm.model import load_model
from gpelm.train import fit
from gpelm.elm import jacobians
from gpelm.estimators import pairs_table
from floor import floors, record

def best_of(fn, repeats=3):
    best, out = float('inf'), None
    for _ in range(repeats):
        t = time.perf_counter(); out = fn(); best = min(best, time.perf_counter() - t)
    return best, out

def reference_jacobians(model, x):
    "The pub's way: one autograd jacobian call per sample and trait."
    n, L = x.shape; K = model.config['n_traits']
    J = torch.empty(n, K, L)
    for i in range(n):
        for k in range(K):
            J[i, k] = torch.autograd.functional.jacobian(lambda v: model(v.unsqueeze(0))[0, k], x[i])
    return J

def pooled_slope(m, counts, first):
    "The slope of the class means on the second locus's ±1, pooled over the classes of the `first` locus (0 or 1)."
    cross = spread = 0.0
    for a in (0, 1):
        cls = [a * 2, a * 2 + 1] if first == 0 else [a, a + 2]          # (a, −), (a, +) in mm, mp, pm, pp order
        n_minus, n_plus = counts[cls[0]], counts[cls[1]]
        b_mean = (n_plus - n_minus) / (n_plus + n_minus)
        cross += n_minus * m[cls[0]] * (-1 - b_mean) + n_plus * m[cls[1]] * (1 - b_mean)
        spread += n_minus * (-1 - b_mean) ** 2 + n_plus * (1 - b_mean) ** 2
    return cross / spread

def reference_pairs(S, x):
    """In the pub's style: loops over traits, pairs and individuals; class means of both loci, gpelm's estimate (the
    slope pooled within the classes of each locus) and the pub's own ¼ Σ b·m(a, b), both averaged over the two loci."""
    S, x = S.double().numpy(), x.numpy()
    n, K, L = S.shape
    est = np.empty((K, L * (L - 1) // 2)); pub = np.empty_like(est); means1 = np.empty((K, L * (L - 1) // 2, 4))
    for k in range(K):
        p = 0
        for i in range(L):
            for j in range(i + 1, L):
                sums_i, sums_j, counts = [0.0] * 4, [0.0] * 4, [0] * 4
                for s in range(n):
                    c = (x[s, i] > 0) * 2 + (x[s, j] > 0)
                    sums_i[c] += S[s, k, i]; sums_j[c] += S[s, k, j]; counts[c] += 1
                m_i = [sums_i[c] / counts[c] for c in range(4)]; m_j = [sums_j[c] / counts[c] for c in range(4)]
                from_i = -(m_i[0] - m_i[1] + m_i[2] - m_i[3]) / 4     # classes mm, mp, pm, pp
                from_j = -(m_j[0] + m_j[1] - m_j[2] - m_j[3]) / 4
                pub[k, p] = (from_i + from_j) / 2
                est[k, p] = (pooled_slope(m_i, counts, 0) + pooled_slope(m_j, counts, 1)) / 2
                means1[k, p] = m_i; p += 1
    return est, means1, pub

def jacobian_floor(model, x):
    "The matmuls of the closed form alone: forward to the gates, then the chain from the output side."
    W = [l.weight.detach() for l in model.layers]
    n, K, H = x.shape[0], W[-1].shape[0], W[0].shape[0]
    a, b = torch.randn(n * K, H), torch.randn(n, H)
    def run():
        x @ W[0].T; b @ W[1].T                                          # forward to the gates
        a @ W[1]; a @ W[0]                                              # chain: (nK×H)(H×H), (nK×H)(H×L)
    flops = 2 * n * (x.shape[1] * H + H * H) + 2 * n * K * (H * H + H * x.shape[1])
    return best_of(run)[0], flops

def pairs_floor(S, x):
    """The matmuls of `pairs_table` alone: per class pair (a, b) of the C² = 4, sensitivity sums and counts (nK×L by n×L
    and n×L by n×L); then the pooled slopes' cross products and one class's genotype sums (K + C − 1 = K + 1)."""
    n, K, L = S.shape
    a, p = torch.randn(n, K * L), (x > 0).float()
    def run():
        for _ in range(5): a.T @ p; p.T @ p
    return best_of(run)[0], 5 * (2 * n * K * L * L + 2 * n * L * L)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model'); ap.add_argument('--epochs', type=int, default=10); ap.add_argument('--samples', type=int, default=1500)
    ap.add_argument('--record', action='store_true', help='put the rows into bench/results.csv (the README table)')
    args = ap.parse_args()
    study = simulate()
    model = load_model(args.model) if args.model else fit(study, max_epochs=args.epochs, progress=False, device='cpu').model
    x = study.test.x()[:args.samples]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {len(x)} individuals x 5 traits, GPNet 64-1024-1024-5")
    t_ref_j, J_ref = best_of(lambda: reference_jacobians(model, x), 1)
    t_j, J = best_of(lambda: jacobians(model, x))
    floor_j, flops_j = jacobian_floor(model, x)
    per_individual = (J - J_ref).abs().amax((1, 2)) / J_ref.abs().max()
    kinked = torch.nonzero(per_individual > 1e-4).flatten()      # a unit at its kink: either one-sided derivative
    with torch.no_grad():
        h, nearest = x[kinked] - model.x_centre, torch.full((len(kinked),), float('inf'))
        for layer in model.layers[:-1]:
            z = layer(h); nearest = torch.minimum(nearest, z.abs().amin(1))
            h = torch.nn.functional.leaky_relu(z, model.leak)
    err_j = per_individual[per_individual <= 1e-4].max().item()
    t_ref_p, (est_ref, m1_ref, pub_ref) = best_of(lambda: reference_pairs(J, x), 1)
    t_p, pairs = best_of(lambda: pairs_table(J, x))
    floor_p, flops_p = pairs_floor(J, x)
    est = pairs.est_epi_eff.to_numpy().reshape(est_ref.shape)
    m1 = pairs[['s1_mm', 's1_mp', 's1_pm', 's1_pp']].to_numpy().reshape(m1_ref.shape)
    err_p = max(np.abs(est - est_ref).max(), np.abs(m1 - m1_ref).max()) / np.abs(m1_ref).max()
    print(f"\n{'stage':<34}{'reference s':>12}{'gpelm s':>10}{'floor s':>10}{'gpelm/floor':>12}{'speed-up':>10}{'max rel diff':>14}")
    print(f"{'Jacobians (n x K x L)':<34}{t_ref_j:>12.2f}{t_j:>10.3f}{floor_j:>10.3f}{t_j / floor_j:>12.2f}{t_ref_j / t_j:>10.0f}{err_j:>14.1e}")
    print(f"{'all-pairs class means + estimates':<34}{t_ref_p:>12.2f}{t_p:>10.4f}{floor_p:>10.4f}{t_p / floor_p:>12.1f}{t_ref_p / t_p:>10.0f}{err_p:>14.1e}")
    print(f"\nJacobians: {len(kinked)} of {len(x)} individuals differ by more (largest {per_individual.max():.1e}); each has "
          f"a hidden unit within {nearest.max():.1e} of zero, a kink where the derivative is one-sided and either is exact.")
    print(f"floors: Jacobians {flops_j / 1e9:.1f} GFLOP of matmuls; pairs {flops_p / 1e9:.2f} GFLOP. "
          f"pairs_table also builds the tidy 10,080-row DataFrame, included in its time.")
    bf16_j, bf16_p = floors(flops_j / 1e9)['bf16'], floors(flops_p / 1e9)['bf16']
    print(f"bf16 floors (same flops at the bf16 matmul rate measured now): Jacobians {bf16_j:.3f} s, pairs {bf16_p:.4f} s")
    if args.record:
        record('elm_vs_reference.py', [
            {'stage': f'Jacobians {len(x):,} × 5 × 64', 'seconds': t_j, 'floor_fp32': floor_j, 'floor_bf16': bf16_j,
             'reference': f"{t_ref_j:.1f} s, same numbers to {err_j:.1e}",
             'note': f"{len(kinked)} individuals with a unit at its kink excepted"},
            {'stage': 'all-pairs class means and estimates', 'seconds': t_p, 'floor_fp32': floor_p, 'floor_bf16': bf16_p,
             'reference': f"{t_ref_p:.0f} s ({t_ref_p / t_p:,.0f}× slower), same numbers to {err_p:.1e}"}])
    print(f"gpelm's pooled estimate against the pub's equal-weight ¼ Σ b·m(a, b) on the same class means: max |diff| "
          f"{np.abs(est - pub_ref).max():.1e} (effects up to {np.abs(pub_ref).max():.2f}), r = "
          f"{np.corrcoef(est.ravel(), pub_ref.ravel())[0, 1]:.6f}")

if __name__ == '__main__': main()
