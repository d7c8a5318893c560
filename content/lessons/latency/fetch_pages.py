"""Download a few pages one after another, then on a pool of threads, and time both."""
import time
from concurrent.futures import ThreadPoolExecutor

import requests

URLS = [f"https://example.org/page/{n}" for n in range(8)]


def fetch(url):
    response = requests.get(url, timeout=10)
    return len(response.content)


def one_after_another(urls):
    return [fetch(url) for url in urls]


def on_threads(urls, workers=8):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fetch, urls))


if __name__ == "__main__":
    for run in (one_after_another, on_threads):
        started = time.perf_counter()
        sizes = run(URLS)
        print(f"{run.__name__}: {len(sizes)} pages in {time.perf_counter() - started:.2f} s")
