"""What a process pool costs before it does any work: starting it, and copying data to it and back.

    python3 process_costs.py                  # pools of 4 processes, 10 MB copied
    python3 process_costs.py --workers 8 --megabytes 100
    python3 process_costs.py --records        # also a list of dicts of the same pickled size

For each start method this platform has, it times a pool from its start until it has answered one
tiny task per process. Then it times sending a bytes object to a process and getting it back, which
pickles and unpickles it both ways, for a few sizes up to --megabytes. With --records it also
sends a list of small dicts, such as a program's parsed results, whose pickle is as large: the
same megabytes of Python objects cost far more than bytes, which pickle as one block.
"""
import argparse
import multiprocessing
import os
import pickle
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


def records(megabytes):
    """A list of small dicts whose pickle takes about `megabytes` MB."""
    def record(number):
        return {"id": number, "url": f"http://127.0.0.1:8000/page/{number}", "status": 200,
                "size": 1000 + number % 997, "seconds": number / 1000}
    each = len(pickle.dumps([record(number) for number in range(1000)])) / 1000
    return [record(number) for number in range(max(1, int(megabytes * 1_000_000 / each)))]


def round_trip(data):
    with multiprocessing.Pool(1) as pool:
        pool.apply(echo, (b"",))  # the process is up before the clock starts
        started = time.perf_counter()
        back = pool.apply(echo, (data,))
        elapsed = time.perf_counter() - started
    assert back == data
    return elapsed


def positive(text):
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=positive, default=4, help="processes per pool (default 4)")
    parser.add_argument("--megabytes", type=float, default=10,
                        help="the largest object copied there and back, in MB (default 10)")
    parser.add_argument("--records", action="store_true",
                        help="also copy a list of dicts of each size, and compare")
    args = parser.parse_args()
    if args.megabytes <= 0:
        parser.error(f"argument --megabytes: must be more than 0, not {args.megabytes:g}")

    print(f"default start method here: {multiprocessing.get_start_method()}")
    for method in multiprocessing.get_all_start_methods():
        seconds = start_up(method, args.workers)
        print(f"start-up, {method}: a pool of {args.workers} processes in {seconds:.2f} seconds")
    for megabytes in (args.megabytes / 100, args.megabytes / 10, args.megabytes):
        seconds = round_trip(bytes(int(megabytes * 1_000_000)))
        print(f"copy there and back: {megabytes:g} MB in {seconds:.3f} seconds")
        if args.records:
            data = records(megabytes)
            as_records = round_trip(data)
            print(f"  the same as {len(data):,} dicts: {as_records:.3f} seconds, "
                  f"{as_records / seconds:.0f}× the bytes")


# Required: with spawn and forkserver, each process imports this file.
if __name__ == "__main__":
    main()
