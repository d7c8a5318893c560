"""Exercise: five downloads, one after another; one page never answers.

    python3 give-up-waiting.py URL [URL ...]
"""
import argparse
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(5)]


def download_site(url):
    # A latency has no upper bound of its own: the time limit is the program's to set.
    with requests.get(url, timeout=1) as response:
        response.raise_for_status()
        return len(response.content)


def main():
    parser = argparse.ArgumentParser(description="Download pages one after another.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 5 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    started = time.perf_counter()
    sizes = []
    for url in urls:
        try:
            sizes.append(download_site(url))
        except requests.Timeout:
            print(f"No answer within 1 s: {url}")
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
