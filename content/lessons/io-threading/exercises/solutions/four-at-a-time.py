"""Exercise: a thread per page: all 12 downloads at once, where the server asks for 4 at a time.

    python3 four-at-a-time.py URL [URL ...]
"""
import argparse
import time
from concurrent.futures import ThreadPoolExecutor

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(12)]
AT_ONCE = 4


def download_site(url):
    with requests.get(url, timeout=10) as response:
        response.raise_for_status()
        return len(response.content)


def download_all_sites(urls):
    # AT_ONCE threads, each taking the next page when it is done with one: never more at once.
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(download_site, urls))


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 12 pages of the page server)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = download_all_sites(args.urls or SITES)
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
