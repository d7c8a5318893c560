"""Exercise: six downloads, one after another; one page answers 503, and the program stops there.

    python3 one-error.py URL [URL ...]

Make it print the address of a page that failed, with its error, download every other page, and
end with the usual line, counting the pages downloaded.
"""
import argparse
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(6)]


def download_site(session, url):
    with session.get(url, timeout=10) as response:
        response.raise_for_status()
        return len(response.content)


def main():
    parser = argparse.ArgumentParser(description="Download pages one after another.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 6 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    started = time.perf_counter()
    with requests.Session() as session:
        sizes = [download_site(session, url) for url in urls]
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
