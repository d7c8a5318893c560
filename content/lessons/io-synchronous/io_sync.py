"""Download web pages one after another, on one thread, and time the whole batch.

    python3 io_sync.py                  # a built-in list of pages: 80 downloads
    python3 io_sync.py URL [URL ...]    # exactly these addresses, in this order

It needs the requests library: python3 -m pip install requests
"""
import argparse
import time

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
# before giving up: without a timeout, one silent server would stop the program for good.
TIMEOUT = 10


def download_site(session, url):
    """Fetch one page through the session's open connections; return its size in bytes."""
    with session.get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()  # an error page is not a download: stop here
        return len(response.content)


def download_all_sites(urls):
    # One session for every request: it keeps each connection open after an answer and reuses
    # it for the next request to the same host, so only the first pays for setting it up.
    with requests.Session() as session:
        return [download_site(session, url) for url in urls]


def main():
    parser = argparse.ArgumentParser(description="Download pages one after another.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        "(default: a built-in list of python.org pages)")
    urls = parser.parse_args().urls or SITES

    started = time.perf_counter()
    sizes = download_all_sites(urls)
    elapsed = time.perf_counter() - started
    print(f"Downloaded {len(sizes)} sites in {elapsed:.2f} seconds")


if __name__ == "__main__":
    main()
