"""Matmul rates of this machine in fp32 and bf16, measured in the run that uses them, and the floors they give.

A floor is the time the matrix products of a computation would take alone at the measured rate. On a CPU with AMX or
AVX-512-bf16 units bf16 is several times faster than fp32; on one without, it is emulated and far slower. The real
floor of a computation is the lower of the two: that of the fastest precision this machine offers."""
import datetime
from pathlib import Path
import pandas as pd
import torch
from gpelm.records import matmul_rate   # one measurement of a rate, the scan's and the benches'

def scan_floor(summary: dict) -> dict:
    """The floor of a pair scan (`gpelm.scan.scan_study`'s summary): its genotype products (one per block for haploids,
    four for diploids, per set of individuals) at the rate of the product it ran (int8 or fp32, `products_used`) and
    its trait products (one per trait and block) at the fp32 rate, all measured now; and, for comparison, all of them
    at the fp32 and at the bf16 rate."""
    from gpelm.scan import product_flops
    L, ploidy, width = summary['loci'], summary['ploidy'], summary['block_width']
    groups = {t['individuals'] for t in summary['traits'].values()}
    genotype = sum(product_flops(n, L, width) for n in groups) * (1 if ploidy == 1 else 4) / 1e9
    trait = sum(product_flops(t['individuals'], L, width) for t in summary['traits'].values()) / 1e9
    used = summary.get('products_used', 'int8')
    dtypes = {'int8': torch.int8, 'fp32': torch.float32, 'bf16': torch.bfloat16, 'float64': torch.float64}
    rates = {name: matmul_rate(1024, 4096, 1024, dtypes[name]) for name in dict.fromkeys(['int8', 'fp32', 'bf16', used])}
    return {'seconds': genotype / rates[used] + trait / rates['fp32'], 'genotype_gflop': genotype,
            'trait_gflop': trait, 'all_fp32_seconds': (genotype + trait) / rates['fp32'],
            'all_bf16_seconds': (genotype + trait) / rates['bf16'], 'products_used': used} | {f'{k}_gflops': v for k, v in rates.items()}

def scan_floor_of(n: int, loci: int, ploidy: int, traits: int = 1, width=None, products=None) -> dict:
    """`scan_floor` of a scan of `n` individuals × `loci` for `traits` traits, all on every individual: the block width
    and the product `gpelm.scan` would pick here unless the run that is timed reports its own."""
    from gpelm.scan import block_width, product_kind
    return scan_floor({'loci': loci, 'ploidy': ploidy, 'block_width': width or block_width(n, loci, ploidy),
                       'traits': {k: {'individuals': n} for k in range(1, traits + 1)},
                       'products_used': products or product_kind('auto', n, ploidy)[0]})

def map_multiply_adds(gpmap: str,          # 'additive', 'pairwise' or 'attention'
                      L: int, C: int,       # positions and characters (one-hot width L·C)
                      dim: int = 0, layers: int = 0,   # the attention map's width and layers
                     ) -> float:
    "Multiply-adds of one sequence's genotype-phenotype map φ, forward: the one count the sequence benches share."
    if gpmap == 'additive': return L * C
    if gpmap == 'pairwise': return L * C + (L * C) ** 2
    if gpmap == 'attention': return L * C * dim + layers * (3 * L * dim ** 2 + 2 * L ** 2 * dim) + L * dim
    raise ValueError(f"no count for the map {gpmap!r}")

def floors(gflop: float, rows: int = 128, inner: int = 1024, cols: int = 1024, device='cpu') -> dict:
    "Seconds that `gflop` of matrix products take at `device`'s fp32 and bf16 rates (at the given shape)."
    rates = {name: matmul_rate(rows, inner, cols, dtype, device=device)
             for name, dtype in (('fp32', torch.float32), ('bf16', torch.bfloat16))}
    return {name: gflop / rate for name, rate in rates.items()} | {f'{name}_gflops': r for name, r in rates.items()}

def floor_lines(seconds: float, gflop: float, rows: int = 128) -> list:
    "Table lines: the fp32 and bf16 floors measured now, the real floor (the lower) and the ratio to it."
    f = floors(gflop, rows)
    real = min(f['fp32'], f['bf16'])
    return [f"{'floor, fp32 matmul (' + format(f['fp32_gflops'], '.0f') + ' GFLOP/s)':<44}{f['fp32']:>10.3f}",
            f"{'floor, bf16 matmul (' + format(f['bf16_gflops'], '.0f') + ' GFLOP/s)':<44}{f['bf16']:>10.3f}",
            f"{'measured':<44}{seconds:>10.3f}",
            f"ratio to the real floor (the lower of the two): {seconds / real:.2f}x"]

def machine_record(device='cpu') -> dict:
    """What made a bench's numbers, for the columns of its CSV: gpelm and torch versions, threads, machine (the GPU
    first where `device` is CUDA), date."""
    import gpelm
    from gpelm.records import machine as cpu
    machine = cpu()
    if torch.device(device).type == 'cuda': machine = f"{torch.cuda.get_device_name(device)}; {machine}"
    return {'gpelm_version': gpelm.__version__, 'torch_version': torch.__version__, 'threads': torch.get_num_threads(),
            'machine': machine, 'date': datetime.date.today().isoformat()}

RESULTS = Path(__file__).with_name('results.csv')     # what the README's bench table is rendered from

def record(bench: str, rows: list, path=RESULTS, device='cpu'):
    """Put `bench`'s rows into bench/results.csv in place of its earlier ones of the same stage and machine, with the machine
    record. Each row: stage, seconds, floor_fp32 and floor_bf16 (seconds, where a matmul floor applies), reference
    (text) and note (text)."""
    machine = machine_record(device)
    columns = ['bench', 'stage', 'seconds', 'floor_fp32', 'floor_bf16', 'reference', 'note', *machine]
    new = pd.DataFrame([{'bench': bench, **r, **machine} for r in rows]).reindex(columns=columns)
    old = pd.read_csv(path) if Path(path).exists() else new.iloc[:0]
    same = (old.bench == bench) & (old.machine == machine['machine']) & old.stage.isin(new.stage)
    table = pd.concat([old[~same], new], ignore_index=True)
    tmp = Path(path).with_suffix('.partial.csv'); table.to_csv(tmp, index=False); tmp.replace(path)
    print(f"recorded in {path}")
