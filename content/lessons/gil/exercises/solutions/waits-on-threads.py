"""Exercise: four tasks, each waiting half a second.

    python3 waits-on-threads.py
"""
import threading
import time


def task(number):
    time.sleep(0.5)  # time.sleep lets the GIL go: the other threads run while this one waits
    print(f"Task {number} done")


def main():
    started = time.perf_counter()
    threads = [threading.Thread(target=task, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"All done in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
