"""Exercise: is a piece of work I/O-bound or CPU-bound? Measure it rather than guess.

    python3 cpu-or-io.py wait 0.5                    # waits half a second
    python3 cpu-or-io.py compute 3000000             # sums squares, in this process
    python3 cpu-or-io.py compute-elsewhere 3000000   # sums squares, in two other processes
"""
import argparse
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def work(kind, amount):
    if kind == "wait":
        time.sleep(float(amount))
    elif kind == "compute":
        sum_of_squares(int(amount))
    else:
        context = multiprocessing.get_context("spawn")  # the pool's processes are this one's children
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            list(pool.map(sum_of_squares, [int(amount)] * 2))


def cpu_seconds():
    """CPU time of this process and of the processes it started and waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main():
    parser = argparse.ArgumentParser(description="Measure a piece of work.")
    parser.add_argument("kind", choices=["wait", "compute", "compute-elsewhere"])
    parser.add_argument("amount")
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), cpu_seconds()
    work(args.kind, args.amount)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    print(f"Wall time {wall:.2f} s, CPU time {cpu:.2f} s")
    # Waiting uses almost no CPU; computing uses about its wall time, or a half or a third of it
    # on a machine busy with other work.
    print("CPU-bound" if cpu >= wall / 4 else "I/O-bound")


if __name__ == "__main__":
    main()
