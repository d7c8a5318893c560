"""Exercise: four sums of squares, computed one after another on one core.

    python3 squares-on-processes.py
"""
import time
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def main():
    sizes = [2_000_000] * 4
    started = time.perf_counter()
    # Each process has its own interpreter and its own GIL: the sums run side by side.
    with ProcessPoolExecutor() as pool:
        totals = list(pool.map(sum_of_squares, sizes))
    print(f"{len(totals)} sums in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
