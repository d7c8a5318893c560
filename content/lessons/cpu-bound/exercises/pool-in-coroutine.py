"""Exercise: an asyncio program sends four sums to a pool of processes, and its event loop stops.

    python3 pool-in-coroutine.py

A heartbeat task should beat every 50 ms while the sums run, but it beats once: the coroutine waits
for the pool without awaiting. Keep the sums in the processes and let the loop run meanwhile.
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


async def compute(sizes):
    stop = asyncio.Event()
    beating = asyncio.create_task(heartbeat(stop))
    with ProcessPoolExecutor() as pool:
        totals = list(pool.map(sum_of_squares, sizes))
    stop.set()
    print(f"The heartbeat beat {await beating} times meanwhile")
    return totals


def main():
    sizes = [10_000_000] * 4
    started = time.perf_counter()
    totals = asyncio.run(compute(sizes))
    print(f"{len(totals)} sums in {time.perf_counter() - started:.2f} seconds")


if __name__ == "__main__":
    main()
