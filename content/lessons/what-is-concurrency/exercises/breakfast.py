"""Exercise: breakfast takes two waits, the kettle and the toaster, one after the other.

    python3 breakfast.py

Make the two waits overlap, with asyncio, so that breakfast is ready in about one second.
"""
import time


def boil_water():
    time.sleep(1)  # the kettle, doing its work while we wait
    print("Water boiled")


def make_toast():
    time.sleep(1)  # the toaster
    print("Toast ready")


def main():
    started = time.perf_counter()
    boil_water()
    make_toast()
    print(f"Breakfast ready in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
