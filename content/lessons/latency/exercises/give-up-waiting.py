"""Exercise: five downloads, one after another; one page never answers, and the program waits for it for good.

    python3 give-up-waiting.py URL [URL ...]

Give each download a time limit of one second: print the address of a page that did not answer in
time, go on with the others, and end with the usual line, counting the pages downloaded.
"""
import argparse
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(5)]


def download_site(url):
    with requests.get(url) as response:
        response.raise_for_status()
        return len(response.content)


def main():
    parser = argparse.ArgumentParser(description="Download pages one after another.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 5 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    started = time.perf_counter()
    sizes = [download_site(url) for url in urls]
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
