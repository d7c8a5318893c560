"""Measure first: does a piece of work wait or compute? Compare its wall time with its CPU time.

    python3 measure.py cpu                      # sums of squares, one after another
    python3 measure.py io                       # 4 pages from the course's page server
    python3 measure.py io URL [URL ...]         # exactly these addresses
    python3 measure.py mixed URL [URL ...]      # download each page, then compute
    python3 -m cProfile -s tottime measure.py cpu   # and which functions the time goes to

The work runs one task after another, with no concurrency at all: you measure the program you
have before you change it. It needs the requests library for io and mixed:
python3 -m pip install requests. Their pages come by default from the page server in the sample
code: start it first, in another terminal, with python3 page_server.py.
"""
import argparse
import socket
import sys
import time

HOST, PORT = "127.0.0.1", 8000  # where page_server.py listens
SERVER = f"http://{HOST}:{PORT}/"
PAGES = [f"{SERVER}page/{number}" for number in range(4)]
TIMEOUT = 10  # seconds, for the connection and then for each part of an answer


def compute(n):
    """Pure Python arithmetic, standing for any parsing or number crunching."""
    return sum(i * i for i in range(n))


def download(session, url):
    with session.get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()
        return response.content


def run(workload, urls, tasks, size):
    """Run the work one task after another; return a description of what ran."""
    if workload == "cpu":
        for task in range(tasks):
            compute(size + task)
        return f"{tasks} sums of {size:,} squares"
    import requests  # only here: the cpu workload runs without it
    with requests.Session() as session:
        for url in urls:
            page = download(session, url)
            if workload == "mixed":
                compute(size + len(page))
    return f"{len(urls)} downloads" + (" and computations" if workload == "mixed" else "")


def verdict(busy):
    """busy: CPU time as a fraction of wall time, for work that runs on one thread."""
    if busy < 0.25:
        return "Mostly waiting: try threads or asyncio"
    if busy >= 0.6:
        return "Mostly computing: try processes (or threads on a free-threaded build)"
    return "Both: overlap the waits with threads or asyncio, compute in processes"


def positive(text):
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def server_is_up():
    try:
        socket.create_connection((HOST, PORT), timeout=TIMEOUT).close()
    except OSError:  # refused: nothing listens there
        return False
    return True


def main():
    parser = argparse.ArgumentParser(description="Time some work by the wall clock and by "
                                                 "the CPU, and say which it mostly does.")
    parser.add_argument("workload", choices=["io", "cpu", "mixed"])
    parser.add_argument("urls", nargs="*", metavar="URL",
                        help=f"addresses for io and mixed (default: {len(PAGES)} pages at {SERVER})")
    parser.add_argument("--tasks", type=positive, default=4, help="sums for cpu (default 4)")
    parser.add_argument("--size", type=positive, default=3_000_000,
                        help="numbers squared per sum (default 3000000)")
    args = parser.parse_intermixed_args()  # options before or after the addresses
    if args.workload != "cpu" and not args.urls and not server_is_up():
        sys.exit(f"Nothing answers at {SERVER}. Start the page server first: "
                 "python3 page_server.py")

    wall_start, cpu_start = time.perf_counter(), time.process_time()
    what = run(args.workload, args.urls or PAGES, args.tasks, args.size)
    wall = time.perf_counter() - wall_start  # time that passed, waiting included
    cpu = time.process_time() - cpu_start    # time this process spent on a processor

    busy = cpu / wall if wall > 0 else 1.0
    print(f"{what}: {wall:.2f} seconds of wall time")
    print(f"CPU time {cpu:.2f} seconds: busy {busy:.0%} of the wall time")
    print(verdict(busy))


if __name__ == "__main__":
    main()
