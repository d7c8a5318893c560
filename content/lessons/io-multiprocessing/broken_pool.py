"""A worker process that dies mid-task: ProcessPoolExecutor says so, multiprocessing.Pool waits.

    python3 broken_pool.py                # page 2's worker exits as a crash in C code would
    python3 broken_pool.py --wait 2       # give Pool.map_async 2 s before giving up on it

Needs no network: each download is a time.sleep. The worker running page 2 ends with os._exit,
with no exception and no result, as a segfault in an extension module would end it.
"""
import argparse
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

PAGES, CRASHING = 6, 2


def download(page):
    time.sleep(0.1)
    if page == CRASHING:
        os._exit(1)  # the process is gone: nothing can be sent back
    return page


def with_executor():
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(download, page) for page in range(1, PAGES + 1)]
        broken = 0
        for future in futures:
            try:
                future.result()
            except BrokenProcessPool:
                broken += 1
    print(f"ProcessPoolExecutor: BrokenProcessPool for {broken} of {PAGES} pages "
          f"after {time.perf_counter() - start:.2f} s")


def with_pool(wait):
    start = time.perf_counter()
    with multiprocessing.Pool(processes=2) as pool:
        pending = pool.map_async(download, range(1, PAGES + 1))
        try:
            pending.get(timeout=wait)  # Pool.map(download, pages) would wait here for ever
            print("multiprocessing.Pool: every page came back")
        except multiprocessing.TimeoutError:
            print(f"multiprocessing.Pool: still no result after {time.perf_counter() - start:.2f} s; "
                  "map would wait for ever")
    # Leaving `with` terminates the pool's processes, the one it started in place of the dead too.


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wait", type=float, default=1.0, help="seconds to wait for Pool.map_async")
    args = parser.parse_args()
    with_executor()
    with_pool(args.wait)


if __name__ == "__main__":
    main()
