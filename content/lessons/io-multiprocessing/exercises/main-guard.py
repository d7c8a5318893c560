"""Exercise: a process pool started the way Windows and macOS start processes (spawn) fails.

    python3 main-guard.py

Make it compute its sums on the pool, still with spawn.
"""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


context = multiprocessing.get_context("spawn")  # what Windows and macOS use by default
with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
    totals = list(pool.map(sum_of_squares, [2_000_000] * 4))
print(f"{len(totals)} sums computed")
