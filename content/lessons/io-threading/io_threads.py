"""Download web pages on a pool of threads, so that their waits overlap, and time the batch.

    python3 io_threads.py                   # 80 pages from the course's page server
    python3 io_threads.py --workers 10      # on a pool of 10 threads
    python3 io_threads.py URL [URL ...]     # exactly these addresses

By default it downloads from the page server in the sample code: start it first, in another
terminal, with python3 page_server.py. It needs the requests library:
python3 -m pip install requests
"""
import argparse
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

HOST, PORT = "127.0.0.1", 8000  # where page_server.py listens
SERVER = f"http://{HOST}:{PORT}/"
SITES = [f"{SERVER}page/{number}" for number in range(80)]

# Seconds to wait for a server to accept the connection, and then for each part of its answer,
# before giving up: without a timeout, one silent server would hold its thread for good.
TIMEOUT = 10

# Attributes set on this object are seen only by the thread that set them.
thread_local = threading.local()
# Every thread's session, so that they can all be closed once the pool is done.
sessions = []


def get_session():
    # requests does not promise that a Session is safe to share between threads, so each
    # thread makes its own the first time it needs one and keeps it for its later downloads.
    if not hasattr(thread_local, "session"):
        thread_local.session = requests.Session()
        sessions.append(thread_local.session)  # list.append is safe from any thread
    return thread_local.session


def download_site(url):
    """Fetch one page through this thread's session; return its size in bytes."""
    with get_session().get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()  # an error page is not a download: stop here
        return len(response.content)


def download_all_sites(urls, workers):
    # map hands each address to whichever thread is free and returns the sizes in the order
    # of the addresses; leaving the with block waits until every download has finished.
    try:
        with ThreadPoolExecutor(max_workers=workers) as executor:
            return list(executor.map(download_site, urls))
    finally:
        # A thread cannot tell which download is its last, so its session is closed here,
        # once every thread is done (or a download failed): its connections end now, not
        # whenever the garbage collector gets to it.
        for session in sessions:
            session.close()
        sessions.clear()


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
    parser = argparse.ArgumentParser(description="Download pages on a pool of threads.")
    parser.add_argument("--workers", type=positive, metavar="N",
                        help="threads in the pool (default: ThreadPoolExecutor's own, "
                             "min(32, CPU count + 4))")
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
    sizes = download_all_sites(urls, args.workers)
    elapsed = time.perf_counter() - started
    print(f"Downloaded {len(sizes)} sites in {elapsed:.2f} seconds")


if __name__ == "__main__":
    main()
