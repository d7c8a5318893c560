"""What a download costs Python's CPU, measured on this machine: the lab's cpu_ms and
copy_on_write_ms (wasm/demos/downloads/demo.json) stand for these.

    python3 tests/bench/download_cost.py requests URL [URL ...]
    python3 tests/bench/download_cost.py aiohttp URL [URL ...]
    python3 tests/bench/download_cost.py io_processes URL [URL ...]
    python3 tests/bench/download_cost.py four_ways URL [URL ...]

Prints one JSON object. `requests` and `aiohttp`: the CPU time (user and system) of the part of
io_sync.py or io_asyncio.py that the program times, divided by the downloads: `cpu_ms`. Run once
per process, as the programs are, so that what a first download sets up counts as it does there.

`io_processes` and `four_ways`: that program's pool of processes, started by fork; each worker's
first download less the median of its later ones, the median over the workers:
`copy_on_write_ms`, the work a forked worker does once, on its first download: the pages it copies
when it first writes to memory it shares with its parent (the reference counts of the objects it
touches, among others), and what requests sets up on a first download.
It depends on what the parent holds when it forks, so the parent here holds what the program's
own does, and nothing of this file's: io_processes.py's has imported the program and downloaded
nothing; four_ways.py's has imported more (asyncio, aiohttp) and run its three other ways first,
so that what requests sets up on a first download is already there to share.
"""
import multiprocessing
import os
import sys
import time

LESSONS = os.path.join(os.path.dirname(__file__), "..", "..", "content", "lessons")
for lesson in ("io-synchronous", "io-asyncio", "io-multiprocessing", "overview"):
    sys.path.insert(0, os.path.join(LESSONS, lesson))

WORKERS = 8

# The program's download as its pool's workers run it, set before the pool forks them.
download = None


def cpu_ms_of(call):
    started = time.process_time()
    call()
    return (time.process_time() - started) * 1000


def timed_download(url):
    """The program's download in this worker, with the CPU time it took."""
    started = time.process_time()
    download(url)
    return os.getpid(), started, (time.process_time() - started) * 1000


def first_download_extra(timings):
    """Each worker's first download less the median of its later ones; the median of those."""
    import statistics  # only after the pool: imported before, it would be in the forked memory

    by_worker = {}
    for pid, started, ms in sorted(timings, key=lambda timing: timing[1]):
        by_worker.setdefault(pid, []).append(ms)
    extra = [first - statistics.median(later) for first, *later in by_worker.values() if later]
    if not extra:
        raise SystemExit("no worker ran two downloads: give more addresses than workers")
    return statistics.median(extra)


def io_processes_pool(urls):
    """io_processes.py's pool, forked by a parent that has imported the program only."""
    global download
    import io_processes

    download = io_processes.download_site
    with multiprocessing.get_context("fork").Pool(WORKERS, initializer=io_processes.start_process) as pool:
        return pool.map(timed_download, urls, chunksize=1)


def four_ways_pool(urls):
    """four_ways.py's pool, forked by a parent that has first downloaded the pages its three
    other ways, as the program's has."""
    global download
    from concurrent.futures import ProcessPoolExecutor

    import four_ways

    for way in ("sequential", "threads", "asyncio"):
        four_ways.WAYS[way](urls, WORKERS)
    download = four_ways.download_in_this_process
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(WORKERS, mp_context=context, initializer=four_ways.start_process) as executor:
        return list(executor.map(timed_download, urls))


def main():
    way, *urls = sys.argv[1:]
    if way == "requests":
        import io_sync

        result = {"cpu_ms": cpu_ms_of(lambda: io_sync.download_all_sites(urls)) / len(urls)}
    elif way == "aiohttp":
        import asyncio

        import io_asyncio

        result = {
            "cpu_ms": cpu_ms_of(lambda: asyncio.run(io_asyncio.download_all_sites(urls, None))) / len(urls)
        }
    elif way == "io_processes":
        result = {"copy_on_write_ms": first_download_extra(io_processes_pool(urls))}
    elif way == "four_ways":
        result = {"copy_on_write_ms": first_download_extra(four_ways_pool(urls))}
    else:
        raise SystemExit(f"unknown way {way!r}: requests, aiohttp, io_processes or four_ways")
    import json

    print(json.dumps(result))


if __name__ == "__main__":
    main()
