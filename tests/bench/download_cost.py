"""What a download costs Python's CPU, measured on this machine: the lab's cpu_ms and
copy_on_write_ms (wasm/demos/downloads/demo.json) stand for these.

    python3 tests/bench/download_cost.py requests URL [URL ...]
    python3 tests/bench/download_cost.py aiohttp URL [URL ...]
    python3 tests/bench/download_cost.py fork URL [URL ...]
    python3 tests/bench/download_cost.py fork-after-downloads URL [URL ...]

Prints one JSON object. `requests` and `aiohttp`: the CPU time (user and system) of the part of
io_sync.py or io_asyncio.py that the program times, divided by the downloads: `cpu_ms`. Run once
per process, as the programs are, so that what a first download sets up counts as it does there.
`fork`: io_processes.py's pool started by fork; each worker's first download less the median of
the later ones, the median over the workers: `copy_on_write_ms`, the work a forked worker does
once, on its first download: the pages it copies when it first writes to the memory it shares
with its parent (reference counts, the session's state), and what requests sets up on a first
download (modules it imports then, its connection pool). A spawned worker's first download costs
what its later ones do; a forked one's, measured here, ten times more.
`fork-after-downloads`: the same pool, forked by a parent that has first downloaded the addresses
itself with requests, as four_ways.py's has (one after another, then on threads) before it starts
its pool: what requests sets up on a first download is then in the memory the workers share, and
their first download does less.
"""
import asyncio
import json
import multiprocessing
import os
import statistics
import sys
import time

LESSONS = os.path.join(os.path.dirname(__file__), "..", "..", "content", "lessons")
for lesson in ("io-synchronous", "io-asyncio", "io-multiprocessing"):
    sys.path.insert(0, os.path.join(LESSONS, lesson))


def cpu_ms_of(call):
    started = time.process_time()
    call()
    return (time.process_time() - started) * 1000


def timed_download(url):
    """io_processes.download_site, with the CPU time it took in this worker."""
    import io_processes

    started = time.process_time()
    size = io_processes.download_site(url)
    return os.getpid(), started, (time.process_time() - started) * 1000, size


def copy_on_write_ms(urls):
    import io_processes

    context = multiprocessing.get_context("fork")
    with context.Pool(8, initializer=io_processes.start_process) as pool:
        timings = pool.map(timed_download, urls, chunksize=1)
    by_worker = {}
    for pid, started, ms, _ in sorted(timings, key=lambda timing: timing[1]):
        by_worker.setdefault(pid, []).append(ms)
    extra = [first - statistics.median(later) for first, *later in by_worker.values() if later]
    if not extra:
        raise SystemExit("no worker ran two downloads: give more addresses than workers")
    return statistics.median(extra)


def main():
    way, *urls = sys.argv[1:]
    if way == "requests":
        import io_sync

        result = {"cpu_ms": cpu_ms_of(lambda: io_sync.download_all_sites(urls)) / len(urls)}
    elif way == "aiohttp":
        import io_asyncio

        result = {
            "cpu_ms": cpu_ms_of(lambda: asyncio.run(io_asyncio.download_all_sites(urls, None))) / len(urls)
        }
    elif way in ("fork", "fork-after-downloads"):
        if way == "fork-after-downloads":
            import io_sync

            io_sync.download_all_sites(urls)
        result = {"copy_on_write_ms": copy_on_write_ms(urls)}
    else:
        raise SystemExit(f"unknown way {way!r}: requests, aiohttp, fork or fork-after-downloads")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
