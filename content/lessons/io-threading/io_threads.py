"""Download web pages on a pool of threads, so that their waits overlap, and time the batch.

    python3 io_threads.py                   # a built-in list of pages: 80 downloads
    python3 io_threads.py --workers 10      # on a pool of 10 threads
    python3 io_threads.py URL [URL ...]     # exactly these addresses

It needs the requests library: python3 -m pip install requests
"""
import argparse
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

# A few pages of python.org and its documentation, repeated so that the waits add up to
# something worth timing.
PAGES = [
    "https://www.python.org/",
    "https://www.python.org/about/",
    "https://docs.python.org/3/",
    "https://docs.python.org/3/library/concurrent.futures.html",
]
SITES = PAGES * 20

# Seconds to wait for a server to accept the connection, and then for each part of its answer,
# before giving up: without a timeout, one silent server would hold its thread for good.
TIMEOUT = 10

# Attributes set on this object are seen only by the thread that set them.
thread_local = threading.local()


def get_session():
    # requests does not promise that a Session is safe to share between threads, so each
    # thread makes its own the first time it needs one and keeps it for its later downloads.
    if not hasattr(thread_local, "session"):
        thread_local.session = requests.Session()
    return thread_local.session


def download_site(url):
    """Fetch one page through this thread's session; return its size in bytes."""
    with get_session().get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()  # an error page is not a download: stop here
        return len(response.content)


def download_all_sites(urls, workers):
    # map hands each address to whichever thread is free and returns the sizes in the order
    # of the addresses; leaving the with block waits until every download has finished.
    with ThreadPoolExecutor(max_workers=workers) as executor:
        return list(executor.map(download_site, urls))


def positive_int(text):
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("needs at least 1")
    return number


def main():
    parser = argparse.ArgumentParser(description="Download pages on a pool of threads.")
    parser.add_argument("--workers", type=positive_int, metavar="N",
                        help="threads in the pool (default: ThreadPoolExecutor's own, "
                             "min(32, CPU count + 4))")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        "(default: a built-in list of python.org pages)")
    args = parser.parse_args()
    urls = args.urls or SITES

    started = time.perf_counter()
    sizes = download_all_sites(urls, args.workers)
    elapsed = time.perf_counter() - started
    print(f"Downloaded {len(sizes)} sites in {elapsed:.2f} seconds")


if __name__ == "__main__":
    main()
