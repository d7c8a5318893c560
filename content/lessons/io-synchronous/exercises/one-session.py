"""Exercise: ten downloads, each through a connection of its own.

    python3 one-session.py URL [URL ...]

Make them share one connection, kept open from one download to the next, and keep what it prints.
"""
import argparse
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(10)]


def download_site(url):
    with requests.get(url, timeout=10) as response:
        response.raise_for_status()
        return len(response.content)


def main():
    parser = argparse.ArgumentParser(description="Download pages one after another.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 10 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    started = time.perf_counter()
    sizes = [download_site(url) for url in urls]
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
