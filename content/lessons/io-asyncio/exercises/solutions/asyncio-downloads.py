"""Exercise: download the pages on an event loop, their waits overlapping.

    python3 asyncio-downloads.py --workers 8 URL [URL ...]
"""
import argparse
import asyncio
import time

import aiohttp

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(8)]


async def download_site(session, url):
    async with session.get(url) as response:  # gives way to the other tasks while it waits
        response.raise_for_status()
        return len(await response.read())


async def download_all_sites(urls, workers):
    connector = aiohttp.TCPConnector(limit=workers)
    async with aiohttp.ClientSession(connector=connector) as session:
        return await asyncio.gather(*(download_site(session, url) for url in urls))


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("--workers", type=int, default=8, help="downloads at a time (default 8)")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 8 pages of the page server)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = asyncio.run(download_all_sites(args.urls or SITES, args.workers))
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
