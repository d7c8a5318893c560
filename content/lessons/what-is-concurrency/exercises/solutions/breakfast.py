"""Exercise: breakfast takes two waits, the kettle and the toaster, one after the other.

    python3 breakfast.py
"""
import asyncio
import time


async def boil_water():
    await asyncio.sleep(1)  # gives way: the loop runs the toaster meanwhile
    print("Water boiled")


async def make_toast():
    await asyncio.sleep(1)
    print("Toast ready")


async def breakfast():
    await asyncio.gather(boil_water(), make_toast())


def main():
    started = time.perf_counter()
    asyncio.run(breakfast())
    print(f"Breakfast ready in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
