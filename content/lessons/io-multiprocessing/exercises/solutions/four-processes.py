"""Exercise: twelve downloads on a pool of twelve processes, all at once.

    python3 four-processes.py URL [URL ...]
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
    # Each process downloads one page at a time: four processes, four downloads at once.
    with ProcessPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(download_site, urls))
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
