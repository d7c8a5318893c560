"""Exercise: twenty-four downloads on four threads; when one fails, the others go on regardless.

    python3 stop-at-first-failure.py URL [URL ...]

When a page fails, stop: print its address, cancel the downloads that have not started, and end
without a traceback.
"""
import argparse
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(24)]


def download_site(url):
    with requests.get(url, timeout=10) as response:
        response.raise_for_status()
        return len(response.content)


def main():
    parser = argparse.ArgumentParser(description="Download pages, stopping at the first failure.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 24 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    started = time.perf_counter()
    sizes = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {pool.submit(download_site, url): url for url in urls}
        for future in as_completed(futures):
            sizes.append(future.result())
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
