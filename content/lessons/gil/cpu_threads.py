"""Sums of squares, one after another, on threads or on processes: what the GIL does to computing.

    python3 cpu_threads.py --mode sequential
    python3 cpu_threads.py --mode threads --workers 4
    python3 cpu_threads.py --mode threads --switch-interval 0.05   # hand the GIL over every 50 ms
    python3 cpu_threads.py --mode processes

Under the GIL, threads take turns and finish in about the time of one after another. On a
free-threaded build (python3.13t, python3.14t) or with processes, they compute at once.
"""
import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def sum_of_squares(n):
    """Pure Python arithmetic: the thread needs the GIL for every step of it."""
    return sum(i * i for i in range(n))


def run(mode, sizes, workers):
    if mode == "sequential":
        return [sum_of_squares(n) for n in sizes]
    pool_class = ThreadPoolExecutor if mode == "threads" else ProcessPoolExecutor
    with pool_class(max_workers=workers) as pool:
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
    parser.add_argument("--workers", type=positive, default=2,
                        help="threads or processes (default 2)")
    parser.add_argument("--mode", choices=["sequential", "threads", "processes"],
                        default="threads", help="how to run the sums (default threads)")
    parser.add_argument("--switch-interval", type=float, metavar="SECONDS",
                        help="set sys.setswitchinterval() first (default: leave it at 0.005)")
    args = parser.parse_args()

    if args.switch_interval is not None:
        sys.setswitchinterval(args.switch_interval)
    # sys._is_gil_enabled() exists from 3.13 on; before that, the GIL is always on.
    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(f"Python {sys.version.split()[0]}, GIL enabled: {gil_enabled}, "
          f"switch interval: {sys.getswitchinterval() * 1000:g} ms")

    # Each sum a little different, so that no two tasks are the same piece of work.
    sizes = [args.size + task for task in range(args.tasks)]
    how = "one after another" if args.mode == "sequential" else f"{args.workers} {args.mode}"
    started = time.perf_counter()
    run(args.mode, sizes, args.workers)
    seconds = time.perf_counter() - started
    print(f"{how}: {args.tasks} sums of {args.size:,} squares in {seconds:.2f} seconds")


if __name__ == "__main__":
    main()
