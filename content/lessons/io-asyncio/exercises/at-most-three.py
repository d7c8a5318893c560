"""Exercise: the downloads all start at once; the server asks for at most 3 at a time.

    python3 at-most-three.py URL [URL ...]

Keep them concurrent, but never more than 3 at once.
"""
import argparse
import asyncio
import time

import aiohttp

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(12)]
AT_ONCE = 3


async def download_site(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())


async def download_all_sites(urls):
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(download_site(session, url) for url in urls))


def main():
    parser = argparse.ArgumentParser(description="Download pages.")
    parser.add_argument("urls", nargs="*", metavar="URL", help="(default: 12 pages of the page server)")
    args = parser.parse_args()
    started = time.perf_counter()
    sizes = asyncio.run(download_all_sites(args.urls or SITES))
    print(f"Downloaded {len(sizes)} sites in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
