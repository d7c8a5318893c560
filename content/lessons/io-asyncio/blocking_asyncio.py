"""The blocking-call mistake, and how asyncio's debug mode reports it.

    python3 blocking_asyncio.py                  # await asyncio.sleep: the waits overlap
    python3 blocking_asyncio.py --blocking       # time.sleep inside async def: one at a time

Each task stands in for a download: it waits, then returns. Run with debug=True, the event loop
logs every step of a task that held it longer than loop.slow_callback_duration (0.1 s), as
"Executing <Task ...> took 0.201 seconds", on stderr.
"""
import argparse
import asyncio
import time


async def download(wait):
    await asyncio.sleep(wait)  # gives way: the loop runs other tasks meanwhile
    return wait


async def download_blocking(wait):
    time.sleep(wait)  # the mistake: the whole loop, every task on it, stops here
    return wait


def positive(text):
    """An argparse type: a whole number of at least 1."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


async def main(tasks, wait, blocking):
    one = download_blocking if blocking else download
    return await asyncio.gather(*(one(wait) for _ in range(tasks)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=positive, default=5, help="how many tasks (default 5)")
    parser.add_argument("--wait", type=float, default=0.2, metavar="SECONDS",
                        help="how long each task waits (default 0.2)")
    parser.add_argument("--blocking", action="store_true",
                        help="wait with time.sleep instead of await asyncio.sleep")
    args = parser.parse_args()

    started = time.perf_counter()
    asyncio.run(main(args.tasks, args.wait, args.blocking), debug=True)
    seconds = time.perf_counter() - started
    how = "time.sleep" if args.blocking else "await asyncio.sleep"
    print(f"{how}: {args.tasks} tasks of {args.wait} s in {seconds:.2f} seconds")
