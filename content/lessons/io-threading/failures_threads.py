"""A thread pool when one download fails or hangs, or you press Ctrl+C: as_completed, result(), a
timeout, and shutdown(cancel_futures=True).

    python3 failures_threads.py                  # page 2 fails: the queued pages are dropped
    python3 failures_threads.py --hang 1.5       # page 3 hangs 1.5 s; as_completed gives up at 0.5 s
    python3 failures_threads.py --interrupt 0.15            # Ctrl+C at 0.15 s: every page still runs
    python3 failures_threads.py --interrupt 0.15 --cancel   # Ctrl+C drops the queued pages

Needs no network: each download is a time.sleep, and page 2's server answers with an error.
shutdown(cancel_futures=True) is 3.9+; on 3.8 the program cancels each queued future itself.
"""
import _thread
import argparse
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, TimeoutError, as_completed

PAGES = 8
FAILING, HANGING = 2, 3


class DownloadError(Exception):
    pass


def download(page, hang):
    # A real download would pass requests.get(url, timeout=…): without one it may wait for ever.
    time.sleep(hang if page == HANGING and hang else 0.1 * (1 + page % 3))
    if page == FAILING:
        raise DownloadError(f"page {page}: the server answered 503")
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hang", type=float, default=0, help="page 3 hangs this many seconds")
    parser.add_argument("--timeout", type=float, default=0.5, help="as_completed's deadline")
    parser.add_argument("--interrupt", type=float, default=0, metavar="SECONDS",
                        help="press Ctrl+C for you after this long")
    parser.add_argument("--cancel", action="store_true",
                        help="on Ctrl+C, drop the queued pages (shutdown(cancel_futures=True))")
    args = parser.parse_args()
    if args.interrupt:
        # What Ctrl+C does: KeyboardInterrupt in the main thread, and only there. A shell that
        # starts a program in the background (`&` in a script) leaves SIGINT ignored, and since
        # Python 3.10 interrupt_main() then does nothing: Python's own handler, whatever the shell.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        threading.Timer(args.interrupt, _thread.interrupt_main).start()
    if args.hang or args.interrupt:
        global FAILING
        FAILING = None  # one trouble at a time
    start = time.perf_counter()
    finished = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {pool.submit(download, page, args.hang): page for page in range(1, PAGES + 1)}
        try:
            for future in as_completed(futures, timeout=args.timeout):
                error = future.exception()  # None, or what download raised
                if error is None:
                    finished.append(future.result())
                    continue
                print(f"page {futures[future]} failed after {time.perf_counter() - start:.2f} s: {error}")
                if sys.version_info >= (3, 9):
                    pool.shutdown(wait=False, cancel_futures=True)
                else:
                    for queued in futures:
                        queued.cancel()
                break
        except TimeoutError:
            print(f"as_completed gave up after {time.perf_counter() - start:.2f} s")
        except KeyboardInterrupt:
            # The workers never see it: they go on with their pages, and leaving `with` would
            # wait for them and then run every queued page too, unless the queue is dropped.
            print(f"Ctrl+C after {time.perf_counter() - start:.2f} s")
            if args.cancel and sys.version_info >= (3, 9):
                pool.shutdown(wait=False, cancel_futures=True)
            elif args.cancel:
                for queued in futures:
                    queued.cancel()
    # Leaving `with` waits for the running downloads: threads cannot be stopped from outside.
    cancelled = sorted(page for future, page in futures.items() if future.cancelled())
    finished = sorted(page for future, page in futures.items()
                      if future.done() and not future.cancelled() and future.exception() is None)
    print(f"left the pool after {time.perf_counter() - start:.2f} s: finished {finished}, "
          f"cancelled before starting {cancelled}")


if __name__ == "__main__":
    main()
