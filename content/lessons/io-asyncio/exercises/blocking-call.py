"""Exercise: the downloads run on an event loop, yet take as long as one after another.

    python3 blocking-call.py URL [URL ...]

Find the call that blocks the loop and make the downloads overlap, still with asyncio.
"""
import argparse
import asyncio
import time

import aiohttp
import requests

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(8)]


async def download_site(session, url):
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    return len(response.content)


async def download_all_sites(urls):
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(download_site(session, url) for url in urls))


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 8 pages of the page server)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = asyncio.run(download_all_sites(args.urls or SITES))
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
