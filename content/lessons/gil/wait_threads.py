"""Tasks that wait, then compute: on threads under the GIL the waits overlap, the computing does not.

    python3 wait_threads.py                        # 8 tasks on 4 threads, 0.2 s of waiting each
    python3 wait_threads.py --work 3000000         # more computing: the threads gain less

Each task sleeps, standing in for a download, then sums squares, standing in for parsing what it
downloaded. time.sleep releases the GIL, as a blocking read from a socket does, so the threads
wait together; the sums need the GIL, so the threads take turns at them.
"""
import argparse
import time
from concurrent.futures import ThreadPoolExecutor


def task(wait, work):
    time.sleep(wait)  # lets go of the GIL until the time is up
    return sum(i * i for i in range(work))  # holds the GIL, bar a hand-over every few ms


def positive(text):
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=positive, default=8, help="how many tasks (default 8)")
    parser.add_argument("--workers", type=positive, default=4, help="threads in the pool (default 4)")
    parser.add_argument("--wait", type=float, default=0.2, metavar="SECONDS",
                        help="how long each task waits (default 0.2)")
    parser.add_argument("--work", type=positive, default=300_000,
                        help="numbers each task squares after its wait (default 300000)")
    args = parser.parse_args()

    started = time.perf_counter()
    task(0, args.work)
    compute = time.perf_counter() - started
    print(f"each task: waits {args.wait:.2f} s, then computes for about {compute:.2f} s")

    started = time.perf_counter()
    for _ in range(args.tasks):
        task(args.wait, args.work)
    seconds = time.perf_counter() - started
    print(f"one after another: {args.tasks} tasks in {seconds:.2f} seconds")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        list(pool.map(task, [args.wait] * args.tasks, [args.work] * args.tasks))
    seconds = time.perf_counter() - started
    print(f"{args.workers} threads: {args.tasks} tasks in {seconds:.2f} seconds")


if __name__ == "__main__":
    main()
