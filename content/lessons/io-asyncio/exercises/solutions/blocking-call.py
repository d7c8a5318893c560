"""Exercise: the downloads run on an event loop, yet take as long as one after another.

    python3 blocking-call.py URL [URL ...]

"""
import argparse
import asyncio
import time

import aiohttp

SITES = [f"http://127.0.0.1:8000/page/{number}" for number in range(8)]


async def download_site(session, url):
    # requests.get held the thread, and so the loop, for the whole wait; aiohttp's get awaits,
    # and the loop runs the other downloads meanwhile.
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())


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
