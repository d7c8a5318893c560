"""Exercise: four sums of squares on four threads, which take turns for the GIL.

    python3 sums-on-threads.py

Compute them in other processes instead, each with its own interpreter and its own GIL, and keep
what it prints.
"""
import time
from concurrent.futures import ThreadPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def main():
    sizes = [4_000_000] * 4
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        totals = list(pool.map(sum_of_squares, sizes))
    print(f"{len(totals)} sums in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
