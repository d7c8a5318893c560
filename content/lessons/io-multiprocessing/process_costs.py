"""What a process pool costs before it does any work: starting it, and copying data to it and back.

    python3 process_costs.py                  # pools of 4 processes, 10 MB copied
    python3 process_costs.py --workers 8 --megabytes 100

For each start method this platform has, it times a pool from its start until it has answered one
tiny task per process. Then it times sending a bytes object to a process and getting it back, which
pickles and unpickles it both ways, for a few sizes up to --megabytes.
"""
import argparse
import multiprocessing
import os
import time


def answer(_):
    """The smallest task there is: only proves that the process is up."""
    return os.getpid()


def echo(data):
    """Gets its argument by copy and sends it back by copy."""
    return data


def start_up(method, workers):
    context = multiprocessing.get_context(method)
    started = time.perf_counter()
    with context.Pool(workers) as pool:
        # A task per process: the first processes up may take several, so this measures
        # until the pool can work, not until every process has started.
        pool.map(answer, range(workers), chunksize=1)
        return time.perf_counter() - started


def round_trip(megabytes):
    data = bytes(int(megabytes * 1_000_000))
    with multiprocessing.Pool(1) as pool:
        pool.apply(echo, (b"",))  # the process is up before the clock starts
        started = time.perf_counter()
        back = pool.apply(echo, (data,))
        elapsed = time.perf_counter() - started
    assert back == data
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4, help="processes per pool (default 4)")
    parser.add_argument("--megabytes", type=float, default=10,
                        help="the largest object copied there and back, in MB (default 10)")
    args = parser.parse_args()

    print(f"default start method here: {multiprocessing.get_start_method()}")
    for method in multiprocessing.get_all_start_methods():
        seconds = start_up(method, args.workers)
        print(f"start-up, {method}: a pool of {args.workers} processes in {seconds:.2f} seconds")
    for megabytes in (args.megabytes / 100, args.megabytes / 10, args.megabytes):
        seconds = round_trip(megabytes)
        print(f"copy there and back: {megabytes:g} MB in {seconds:.3f} seconds")


# Required: with spawn and forkserver, each process imports this file.
if __name__ == "__main__":
    main()
