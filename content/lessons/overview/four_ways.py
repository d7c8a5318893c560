"""The same downloads four ways: one after another, on threads, on an event loop, on processes.

    python3 four_ways.py                  # a built-in list of pages: 20 downloads each way
    python3 four_ways.py --workers 4      # pools of 4 threads and of 4 processes
    python3 four_ways.py URL [URL ...]    # exactly these addresses

It prints how long each way took, then each time as a fraction of the first.
It needs two libraries: python3 -m pip install requests aiohttp
"""
import argparse
import asyncio
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import aiohttp
import requests

# A few pages of python.org and its documentation, repeated so that the waits add up to
# something worth timing.
PAGES = [
    "https://www.python.org/",
    "https://www.python.org/about/",
    "https://docs.python.org/3/",
    "https://docs.python.org/3/library/concurrent.futures.html",
]
SITES = PAGES * 5

# Seconds to wait for a connection, and then for each part of an answer, before giving up:
# without a timeout, one silent server would stop the program for good.
TIMEOUT = 10

# The same number of threads and of processes, so that the two pools compare fairly. Eight is
# also what the demo on the lesson page starts with.
WORKERS = 8


def download_site(session, url):
    """Fetch one page with requests; return its size in bytes."""
    with session.get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()  # an error page is not a download: stop here
        return len(response.content)


# 1. One after another: one session, whose open connection every request after the first reuses.

def one_after_another(urls, workers):
    with requests.Session() as session:
        return [download_site(session, url) for url in urls]


# 2. On a pool of threads. requests does not promise that a Session is safe to share between
# threads, so each thread makes its own, kept in an object whose attributes only it can see.

thread_local = threading.local()


def download_on_this_thread(url):
    if not hasattr(thread_local, "session"):
        thread_local.session = requests.Session()
    return download_site(thread_local.session, url)


def on_threads(urls, workers):
    # While one thread waits for its answer, it lets go of the GIL and the others send theirs.
    with ThreadPoolExecutor(max_workers=workers) as executor:
        return list(executor.map(download_on_this_thread, urls))


# 3. On an event loop: one thread, and every download waits at once. aiohttp, not requests,
# because a requests call would block the whole loop while it waits.

async def download_site_async(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())


async def download_all_async(urls):
    timeout = aiohttp.ClientTimeout(sock_connect=TIMEOUT, sock_read=TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        # gather starts every download, then waits until all have finished; the sizes come
        # back in the order of the addresses.
        return await asyncio.gather(*(download_site_async(session, url) for url in urls))


def on_event_loop(urls, workers):
    # No pool here: one thread waits for every download at once, however many there are.
    return asyncio.run(download_all_async(urls))


# 4. On a pool of processes. Each process is a separate Python with its own memory, so each
# needs its own session: the pool's initializer makes it once, when the process starts.

process_session = None


def start_process():
    global process_session
    process_session = requests.Session()


def download_in_this_process(url):
    return download_site(process_session, url)


def on_processes(urls, workers):
    with ProcessPoolExecutor(max_workers=workers, initializer=start_process) as executor:
        return list(executor.map(download_in_this_process, urls))


WAYS = {
    "sequential": one_after_another,
    "threads": on_threads,
    "asyncio": on_event_loop,
    "processes": on_processes,
}


def positive_int(text):
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("needs at least 1")
    return number


def main():
    parser = argparse.ArgumentParser(description="Download the same pages four ways.")
    parser.add_argument("--workers", type=positive_int, default=WORKERS, metavar="N",
                        help=f"threads, and processes, in each pool (default: {WORKERS})")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        "(default: a built-in list of python.org pages)")
    args = parser.parse_args()
    urls = args.urls or SITES

    seconds = {}
    for name, download_all in WAYS.items():
        started = time.perf_counter()
        sizes = download_all(urls, args.workers)
        seconds[name] = time.perf_counter() - started
        print(f"{name}: Downloaded {len(sizes)} sites in {seconds[name]:.2f} seconds")

    print("Each way's time, as a fraction of one after another's:")
    for name, elapsed in seconds.items():
        print(f"  {name:<10} {elapsed / seconds['sequential']:.2f}×")


# Needed: with the spawn (macOS, Windows) and forkserver (Linux, from 3.14) start methods,
# another process (each worker, or the fork server) imports this file, and must not start the
# downloads over again.
if __name__ == "__main__":
    main()
