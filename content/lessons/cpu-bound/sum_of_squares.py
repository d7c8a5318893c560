"""Sum squares one after another, on threads, and on processes, and time each."""
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool

NUMBERS = [5_000_000 + x for x in range(4)]


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def one_after_another(numbers):
    return [sum_of_squares(n) for n in numbers]


def on_threads(numbers, workers=2):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(sum_of_squares, numbers))


def on_processes(numbers, workers=2):
    with Pool(processes=workers) as pool:
        return pool.map(sum_of_squares, numbers)


if __name__ == "__main__":
    for run in (one_after_another, on_threads, on_processes):
        started = time.perf_counter()
        run(NUMBERS)
        print(f"{run.__name__}: {time.perf_counter() - started:.2f} s")
