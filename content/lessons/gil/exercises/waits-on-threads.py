"""Exercise: four tasks, each waiting half a second, one after another: two seconds in all.

    python3 waits-on-threads.py

Run the four on threads of their own, so that their waits overlap and it all takes about half a
second, and keep what it prints.
"""
import time


def task(number):
    time.sleep(0.5)  # a wait: a download, a query, a file on a slow disk
    print(f"Task {number} done")


def main():
    started = time.perf_counter()
    for number in range(4):
        task(number)
    print(f"All done in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
