"""Download web pages on a pool of processes, started by the method you choose, and time the batch.

    python3 io_processes.py                              # 80 pages from the course's page server
    python3 io_processes.py --workers 8                  # on a pool of 8 processes
    python3 io_processes.py --start-method spawn         # fork, spawn or forkserver
    python3 io_processes.py URL [URL ...]                # exactly these addresses

By default it downloads from the page server in the sample code: start it first, in another
terminal, with python3 page_server.py. It needs the requests library:
python3 -m pip install requests
"""
import argparse
import multiprocessing
import socket
import sys
import time

import requests

HOST, PORT = "127.0.0.1", 8000  # where page_server.py listens
SERVER = f"http://{HOST}:{PORT}/"
SITES = [f"{SERVER}page/{number}" for number in range(80)]

# Seconds to wait for a server to accept the connection, and then for each part of its answer,
# before giving up: without a timeout, one silent server would hold its process for good.
TIMEOUT = 10

# Each process of the pool has its own copy of this module's globals: setting it in one process
# changes nothing in the others, nor in the parent.
session = None


def start_process():
    """Runs once in each process of the pool, before its first download."""
    global session
    # The session lasts as long as its process, and closes with it: when a process ends, the
    # system closes every connection it had open. No code of ours runs at that moment: a pool
    # process started by fork or forkserver leaves with os._exit(), which skips atexit.
    session = requests.Session()


def download_site(url):
    """Fetch one page through this process's session; return its size in bytes."""
    with session.get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()  # an error page is not a download: stop here
        # Only the size travels back to the parent (pickled): the page itself stays here.
        return len(response.content)


def download_all_sites(urls, workers, start_method):
    # A context is the multiprocessing module bound to one start method, without changing the
    # default for the rest of the program (as multiprocessing.set_start_method would).
    context = multiprocessing.get_context(start_method)
    with context.Pool(workers, initializer=start_process) as pool:
        # chunksize=1: a process that is free takes the next address, one at a time.
        return pool.map(download_site, urls, chunksize=1)


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
    parser = argparse.ArgumentParser(description="Download pages on a pool of processes.")
    parser.add_argument("--workers", type=positive, metavar="N",
                        help="processes in the pool (default: the CPU count)")
    parser.add_argument("--start-method", choices=multiprocessing.get_all_start_methods(),
                        help="how to start the processes (default: this platform's, "
                             f"here {multiprocessing.get_start_method()})")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        f"(default: 80 pages at {SERVER})")
    args = parser.parse_args()
    urls = args.urls
    if not urls:
        if not server_is_up():
            sys.exit(f"Nothing answers at {SERVER}. Start the page server first: "
                     "python3 page_server.py")
        urls = SITES

    started = time.perf_counter()
    sizes = download_all_sites(urls, args.workers, args.start_method)
    elapsed = time.perf_counter() - started
    print(f"Start method: {args.start_method or multiprocessing.get_start_method()}")
    print(f"Downloaded {len(sizes)} sites in {elapsed:.2f} seconds")


# Required with spawn and forkserver: each new process imports this file to find
# download_site, and without the guard it would start a pool of its own.
if __name__ == "__main__":
    main()
