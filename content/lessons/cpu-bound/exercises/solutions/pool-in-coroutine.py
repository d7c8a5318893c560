"""Exercise: an asyncio program sends four sums to a pool of processes.

    python3 pool-in-coroutine.py
"""
import asyncio
import time
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        await asyncio.sleep(0.05)
        beats += 1
    return beats


async def compute(pool, sizes):
    stop = asyncio.Event()
    beating = asyncio.create_task(heartbeat(stop))
    # run_in_executor gives a future of the loop's: awaiting it lets other tasks run.
    loop = asyncio.get_running_loop()
    totals = await asyncio.gather(*(loop.run_in_executor(pool, sum_of_squares, n) for n in sizes))
    stop.set()
    print(f"The heartbeat beat {await beating} times meanwhile")
    return totals


def main():
    sizes = [10_000_000] * 4
    started = time.perf_counter()
    # The pool is made, and shut down, outside the loop: its waits block nothing there.
    with ProcessPoolExecutor() as pool:
        totals = asyncio.run(compute(pool, sizes))
    print(f"{len(totals)} sums in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
