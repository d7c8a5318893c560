"""One download fails: what asyncio.gather and asyncio.TaskGroup do with the others.

    python3 failures.py                 # page 2 fails after 0.1 s
    python3 failures.py --hang          # and page 4 never answers: a timeout ends its wait

Needs no network: each download is an asyncio.sleep, and page 2's server answers with an error.
The TaskGroup half needs Python 3.11 or later; on older versions it is skipped, and says so.
"""
import argparse
import asyncio
import sys
import time

# (page, seconds until its server answers); page 2 fails, page 4 may hang.
PAGES = [(1, 0.2), (2, 0.1), (3, 0.3), (4, 0.25), (5, 0.2)]
FAILING, HANGING = 2, 4


class DownloadError(Exception):
    pass


async def download(page, seconds, hang, timeout, finished):
    if hang and page == HANGING:
        seconds = 3600  # accepted, never answered
    try:
        # wait_for works on every version; 3.11+ may write `async with asyncio.timeout(timeout):`
        await asyncio.wait_for(asyncio.sleep(seconds), timeout)
    except asyncio.CancelledError:
        print(f"  page {page}: cancelled")
        raise  # let the cancellation go on: swallowing it would break gather, TaskGroup, timeouts
    if page == FAILING:
        raise DownloadError(f"page {page}: the server answered 503")
    finished.append(page)


async def with_gather(hang, timeout):
    finished = []
    start = time.perf_counter()
    # create_task's result is kept in a list: the loop itself keeps only a weak reference.
    tasks = [asyncio.create_task(download(page, s, hang, timeout, finished)) for page, s in PAGES]
    try:
        await asyncio.gather(*tasks)
    except DownloadError as error:
        running = sum(not task.done() for task in tasks)
        print(f"gather: raised '{error}' after {time.perf_counter() - start:.2f} s; "
              f"{running} other downloads still running")
    await asyncio.sleep(timeout + 0.1)  # the loop goes on, and so do they
    cancelled = sum(task.cancelled() for task in tasks)
    # Reading each error also keeps asyncio from logging "exception was never retrieved".
    errors = [task.exception() for task in tasks if task.done() and not task.cancelled()]
    timed_out = sum(isinstance(error, asyncio.TimeoutError) for error in errors)
    print(f"gather: {time.perf_counter() - start:.2f} s in, {len(finished)} finished, "
          f"{timed_out} timed out, {cancelled} cancelled")


async def with_task_group(hang, timeout):
    finished = []
    start = time.perf_counter()
    try:
        async with asyncio.TaskGroup() as group:
            for page, seconds in PAGES:
                group.create_task(download(page, seconds, hang, timeout, finished))
    except Exception as errors:  # an ExceptionGroup; 3.11 syntax catches it as `except* DownloadError`
        print(f"TaskGroup: raised {type(errors).__name__} with {len(errors.exceptions)} error(s) "
              f"after {time.perf_counter() - start:.2f} s")
    print(f"TaskGroup: {len(finished)} finished, {len(PAGES) - 1 - len(finished)} cancelled")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hang", action="store_true", help="page 4 never answers")
    parser.add_argument("--timeout", type=float, default=0.5, help="seconds before giving up")
    args = parser.parse_args()
    asyncio.run(with_gather(args.hang, args.timeout))
    if sys.version_info >= (3, 11):
        asyncio.run(with_task_group(args.hang, args.timeout))
    else:
        print("TaskGroup: needs Python 3.11 or later, skipped")


if __name__ == "__main__":
    main()
