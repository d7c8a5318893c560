"""Download web pages on an event loop, every wait at once on one thread, and time the batch.

    python3 io_asyncio.py                   # a built-in list of pages: 80 downloads
    python3 io_asyncio.py --workers 10      # at most 10 downloads under way at a time
    python3 io_asyncio.py URL [URL ...]     # exactly these addresses

It needs the aiohttp library: python3 -m pip install aiohttp
"""
import argparse
import asyncio
import time

import aiohttp

# A few pages of python.org and its documentation, repeated so that the waits add up to
# something worth timing.
PAGES = [
    "https://www.python.org/",
    "https://www.python.org/about/",
    "https://docs.python.org/3/",
    "https://docs.python.org/3/library/concurrent.futures.html",
]
SITES = PAGES * 20

# Seconds to wait for a connection, and then for each part of an answer, before giving up.
TIMEOUT = 10


async def download_site(session, url, limit):
    async with limit:  # waits here while too many downloads are under way
        async with session.get(url) as response:  # gives way to other tasks while it waits
            response.raise_for_status()
            return len(await response.read())


async def download_all_sites(urls, workers):
    # No limit unless asked for: a semaphore as large as the list never makes anyone wait.
    limit = asyncio.Semaphore(workers or len(urls) or 1)
    timeout = aiohttp.ClientTimeout(sock_connect=TIMEOUT, sock_read=TIMEOUT)
    # One session for every download: it keeps the connections open and reuses them.
    async with aiohttp.ClientSession(timeout=timeout) as session:
        # gather wraps each coroutine in a task, runs them all on the loop, and returns the
        # sizes in the order of the addresses once every task has finished.
        return await asyncio.gather(*(download_site(session, url, limit) for url in urls))


def positive_int(text):
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("needs at least 1")
    return number


def main():
    parser = argparse.ArgumentParser(description="Download pages on an asyncio event loop.")
    parser.add_argument("--workers", type=positive_int, metavar="N",
                        help="at most N downloads at a time (default: all at once)")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        "(default: a built-in list of python.org pages)")
    args = parser.parse_args()
    urls = args.urls or SITES

    started = time.perf_counter()
    sizes = asyncio.run(download_all_sites(urls, args.workers))
    elapsed = time.perf_counter() - started
    print(f"Downloaded {len(sizes)} sites in {elapsed:.2f} seconds")


if __name__ == "__main__":
    main()
