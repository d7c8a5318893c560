"""How long do small things take in Python? From one loop step to one request over the network.

    python3 measure_latency.py         # the request goes to https://www.python.org/
    python3 measure_latency.py URL     # or to an address of your choice

Compare its figures with the demo's on the lesson page. Offline, time the course's page server
instead (python3 page_server.py, then python3 measure_latency.py http://127.0.0.1:8000/): its
answer waits a set 200 ms, standing in for a distant server.
It needs the requests library: python3 -m pip install requests
"""
import os
import queue
import sys
import tempfile
import threading
import time

import requests

DEFAULT_URL = "https://www.python.org/"
TIMEOUT = 10  # seconds to wait for the server before giving up

# One fast operation is too quick for the clock to see: do it many times and divide.
FAST = 1_000_000  # loop steps, function calls, lock acquires
SLOWER = 10_000  # hand-offs between threads, small file reads


def empty_loop(count):
    started = time.perf_counter()
    for _ in range(count):
        pass
    return time.perf_counter() - started


def do_nothing():
    pass


def function_calls(count):
    started = time.perf_counter()
    for _ in range(count):
        do_nothing()
    return time.perf_counter() - started


def lock_acquires(count):
    # No other thread wants this lock, so it is never waited for: this is the least a lock costs.
    lock = threading.Lock()
    started = time.perf_counter()
    for _ in range(count):
        lock.acquire()
        lock.release()
    return time.perf_counter() - started


def queue_round_trips(count):
    to_helper = queue.Queue()
    back = queue.Queue()

    def hand_back():
        # Return every value as it comes; None means stop.
        for value in iter(to_helper.get, None):
            back.put(value)

    helper = threading.Thread(target=hand_back)
    helper.start()
    started = time.perf_counter()
    for number in range(count):
        to_helper.put(number)
        back.get()  # waits until the other thread has had its turn
    elapsed = time.perf_counter() - started
    to_helper.put(None)
    helper.join()
    return elapsed


def small_file_reads(count):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "small.txt")
        with open(path, "wb") as file:
            file.write(b"x" * 4096)
        # The file was just written, so the operating system answers from memory, not from the
        # disk: this is the cost of opening and reading through the system, not of the disk.
        started = time.perf_counter()
        for _ in range(count):
            with open(path, "rb") as file:
                file.read()
        return time.perf_counter() - started


def http_get(url):
    # A fresh connection, as a program's first request has: finding the server's address,
    # connecting, agreeing on encryption, then the request and its answer.
    started = time.perf_counter()
    with requests.get(url, timeout=TIMEOUT) as response:
        response.raise_for_status()
    return time.perf_counter() - started


def readable(seconds):
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.1f} ms"


def show(label, seconds):
    print(f"{label:<48} {readable(seconds):>10}")


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_URL

    loop_step = empty_loop(FAST) / FAST
    show("one step of an empty loop", loop_step)
    # Each loop below pays for its own steps too: take them off, to leave the operation alone.
    show("a call of a function that does nothing", function_calls(FAST) / FAST - loop_step)
    show("acquire and release a lock nobody else wants", lock_acquires(FAST) / FAST - loop_step)
    show("a value to another thread and back (Queue)", queue_round_trips(SLOWER) / SLOWER - loop_step)
    show("open and read a 4 KB file", small_file_reads(SLOWER) / SLOWER - loop_step)
    try:
        show(f"one HTTP GET of {url}", http_get(url))
    except requests.RequestException as error:
        sys.exit(f"No answer from {url} ({type(error).__name__}). Offline? Start the course's "
                 "page server (python3 page_server.py) and give its address: "
                 "python3 measure_latency.py http://127.0.0.1:8000/")


if __name__ == "__main__":
    main()
