"""Sums of squares four ways: one after another, on threads, on processes, on subinterpreters.

    python3 cpu_bound.py --mode sequential
    python3 cpu_bound.py --mode threads              # no faster under the GIL
    python3.14t cpu_bound.py --mode threads          # faster, on the free-threaded build
    python3 cpu_bound.py --mode processes            # faster: a GIL per process
    python3 cpu_bound.py --mode processes --tasks 20000 --size 100 --chunksize 500
    python3.14 cpu_bound.py --mode interpreters      # faster: a GIL per interpreter (3.14+)

--mode interpreters needs concurrent.futures.InterpreterPoolExecutor (Python 3.14 and later).
Where it is missing, the program says so and exits with status 2, as for any bad option.
"""
import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

try:
    from concurrent.futures import InterpreterPoolExecutor  # 3.14 and later
except ImportError:
    InterpreterPoolExecutor = None


def sum_of_squares(n):
    """Pure Python arithmetic: it needs its interpreter's GIL for every step."""
    return sum(i * i for i in range(n))


def usable_cpus():
    # process_cpu_count (3.13+) counts only the CPUs this process may run on; cpu_count counts
    # them all. ProcessPoolExecutor uses the same number when max_workers is not given.
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return count or 1


def run(mode, sizes, workers, chunksize):
    if mode == "sequential":
        return [sum_of_squares(n) for n in sizes]
    if mode == "threads":
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(sum_of_squares, sizes))
    if mode == "processes":
        # chunksize: how many tasks go to a process in one message. Larger chunks mean fewer
        # round trips, which pays when the tasks are many and small.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(sum_of_squares, sizes, chunksize=chunksize))
    with InterpreterPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(sum_of_squares, sizes))


def positive(text):
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=positive, default=4, help="how many sums (default 4)")
    parser.add_argument("--size", type=positive, default=3_000_000,
                        help="numbers squared per sum (default 3000000)")
    parser.add_argument("--workers", type=positive, default=usable_cpus(),
                        help=f"threads, processes or interpreters (default: the usable CPUs, "
                             f"here {usable_cpus()})")
    parser.add_argument("--mode", default="processes",
                        choices=["sequential", "threads", "processes", "interpreters"],
                        help="how to run the sums (default processes)")
    parser.add_argument("--chunksize", type=positive, default=1,
                        help="tasks sent to a process at a time, with --mode processes (default 1)")
    args = parser.parse_args()
    if args.mode == "interpreters" and InterpreterPoolExecutor is None:
        parser.error("--mode interpreters needs Python 3.14 or later "
                     "(concurrent.futures.InterpreterPoolExecutor); "
                     f"this is Python {sys.version.split()[0]}")

    # sys._is_gil_enabled() exists from 3.13 on; before that, the GIL is always on.
    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"Python {sys.version.split()[0]}, GIL enabled: {gil_enabled}, "
          f"CPUs: {os.cpu_count()}, usable here: {usable_cpus()}")

    # The sums differ a little (by up to 9 numbers), so that not every task is the same work.
    sizes = [args.size + task % 10 for task in range(args.tasks)]
    how = "one after another" if args.mode == "sequential" else f"{args.workers} {args.mode}"
    started = time.perf_counter()
    run(args.mode, sizes, args.workers, args.chunksize)
    seconds = time.perf_counter() - started
    print(f"{how}: {args.tasks} sums of {args.size:,} squares in {seconds:.2f} seconds")


# Required: with spawn and forkserver, another process (each worker, or the fork server) imports
# this file and must not start the sums over again; an InterpreterPoolExecutor's interpreters
# import it too.
if __name__ == "__main__":
    main()
