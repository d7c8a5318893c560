"""Where does a program's time go? Time one kind of work that computes and one that waits.

    python3 two_kinds.py                 # the defaults below
    python3 two_kinds.py 1000000 0.1     # smaller computations, shorter waits

For each kind, it prints the time on the clock (time.perf_counter) beside the processor time
the program used (time.process_time): about equal when computing, near zero when waiting.
"""
import sys
import time


def compute(n):
    """CPU-bound: the processor is busy for the whole call."""
    return sum(i * i for i in range(n))


def wait(seconds):
    """I/O-bound: the call waits, as a network request does, and uses no processor meanwhile."""
    time.sleep(seconds)


def measure(kind, work, argument, times=4):
    clock_started = time.perf_counter()
    processor_started = time.process_time()
    for _ in range(times):
        work(argument)
    clock = time.perf_counter() - clock_started
    processor = time.process_time() - processor_started
    print(f"{kind}: {clock:.2f} s on the clock, {processor:.2f} s of processor time "
          f"({processor / clock:.0%} busy)")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0.25
    measure("CPU-bound", compute, n)
    measure("I/O-bound", wait, seconds)
