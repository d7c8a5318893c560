"""Download web pages on an event loop, their waits overlapping on one thread, and time the batch.

    python3 io_asyncio.py                   # 80 pages from the course's page server
    python3 io_asyncio.py --workers 10      # at most 10 connections, so 10 downloads, at a time
    python3 io_asyncio.py URL [URL ...]     # exactly these addresses

By default it downloads from the page server in the sample code: start it first, in another
terminal, with python3 page_server.py. It needs Python 3.11 or later (asyncio.TaskGroup) and the
aiohttp library: python3 -m pip install aiohttp
"""
import argparse
import asyncio
import socket
import sys
import time

import aiohttp

HOST, PORT = "127.0.0.1", 8000  # where page_server.py listens
SERVER = f"http://{HOST}:{PORT}/"
SITES = [f"{SERVER}page/{number}" for number in range(80)]

# Seconds to wait for a connection, and then for each part of an answer, before giving up.
TIMEOUT = 10
# Connections a session opens at most, aiohttp's own default: a download beyond them waits for
# one to be free. So "every download at once" means up to 100 at once.
CONNECTIONS = 100


async def download_site(session, url):
    async with session.get(url) as response:  # gives way to other tasks while it waits
        response.raise_for_status()
        return len(await response.read())


async def download_all_sites(urls, workers):
    timeout = aiohttp.ClientTimeout(sock_connect=TIMEOUT, sock_read=TIMEOUT)
    connector = aiohttp.TCPConnector(limit=workers or CONNECTIONS)
    # One session for every download: it keeps the connections open and reuses them.
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        # The group runs a task per download and waits for all of them. If one fails, it
        # cancels the others and raises the error (in an ExceptionGroup) once they have
        # stopped, so none is left running when the session closes. Before 3.11, use
        # asyncio.gather(..., return_exceptions=True), which waits for every download and
        # returns each error in its place, then raise the first error among the results.
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(download_site(session, url)) for url in urls]
    return [task.result() for task in tasks]  # the sizes, in the order of the addresses


def positive(text):
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def server_is_up():
    try:
        socket.create_connection((HOST, PORT), timeout=TIMEOUT).close()
    except OSError:  # refused: nothing listens there
        return False
    return True


def main():
    parser = argparse.ArgumentParser(description="Download pages on an asyncio event loop.")
    parser.add_argument("--workers", type=positive, metavar="N",
                        help=f"at most N downloads at a time (default: {CONNECTIONS})")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        f"(default: 80 pages at {SERVER})")
    args = parser.parse_args()
    if sys.version_info < (3, 11):
        parser.error(f"needs Python 3.11 or later (asyncio.TaskGroup); "
                     f"this is Python {sys.version.split()[0]}")
    urls = args.urls
    if not urls:
        if not server_is_up():
            sys.exit(f"Nothing answers at {SERVER}. Start the page server first: "
                     "python3 page_server.py")
        urls = SITES

    started = time.perf_counter()
    sizes = asyncio.run(download_all_sites(urls, args.workers))
    elapsed = time.perf_counter() - started
    print(f"Downloaded {len(sizes)} sites in {elapsed:.2f} seconds")


if __name__ == "__main__":
    main()
