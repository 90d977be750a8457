"""Matmul rates of this machine in fp32 and bf16, measured in the run that uses them, and the floors they give.

A floor is the time the matrix products of a computation would take alone at the measured rate. On a CPU with AMX or
AVX-512-bf16 units bf16 is several times faster than fp32; on one without, it is emulated and far slower. The real
floor of a computation is the lower of the two: that of the fastest precision this machine offers."""
import datetime, os, platform, time
from pathlib import Path
import pandas as pd
import torch

def matmul_rate(rows: int, inner: int, cols: int, dtype, seconds: float = 0.3) -> float:
    "GFLOP/s of (rows × inner) @ (inner × cols) in `dtype`, best of repeated runs for about `seconds`."
    a, b = torch.randn(rows, inner, dtype=dtype), torch.randn(inner, cols, dtype=dtype)
    a @ b
    best, spent, flops = float('inf'), 0.0, 2 * rows * inner * cols
    while spent < seconds:
        t = time.perf_counter(); a @ b; dt = time.perf_counter() - t
        best, spent = min(best, dt), spent + dt
    return flops / best / 1e9

def floors(gflop: float, rows: int = 128, inner: int = 1024, cols: int = 1024) -> dict:
    "Seconds that `gflop` of matrix products take at this machine's fp32 and bf16 rates (at the given shape)."
    rates = {name: matmul_rate(rows, inner, cols, dtype) for name, dtype in (('fp32', torch.float32), ('bf16', torch.bfloat16))}
    return {name: gflop / rate for name, rate in rates.items()} | {f'{name}_gflops': r for name, r in rates.items()}

def floor_lines(seconds: float, gflop: float, rows: int = 128) -> list:
    "Table lines: the fp32 and bf16 floors measured now, the real floor (the lower) and the ratio to it."
    f = floors(gflop, rows)
    real = min(f['fp32'], f['bf16'])
    return [f"{'floor, fp32 matmul (' + format(f['fp32_gflops'], '.0f') + ' GFLOP/s)':<44}{f['fp32']:>10.3f}",
            f"{'floor, bf16 matmul (' + format(f['bf16_gflops'], '.0f') + ' GFLOP/s)':<44}{f['bf16']:>10.3f}",
            f"{'measured':<44}{seconds:>10.3f}",
            f"ratio to the real floor (the lower of the two): {seconds / real:.2f}x"]

def machine_record() -> dict:
    "What made a bench's numbers, for the columns of its CSV: gpelm and torch versions, threads, machine, date."
    import gpelm
    models = [l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')]
    return {'gpelm_version': gpelm.__version__, 'torch_version': torch.__version__, 'threads': torch.get_num_threads(),
            'machine': f"{models[0] if models else platform.machine()}, {os.cpu_count()} cores",
            'date': datetime.date.today().isoformat()}

RESULTS = Path(__file__).with_name('results.csv')     # what the README's bench table is rendered from

def record(bench: str, rows: list, path=RESULTS):
    """Put `bench`'s rows into bench/results.csv in place of its earlier ones, with the machine record. Each row: stage,
    seconds, floor_fp32 and floor_bf16 (seconds, where a matmul floor applies), reference (text) and note (text)."""
    columns = ['bench', 'stage', 'seconds', 'floor_fp32', 'floor_bf16', 'reference', 'note', *machine_record()]
    new = pd.DataFrame([{'bench': bench, **r, **machine_record()} for r in rows]).reindex(columns=columns)
    old = pd.read_csv(path) if Path(path).exists() else new.iloc[:0]
    table = pd.concat([old[old.bench != bench], new], ignore_index=True)
    tmp = Path(path).with_suffix('.partial.csv'); table.to_csv(tmp, index=False); tmp.replace(path)
    print(f"recorded in {path}")
