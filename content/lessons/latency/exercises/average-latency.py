"""Exercise: how long does one download take? This program downloads 10 pages and prints nothing.

    python3 average-latency.py URL [URL ...]

Time each download, one after another, and print their average as a last line such as
"Average: 152 ms".
"""
import argparse
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(10)]


def main():
    parser = argparse.ArgumentParser(description="Time downloads.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 10 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    with requests.Session() as session:
        for url in urls:
            session.get(url, timeout=10).raise_for_status()


if __name__ == "__main__":
    main()
