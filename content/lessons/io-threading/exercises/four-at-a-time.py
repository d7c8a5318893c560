"""Exercise: a thread per page: all 12 downloads at once, where the server asks for 4 at a time.

    python3 four-at-a-time.py URL [URL ...]

Keep the downloads on threads, never more than 4 at once.
"""
import argparse
import threading
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(12)]
AT_ONCE = 4


def download_site(url, sizes):
    with requests.get(url, timeout=10) as response:
        response.raise_for_status()
        sizes.append(len(response.content))  # list.append is safe from several threads


def download_all_sites(urls):
    sizes = []
    threads = [threading.Thread(target=download_site, args=(url, sizes)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sizes


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 12 pages of the page server)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = download_all_sites(args.urls or SITES)
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
