"""Exercise: six downloads, one after another; one page answers 503.

    python3 one-error.py URL [URL ...]
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
    sizes = []
    with requests.Session() as session:
        for url in urls:
            # One page's failure is that page's: say which, and go on with the next.
            try:
                sizes.append(download_site(session, url))
            except requests.RequestException as error:
                print(f"Failed: {url} ({error})")
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
