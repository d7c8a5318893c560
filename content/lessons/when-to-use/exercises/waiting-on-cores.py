"""Exercise: eight downloads on a pool of processes, one per core.

    python3 waiting-on-cores.py URL [URL ...]

The work is waiting, not computing, yet it runs on as many processes as the machine has cores.
Pick the tool for waiting, so that all eight wait at once, and keep what it prints.
"""
import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(8)]


def download_site(url):
    with requests.get(url, timeout=10) as response:
        response.raise_for_status()
        return len(response.content)


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 8 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    started = time.perf_counter()
    # One process per core, as for computing; capped at 2 so that even a big machine shows it.
    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, 2)) as pool:
        sizes = list(pool.map(download_site, urls))
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
