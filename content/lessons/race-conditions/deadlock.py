"""Two threads, two locks: taken in opposite orders they deadlock; taken in one order they don't.

    python3 deadlock.py                      # opposite orders: the deadlock, found and reported
    python3 deadlock.py --order same         # one order: both transfers finish

Thread 1 transfers from account A to account B, thread 2 from B to A. Each takes the lock of the
account it transfers from, then the other one. Instead of waiting for good, the second lock is
taken with acquire(timeout=...): a wait that long means something is wrong, and the program says
so instead of hanging.
"""
import argparse
import threading

LOCKS = {"A": threading.Lock(), "B": threading.Lock()}
# print() writes the text and the newline as two writes, so two threads printing at once can mix
# their lines ("thread 1 holds Athread 2 holds B"). One more lock keeps each line whole; it is
# only ever taken alone, so it cannot join the deadlock.
PRINT_LOCK = threading.Lock()


def say(line):
    with PRINT_LOCK:
        print(line, flush=True)


def transfer(thread, first, second, both_hold, timeout):
    with LOCKS[first]:
        say(f"{thread} holds {first}")
        if both_hold:
            both_hold.wait()  # go on once the other thread holds its first lock too
        if not LOCKS[second].acquire(timeout=timeout):
            say(f"{thread} holds {first} and waits for {second}: "
                f"no luck in {timeout} s, a deadlock")
            if both_hold:
                both_hold.wait()  # let go only once both have given up, so neither slips through
            return
        try:
            say(f"{thread} holds A and B: transfer done")
        finally:
            LOCKS[second].release()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--order", choices=["opposite", "same"], default="opposite",
                        help="opposite: thread 2 takes B first; same: both take A first "
                             "(default opposite)")
    parser.add_argument("--timeout", type=float, default=2.0, metavar="SECONDS",
                        help="how long to wait for the second lock (default 2)")
    args = parser.parse_args()

    if args.order == "opposite":
        # Make sure each thread holds its first lock before either asks for its second, so the
        # deadlock happens every run, not only when the timing is unlucky. (In one order the
        # second thread cannot take its first lock until the first thread is done: meeting there
        # would itself wait for good.)
        both_hold = threading.Barrier(2)
        orders = [("A", "B"), ("B", "A")]
    else:
        both_hold = None
        orders = [("A", "B"), ("A", "B")]

    threads = [threading.Thread(target=transfer,
                                args=(f"thread {n}", first, second, both_hold, args.timeout))
               for n, (first, second) in enumerate(orders, start=1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
