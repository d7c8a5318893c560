"""Exercise: two threads move money between two accounts, each holding both accounts' locks.

    python3 lock-order.py

Sometimes (often) it never ends. Make it always end, with the total unchanged, and keep both
locks taken for each transfer.
"""
import threading
import time


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(source, target, amount, times):
    for _ in range(times):
        with source.lock:
            time.sleep(0.001)  # some work while holding the first lock
            with target.lock:
                source.balance -= amount
                target.balance += amount


def main():
    a, b = Account("a", 1000), Account("b", 1000)
    threads = [threading.Thread(target=transfer, args=(a, b, 1, 200)),
               threading.Thread(target=transfer, args=(b, a, 2, 200))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"a: {a.balance}, b: {b.balance}, total: {a.balance + b.balance}")


if __name__ == "__main__":
    main()
