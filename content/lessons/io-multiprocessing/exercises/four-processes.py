"""Exercise: twelve downloads on a pool of twelve processes, all at once.

    python3 four-processes.py URL [URL ...]

The server allows four downloads at a time from one client. Keep them concurrent, never more than
four at once, and keep what it prints.
"""
import argparse
import time
from concurrent.futures import ProcessPoolExecutor

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(12)]


def download_site(url):
    with requests.get(url, timeout=10) as response:
        response.raise_for_status()
        return len(response.content)


def main():
    parser = argparse.ArgumentParser(description="Download pages on processes.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 12 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=len(urls)) as pool:
        sizes = list(pool.map(download_site, urls))
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
