"""Exercise: threads add 1 to a shared counter many times, and some additions get lost.

    python3 lost-update.py --threads 4 --increments 100000    # should end with Counter: 400000

Make the count exact, every time, whatever the threads' timing. Keep the last line as it is.
"""
import argparse
import threading

counter = 0


def one():
    return 1


def add(times):
    global counter
    for _ in range(times):
        counter += one()  # read counter, call one(), add, write back


def main():
    parser = argparse.ArgumentParser(description="Count with threads.")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--increments", type=int, default=100000, help="additions per thread")
    args = parser.parse_args()
    threads = [threading.Thread(target=add, args=(args.increments,)) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"Expected {args.threads * args.increments}.")
    print(f"Counter: {counter}")


if __name__ == "__main__":
    main()
