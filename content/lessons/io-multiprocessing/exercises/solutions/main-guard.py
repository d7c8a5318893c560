"""Exercise: a process pool started the way Windows and macOS start processes (spawn) fails.

    python3 main-guard.py
"""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def main():
    context = multiprocessing.get_context("spawn")  # what Windows and macOS use by default
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        totals = list(pool.map(sum_of_squares, [2_000_000] * 4))
    print(f"{len(totals)} sums computed")


# A spawned process imports this file to find sum_of_squares: without the guard, that import
# would start a pool of its own. With it, only the program you ran starts one.
if __name__ == "__main__":
    main()
