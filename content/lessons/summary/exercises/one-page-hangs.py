"""Exercise: one page never answers, and the program waits for it for good.

    python3 one-page-hangs.py URL [URL ...]

Make it give up on a page after 2 seconds and print that page's address, download the others, and
end with the usual line, counting the pages downloaded.
"""
import argparse
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(6)]


def download_site(url):
    with requests.get(url) as response:
        response.raise_for_status()
        return len(response.content)


def download_all_sites(urls):
    sizes = []
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        futures = {pool.submit(download_site, url): url for url in urls}
        for future in as_completed(futures):
            sizes.append(future.result())
    return sizes


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 6 pages of the page server)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = download_all_sites(args.urls or SITES)
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
