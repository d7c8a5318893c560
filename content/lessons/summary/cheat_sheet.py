"""The course on one page: a small I/O job and a CPU job, each run every way, each way timed.

    python3 cheat_sheet.py                   # 8 pages from the course's page server, 4 sums
    python3 cheat_sheet.py --workers 2       # pools of 2
    python3 cheat_sheet.py URL [URL ...]     # download exactly these addresses

The ways: one after another, a thread pool, asyncio, a process pool, and an interpreter pool
(Python 3.14 and later; on older versions the line says so). An event loop computes on one
thread, so for the sums asyncio hands them to a process pool (run_in_executor), and its line
says so. The downloads use the standard library's urllib, which every way can load, even a
subinterpreter; asyncio needs aiohttp (without it, the line says so):
python3 -m pip install aiohttp. By default they come from the page server in the sample code:
start it first, in another terminal, with python3 page_server.py.

The first line says whether the GIL is on. On a free-threaded build (python3.14t), importing an
extension module that is not marked safe without the GIL turns it back on: if the download job's
imports do that, a line before the computing job says so.
"""
import argparse
import asyncio
import socket
import sys
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

HOST, PORT = "127.0.0.1", 8000  # where page_server.py listens
SERVER = f"http://{HOST}:{PORT}/"
PAGES = [f"{SERVER}page/{number}" for number in range(8)]
TIMEOUT = 10  # seconds


def download(url):
    """Waiting: one page over the network, its size in bytes."""
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return len(response.read())


def compute(n):
    """Computing: pure Python arithmetic."""
    return sum(i * i for i in range(n))


async def download_async(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())


class Unavailable(Exception):
    """A way this Python cannot run: its line says what it needs instead of a time."""


def gil_enabled():
    # sys._is_gil_enabled() exists from 3.13 on; before that, the GIL is always on.
    return getattr(sys, "_is_gil_enabled", lambda: True)()


async def download_all_async(urls, workers):
    import aiohttp  # here, not at the top: an interpreter pool imports this file too
    # At most `workers` connections, so at most as many downloads at once as on the pools.
    connector = aiohttp.TCPConnector(limit=workers)
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=TIMEOUT)) as session:
        # return_exceptions=True: wait for every download, even after one fails, so that none
        # is still running when the session closes; then raise the first failure. (From 3.11,
        # asyncio.TaskGroup does this and cancels the rest instead.)
        results = await asyncio.gather(*(download_async(session, url) for url in urls),
                                       return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


async def compute_all_async(sizes, pool):
    # An event loop runs one coroutine at a time: its computing goes to the process pool, and
    # the loop waits for the results without blocking.
    loop = asyncio.get_running_loop()
    return await asyncio.gather(*(loop.run_in_executor(pool, compute, n) for n in sizes))


def one_after_another(job, items, workers):
    return [job(item) for item in items]


def on_threads(job, items, workers):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(job, items))


def on_asyncio(job, items, workers):
    if job is download:
        try:
            import aiohttp  # noqa: F401 (download_all_async uses it)
        except ImportError:
            raise Unavailable("needs aiohttp: python3 -m pip install aiohttp") from None
        return asyncio.run(download_all_async(items, workers))
    # The pool is made here, outside the event loop: leaving its with block waits for its
    # processes to finish, which inside a coroutine would stop the loop for that long.
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return asyncio.run(compute_all_async(items, pool))


def on_processes(job, items, workers):
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(job, items))


def on_interpreters(job, items, workers):
    """One interpreter per worker, each with its own GIL (Python 3.14 and later)."""
    try:
        from concurrent.futures import InterpreterPoolExecutor
    except ImportError:
        raise Unavailable("needs Python 3.14 or later (InterpreterPoolExecutor); "
                          f"this is {sys.version.split()[0]}") from None
    with InterpreterPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(job, items))


WAYS = {
    "one after another": one_after_another,
    "threads": on_threads,
    "asyncio": on_asyncio,
    "processes": on_processes,
    "interpreters": on_interpreters,
}


def label(kind, way):
    """A line's name: the computing job's asyncio line times the process pool it hands to."""
    return "asyncio + process pool" if (kind, way) == ("CPU", "asyncio") else way


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
    parser = argparse.ArgumentParser(description="A download job and a computing job, run "
                                                 "every way.")
    parser.add_argument("--workers", type=positive, default=4, help="pool size (default 4)")
    parser.add_argument("--tasks", type=positive, default=4, help="sums of squares (default 4)")
    parser.add_argument("--size", type=positive, default=2_000_000,
                        help="numbers squared per sum (default 2000000)")
    parser.add_argument("urls", nargs="*", metavar="URL",
                        help=f"addresses to download (default: {len(PAGES)} pages at {SERVER})")
    args = parser.parse_args()
    if not args.urls and not server_is_up():
        sys.exit(f"Nothing answers at {SERVER}. Start the page server first: "
                 "python3 page_server.py")
    jobs = [
        ("I/O", download, args.urls or PAGES, "downloads"),
        ("CPU", compute, [args.size + task for task in range(args.tasks)], "sums"),
    ]
    gil_at_start = gil_enabled()
    print(f"Python {sys.version.split()[0]}, GIL enabled: {gil_at_start}")
    for kind, job, items, what in jobs:
        if kind == "CPU" and gil_enabled() != gil_at_start:
            print(f"GIL enabled: {gil_enabled()}, since an extension module the download job "
                  f"imported turned it back on")
        for way, run in WAYS.items():
            started = time.perf_counter()
            try:
                results = run(job, items, args.workers)
            except Unavailable as missing:
                print(f"{kind}, {label(kind, way)}: {missing}")
                continue
            seconds = time.perf_counter() - started
            print(f"{kind}, {label(kind, way)}: {len(results)} {what} in {seconds:.2f} seconds")


# Needed: process pools (spawn, forkserver) and interpreter pools import this file again.
if __name__ == "__main__":
    main()
