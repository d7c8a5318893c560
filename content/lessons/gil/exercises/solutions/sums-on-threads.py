"""Exercise: four sums of squares on four threads, which take turns for the GIL.

    python3 sums-on-threads.py
"""
import time
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def main():
    sizes = [4_000_000] * 4
    started = time.perf_counter()
    # The same interface as the thread pool; each worker is a process with a GIL of its own.
    with ProcessPoolExecutor(max_workers=4) as pool:
        totals = list(pool.map(sum_of_squares, sizes))
    print(f"{len(totals)} sums in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
