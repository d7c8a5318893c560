"""Exercise: download the pages on a thread pool, their waits overlapping.

    python3 thread-pool.py --workers 8 URL [URL ...]

As it is, it downloads one page after another. Make download_all_sites() download them on a
ThreadPoolExecutor of `workers` threads, and keep what it prints.
"""
import argparse
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(8)]


def download_site(url):
    with requests.get(url, timeout=10) as response:
        response.raise_for_status()
        return len(response.content)


def download_all_sites(urls, workers):
    return [download_site(url) for url in urls]


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("--workers", type=int, default=8, help="threads (default 8)")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 8 pages of the page server)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = download_all_sites(args.urls or SITES, args.workers)
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
