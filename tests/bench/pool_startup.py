"""When each worker of io_processes.py's pool is ready, by start method: what the lab's start-up
parameters stand for (wasm/demos/downloads/demo.json), measured on this machine.

    python3 tests/bench/pool_startup.py [--workers N] [--rounds R] [--methods fork,spawn,forkserver]

Prints one JSON object: for each start method, one entry per round: `ready`, the moments (ms after
Pool() was called) at which each worker had started and run the pool's initializer, sorted, and
`returned`, the moment Pool() returned, which is when the program can hand out its first task. A
worker is ready when its initializer has run: for spawn and forkserver, that is after it imported
the program (and with it requests), as the real program's workers do. With fork, Pool() returns
once it has forked the last worker, before that worker's initializer has run.
"""
import argparse
import json
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "content", "lessons", "io-multiprocessing"))
import io_processes  # noqa: E402  (the program whose pool is measured, with its imports)

def start_process(readiness_queue):
    io_processes.start_process()
    readiness_queue.put(time.time())


def readiness(method, workers):
    context = multiprocessing.get_context(method)
    readiness_queue = context.Queue()
    started = time.time()
    with context.Pool(workers, initializer=start_process, initargs=(readiness_queue,)):
        returned = (time.time() - started) * 1000
        moments = [(readiness_queue.get(timeout=60) - started) * 1000 for _ in range(workers)]
    if method == "forkserver":
        # The server outlives the pool and would serve the next round's: each round starts its
        # own, as the program's one pool does. (A private method, there since Python 3.8.)
        multiprocessing.forkserver._forkserver._stop()
    return {"ready": sorted(round(moment, 1) for moment in moments), "returned": round(returned, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--methods", default="fork,spawn,forkserver")
    args = parser.parse_args()
    result = {"python": sys.version.split()[0], "workers": args.workers}
    for method in args.methods.split(","):
        result[method] = [readiness(method, args.workers) for _ in range(args.rounds)]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
