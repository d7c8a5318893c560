"""Exercise: four sums of squares, computed one after another on one core.

    python3 squares-on-processes.py

Compute them on a pool of processes instead, so that each can run on a core of its own, and keep
what it prints.
"""
import time


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def main():
    sizes = [2_000_000] * 4
    started = time.perf_counter()
    totals = [sum_of_squares(n) for n in sizes]
    print(f"{len(totals)} sums in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
