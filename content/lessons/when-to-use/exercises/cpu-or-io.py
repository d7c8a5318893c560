"""Exercise: is a piece of work I/O-bound or CPU-bound? Measure it rather than guess.

    python3 cpu-or-io.py wait 0.5                    # waits half a second
    python3 cpu-or-io.py compute 3000000             # sums squares, in this process
    python3 cpu-or-io.py compute-elsewhere 3000000   # sums squares, in two other processes

It says CPU-bound when the CPU time reaches half the wall time, but it counts only its own
process's CPU time. Make its last line right for all three.
"""
import argparse
import multiprocessing
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


def main():
    parser = argparse.ArgumentParser(description="Measure a piece of work.")
    parser.add_argument("kind", choices=["wait", "compute", "compute-elsewhere"])
    parser.add_argument("amount")
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    work(args.kind, args.amount)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"Wall time {wall:.2f} s, CPU time {cpu:.2f} s")
    # Waiting uses almost no CPU; computing uses about its wall time, or a half or a third of it
    # on a machine busy with other work.
    print("CPU-bound" if cpu >= wall / 4 else "I/O-bound")


if __name__ == "__main__":
    main()
