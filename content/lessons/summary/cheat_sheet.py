"""The course on one page: a small I/O job and a CPU job, each run every way, each way timed.

    python3 cheat_sheet.py                   # a few python.org pages, and 4 sums of squares
    python3 cheat_sheet.py --workers 2       # pools of 2
    python3 cheat_sheet.py URL [URL ...]     # download exactly these addresses

The ways: one after another, a thread pool, asyncio, a process pool, and an interpreter pool
(Python 3.14 and later; on older versions the line says so). The downloads use the standard
library's urllib, which every way can load, even a subinterpreter; asyncio needs aiohttp
(without it, the line says so): python3 -m pip install aiohttp

The first line says whether the GIL is on. On a free-threaded build (python3.14t), importing an
extension module that is not marked safe without the GIL turns it back on: if the download job's
imports do that, a line before the computing job says so.
"""
import argparse
import asyncio
import sys
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

PAGES = [
    "https://www.python.org/",
    "https://www.python.org/about/",
    "https://docs.python.org/3/",
    "https://docs.python.org/3/library/concurrent.futures.html",
]
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


async def download_all_async(urls):
    import aiohttp  # here, not at the top: an interpreter pool imports this file too
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=TIMEOUT)) as session:
        return await asyncio.gather(*(download_async(session, url) for url in urls))


async def compute_all_async(sizes, workers):
    # An event loop runs one coroutine at a time: its computing goes to a process pool.
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=workers) as pool:
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
        return asyncio.run(download_all_async(items))
    return asyncio.run(compute_all_async(items, workers))


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


def main():
    parser = argparse.ArgumentParser(description="A download job and a computing job, run "
                                                 "every way.")
    parser.add_argument("--workers", type=int, default=4, help="pool size (default 4)")
    parser.add_argument("--tasks", type=int, default=4, help="sums of squares (default 4)")
    parser.add_argument("--size", type=int, default=2_000_000,
                        help="numbers squared per sum (default 2000000)")
    parser.add_argument("urls", nargs="*", metavar="URL",
                        help="addresses to download (default: a few python.org pages)")
    args = parser.parse_args()
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
                print(f"{kind}, {way}: {missing}")
                continue
            seconds = time.perf_counter() - started
            print(f"{kind}, {way}: {len(results)} {what} in {seconds:.2f} seconds")


# Needed: process pools (spawn, forkserver) and interpreter pools import this file again.
if __name__ == "__main__":
    main()
