"""The same downloads four ways: one after another, on threads, on an event loop, on processes.

    python3 four_ways.py                  # 20 pages from the course's page server, each way
    python3 four_ways.py --workers 4      # 4 threads, 4 connections of the event loop, 4 processes
    python3 four_ways.py URL [URL ...]    # exactly these addresses

It prints how long each way took, then each time as a fraction of the first. By default it
downloads from the page server in the sample code: start it first, in another terminal, with
python3 page_server.py. It needs Python 3.11 or later (asyncio.TaskGroup) and two libraries:
python3 -m pip install requests aiohttp
"""
import argparse
import asyncio
import socket
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import aiohttp
import requests

HOST, PORT = "127.0.0.1", 8000  # where page_server.py listens
SERVER = f"http://{HOST}:{PORT}/"
SITES = [f"{SERVER}page/{number}" for number in range(20)]

# Seconds to wait for a connection, and then for each part of an answer, before giving up:
# without a timeout, one silent server would stop the program for good.
TIMEOUT = 10

# As many threads, processes and event-loop connections, so that the ways compare fairly.
# Eight is also what the demo on the lesson page starts with.
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
# threads, so each thread makes its own, kept in an object whose attributes only it can see,
# and listed so that all of them can be closed once the pool is done (a thread cannot tell
# which download is its last).

thread_local = threading.local()
thread_sessions = []


def download_on_this_thread(url):
    if not hasattr(thread_local, "session"):
        thread_local.session = requests.Session()
        thread_sessions.append(thread_local.session)
    return download_site(thread_local.session, url)


def on_threads(urls, workers):
    # While one thread waits for its answer, it lets go of the GIL and the others send theirs.
    try:
        with ThreadPoolExecutor(max_workers=workers) as executor:
            return list(executor.map(download_on_this_thread, urls))
    finally:
        for session in thread_sessions:
            session.close()
        thread_sessions.clear()


# 3. On an event loop: one thread, on which the downloads wait together. aiohttp, not requests,
# because a requests call would block the whole loop while it waits.

async def download_site_async(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())


async def download_all_async(urls, workers):
    timeout = aiohttp.ClientTimeout(sock_connect=TIMEOUT, sock_read=TIMEOUT)
    # A session opens at most `limit` connections (100 unless told), and a download waits for
    # a free one: with limit=workers, at most as many downloads wait at once as on the pools.
    connector = aiohttp.TCPConnector(limit=workers)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        # The group waits for every download; if one fails, it cancels the others before the
        # session closes under them, and raises the error in an ExceptionGroup. (Before 3.11:
        # gather(..., return_exceptions=True), then raise the first error among the results.)
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(download_site_async(session, url)) for url in urls]
    return [task.result() for task in tasks]


def on_event_loop(urls, workers):
    # No pool of threads: one thread, whose downloads wait together, up to `workers` at a time.
    return asyncio.run(download_all_async(urls, workers))


# 4. On a pool of processes. Each process is a separate Python with its own memory, so each
# needs its own session: the pool's initializer makes it once, when the process starts.

process_session = None


def start_process():
    global process_session
    # Closed with its process: the system closes a process's connections when it ends. (No
    # code of ours could do it then: a worker started by fork or forkserver ends with
    # os._exit(), which skips atexit.)
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
    parser = argparse.ArgumentParser(description="Download the same pages four ways.")
    parser.add_argument("--workers", type=positive, default=WORKERS, metavar="N",
                        help="threads, processes, and the event loop's connections "
                             f"(default: {WORKERS})")
    parser.add_argument("urls", nargs="*", metavar="URL", help="addresses to download "
                        f"(default: 20 pages at {SERVER})")
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
