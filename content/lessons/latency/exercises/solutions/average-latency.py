"""Exercise: how long does one download take?

    python3 average-latency.py URL [URL ...]
"""
import argparse
import time

import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(10)]


def main():
    parser = argparse.ArgumentParser(description="Time downloads.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 10 pages of the page server)")
    urls = parser.parse_args().urls or SITES
    times = []
    with requests.Session() as session:
        for url in urls:
            started = time.perf_counter()  # a clock for intervals, not the time of day
            session.get(url, timeout=10).raise_for_status()
            times.append(time.perf_counter() - started)
    print(f"Average: {sum(times) / len(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
