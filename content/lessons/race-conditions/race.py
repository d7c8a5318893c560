"""Threads that add 1 to one shared counter: how updates get lost, and how a lock stops it.

    python3 race.py                          # 4 threads, half a million additions each, no lock
    python3 race.py --mode lock              # the same with a lock: always exact
    python3 race.py --mode plain             # counter += 1 alone: on 3.10+ with the GIL, rarely wrong

In racy mode each addition is `counter += one()`: the call to one() sits between reading the
counter and writing it back, and a call is one of the points where CPython 3.10+ may hand the
GIL to another thread. So lost updates show on the standard build too. In plain mode the
statement contains no such point, and under the GIL a quick run is nearly always right; on a
free-threaded build (python3.13t, python3.14t) both modes lose updates.
"""
import argparse
import sys
import threading
import time

counter = 0
counter_lock = threading.Lock()


def one():
    return 1


def add_racy(times):
    global counter
    for _ in range(times):
        counter += one()  # read counter, call one(), add, write: another thread may run between


def add_plain(times):
    global counter
    for _ in range(times):
        counter += 1  # read, add, write: still three steps, with no switch point between them


def add_with_lock(times):
    global counter
    for _ in range(times):
        with counter_lock:  # one thread at a time reads, adds and writes
            counter += one()


MODES = {"racy": add_racy, "plain": add_plain, "lock": add_with_lock}


def positive(text):
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=positive, default=4, help="threads (default 4)")
    parser.add_argument("--increments", type=positive, default=500_000,
                        help="additions per thread (default 500000)")
    parser.add_argument("--mode", choices=MODES, default="racy",
                        help="racy (a call inside the statement), plain (counter += 1) "
                             "or lock (default racy)")
    args = parser.parse_args()

    gil_enabled = getattr(sys, "_is_gil_enabled", lambda: True)()  # 3.13+; before, always on
    print(f"Python {sys.version.split()[0]}, GIL enabled: {gil_enabled}, mode: {args.mode}")

    threads = [threading.Thread(target=MODES[args.mode], args=(args.increments,))
               for _ in range(args.threads)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started

    expected = args.threads * args.increments
    print(f"Final count {counter:,}, expected {expected:,}: "
          f"{expected - counter:,} updates lost in {seconds:.2f} seconds")


if __name__ == "__main__":
    main()
