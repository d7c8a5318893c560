"""The exercises' checkers: each runs a learner's program and judges what it does, not its text.

A checker gets `run`, which runs the program once and reports what happened (a Run), and the
exercise's settings from its declaration (content/lessons/<lesson>/exercises.toml); it returns a
Verdict whose message speaks of what the learner sees: "8 downloads took 1.62 s, about 8 x 200 ms:
they still run one after another". check.py provides `run` on the learner's machine (the program
in a process of its own, against page_server.py); the page will provide it in the browser's
Python. Standard library only, Python 3.8 on.
"""
import math
import re
from collections import namedtuple

Verdict = namedtuple("Verdict", "passed message")

# What one run did. code: the exit status (None if it was stopped at the time limit); seconds:
# how long the program ran, from its first line to its end (not the interpreter's start-up);
# server: what the page server saw (requests, failures, peak: the most answered at once,
# connections: how many the program opened (the page's stand-in has none to count),
# seconds: from the first request to the last answer, urls: the addresses given to the program),
# or None; cpu: {"self": s, "children": s}, the CPU time of the program and of the processes it
# started, or None.
Run = namedtuple("Run", "code stdout stderr seconds timed_out server cpu")

CHECKERS = {}


def checker(function):
    CHECKERS[function.__name__] = function
    return function


def check(exercise, run):
    """The verdict on one exercise: exercise is its declaration (a dict with "checker" and
    optional "settings"); run(args, **how) runs the learner's program (see check.py)."""
    return CHECKERS[exercise["checker"]](run, **exercise.get("settings", {}))


def _failed(result, timeout):
    """The verdict on a run that did not end well, or None."""
    if result.timed_out:
        return Verdict(False, f"It was still running after {timeout:g} s, and was stopped.")
    if result.code != 0:
        last = _last_line(result.stderr) or _last_line(result.stdout)
        said = f": {last}" if last else ""
        return Verdict(False, f"It ended with an error (exit status {result.code}){said}")
    return None


def _last_line(text):
    lines = [line for line in (text or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def _downloaded(result):
    """The N of the program's "Downloaded N sites" line, or None."""
    found = re.findall(r"Downloaded (\d+) sites?", result.stdout)
    return int(found[-1]) if found else None


def _all_downloaded(result, pages):
    server = result.server
    if server["requests"] < pages:
        return Verdict(False, f"Only {server['requests']} of the {pages} pages were requested.")
    count = _downloaded(result)
    if count is None:
        return Verdict(False, "It printed no \"Downloaded N sites in S seconds\" line.")
    if count != pages:
        return Verdict(False, f"It says it downloaded {count} sites, not {pages}.")
    return None


@checker
def downloads(run, pages=8, latency_ms=200, workers=None, at_most=0.3, timeout=30):
    """The pages all downloaded, their waits overlapping: from the first request to the last
    answer takes at most `at_most` of what one after another takes (pages x latency)."""
    args = ["--workers", str(workers)] if workers else []
    result = run(args, server={"pages": pages, "latency_ms": latency_ms}, timeout=timeout)
    wrong = _failed(result, timeout) or _all_downloaded(result, pages)
    if wrong:
        return wrong
    one_by_one = pages * latency_ms / 1000
    took = result.server["seconds"]
    share = took / one_by_one
    if share > 0.8:
        return Verdict(False, f"{pages} downloads took {took:.2f} s, about {pages} x "
                              f"{latency_ms} ms: they still run one after another.")
    if share > at_most:
        return Verdict(False, f"{pages} downloads took {took:.2f} s, {share:.2f} of the "
                              f"{one_by_one:.2f} s one after another takes: some waits overlap, "
                              f"but the goal is at most {at_most:g} of it.")
    return Verdict(True, f"{pages} downloads took {took:.2f} s, {share:.2f} of the "
                         f"{one_by_one:.2f} s one after another takes: their waits overlap.")


@checker
def bounded(run, pages=12, latency_ms=100, limit=3, timeout=30):
    """Never more than `limit` downloads at once, and still `limit` at a time: the pages take
    about ceil(pages / limit) latencies."""
    result = run([], server={"pages": pages, "latency_ms": latency_ms}, timeout=timeout)
    wrong = _failed(result, timeout) or _all_downloaded(result, pages)
    if wrong:
        return wrong
    peak = result.server["peak"]
    took = result.server["seconds"]
    if peak > limit:
        return Verdict(False, f"Up to {peak} downloads ran at once; the limit is {limit}.")
    rounds = math.ceil(pages / limit)
    expected = rounds * latency_ms / 1000
    if peak < limit or took > 1.5 * expected + latency_ms / 1000:
        return Verdict(False, f"At most {peak} at once, and {pages} downloads took {took:.2f} s: "
                              f"bounded, but fewer than {limit} ran together (with {limit} at a "
                              f"time they take about {rounds} x {latency_ms} ms = {expected:.2f} s).")
    return Verdict(True, f"At most {peak} downloads at once (the limit is {limit}), all {pages} "
                         f"in {took:.2f} s.")


@checker
def survive(run, pages=8, latency_ms=100, broken=(), stalled=(), timeout=30, within=None):
    """Pages that fail (broken: answered 503) or never answer (stalled) are reported by their
    address, and every other page is downloaded; with stalled pages, the program gives up on
    them: it ends within `within` seconds."""
    result = run([], server={"pages": pages, "latency_ms": latency_ms, "broken": list(broken),
                             "stalled": list(stalled)}, timeout=timeout)
    if result.timed_out and stalled:
        return Verdict(False, f"It was still waiting after {timeout:g} s: a page that never "
                              "answers held it up. Give each download a time limit.")
    wrong = _failed(result, timeout)
    if wrong:
        return Verdict(False, f"{wrong.message.rstrip('.')}. One page failing should not stop the others.")
    urls = result.server["urls"]
    answering = pages - len(broken) - len(stalled)
    count = _downloaded(result)
    if count is None:
        return Verdict(False, "It printed no \"Downloaded N sites in S seconds\" line.")
    if count != answering:
        return Verdict(False, f"It says it downloaded {count} sites; {answering} of the {pages} "
                              "pages answer.")
    said = result.stdout + result.stderr
    for number in list(broken) + list(stalled):
        if urls[number] not in said:
            return Verdict(False, f"It did not say which page failed: {urls[number]} should "
                                  "appear in what it prints.")
    if within is not None and result.seconds > within:
        return Verdict(False, f"It took {result.seconds:.2f} s; a page that never answers should "
                              f"be given up on sooner (the goal: {within:g} s in all).")
    return Verdict(True, f"{count} pages downloaded and the {pages - answering} that failed "
                         f"reported, in {result.seconds:.2f} s.")


@checker
def no_lost_update(run, threads=4, increments=20000, runs=5, timeout=60):
    """Threads add to one counter with frequent thread switches; every run ends with
    threads x increments."""
    expected = threads * increments
    for attempt in range(1, runs + 1):
        result = run(["--threads", str(threads), "--increments", str(increments)],
                     switch_interval=1e-6, timeout=timeout)
        wrong = _failed(result, timeout)
        if wrong:
            return wrong
        found = re.findall(r"Counter: (\d[\d,_]*)", result.stdout)
        if not found:
            return Verdict(False, "It printed no \"Counter: N\" line.")
        got = int(re.sub(r"[,_]", "", found[-1]))
        if got != expected:
            return Verdict(False, f"Run {attempt}: {got:,} of {expected:,}: "
                                  f"{expected - got:,} updates were lost.")
    return Verdict(True, f"{runs} runs with frequent thread switches, {expected:,} every time: "
                         "no update lost.")


@checker
def no_deadlock(run, runs=3, timeout=5, expect=None):
    """The program ends, every time, within `timeout` seconds, printing `expect` (if set)."""
    for attempt in range(1, runs + 1):
        result = run([], switch_interval=1e-5, timeout=timeout)
        if result.timed_out:
            return Verdict(False, f"Run {attempt} was still waiting after {timeout:g} s: each "
                                  "thread holds one lock and waits for the other's (a deadlock).")
        wrong = _failed(result, timeout)
        if wrong:
            return wrong
        if expect and expect not in result.stdout:
            return Verdict(False, f"Run {attempt} ended, but without \"{expect}\" in what it "
                                  f"printed: {_last_line(result.stdout) or 'nothing'}")
    return Verdict(True, f"{runs} runs, each ended in time: no deadlock.")


@checker
def loop_not_blocked(run, pages=8, latency_ms=200, at_most=0.5, timeout=30):
    """In asyncio's debug mode no step holds the event loop long enough for a warning, and the
    downloads overlap."""
    result = run([], server={"pages": pages, "latency_ms": latency_ms}, asyncio_debug=True,
                 timeout=timeout)
    wrong = _failed(result, timeout) or _all_downloaded(result, pages)
    if wrong:
        return wrong
    held = _held(result)
    if held:
        return Verdict(False, f"A step held the event loop for {max(held):.2f} s (asyncio's "
                              "debug mode warned \"Executing ... took ...\"): a call that blocks "
                              "runs inside a coroutine, and every other task waits for it.")
    return downloads(lambda *args, **how: result, pages=pages, latency_ms=latency_ms,
                     at_most=at_most)


def _held(result):
    """How long each step held the event loop, as asyncio's debug mode warned (in seconds)."""
    return [float(seconds) for seconds in re.findall(r"Executing .* took (\d+\.\d+) seconds",
                                                     result.stderr)]


@checker
def offloads_from_loop(run, at_least=0.6, longest=0.3, timeout=120):
    """An asyncio program's computing runs in processes it starts, and no step holds its event
    loop for more than `longest` seconds (asyncio's debug mode warns from 0.1 s; starting the
    pool's processes may take that long on a busy machine)."""
    result = run([], asyncio_debug=True, cpu_times=True, timeout=timeout)
    wrong = _failed(result, timeout)
    if wrong:
        return wrong
    held = [seconds for seconds in _held(result) if seconds > longest]
    if held:
        return Verdict(False, f"A step held the event loop for {max(held):.2f} s (asyncio's "
                              "debug mode warned \"Executing ... took ...\"): the coroutine waits "
                              "for the pool's results without awaiting, so the loop runs nothing "
                              "else meanwhile.")
    return uses_other_processes(lambda *args, **how: result, at_least=at_least)


@checker
def stops_at_failure(run, pages=24, latency_ms=200, broken=(1,), at_most=0.5, timeout=30):
    """When a page fails, the program says which and stops: the downloads not yet started are
    cancelled, so the server sees at most `at_most` of the pages requested, and it ends well."""
    result = run([], server={"pages": pages, "latency_ms": latency_ms, "broken": list(broken)},
                 timeout=timeout)
    wrong = _failed(result, timeout)
    if wrong:
        return Verdict(False, f"{wrong.message.rstrip('.')}. Report the failure and stop, "
                              "without a traceback.")
    said = result.stdout + result.stderr
    failed = [result.server["urls"][number] for number in broken]
    if not any(url in said for url in failed):
        return Verdict(False, f"It did not say which page failed: {failed[0]} should appear in "
                              "what it prints.")
    requested = result.server["requests"]
    if requested > at_most * pages:
        return Verdict(False, f"{requested} of the {pages} pages were requested: the downloads "
                              "waiting in the pool still ran after the failure. Cancel them.")
    return Verdict(True, f"It reported {failed[0]} and stopped after {requested} of the {pages} "
                         "requests: the rest were cancelled.")


@checker
def uses_other_processes(run, at_least=0.6, timeout=120):
    """The program's computing happens in processes it starts: their CPU time is at least
    `at_least` of all the CPU time spent."""
    result = run([], cpu_times=True, timeout=timeout)
    wrong = _failed(result, timeout)
    if wrong:
        return wrong
    own, children = result.cpu["self"], result.cpu["children"]
    total = own + children
    share = children / total if total else 0.0
    if share < at_least:
        return Verdict(False, f"Of {total:.2f} s of CPU time, {own:.2f} s were spent in the "
                              "program's own process: the work does not run in other processes.")
    return Verdict(True, f"Of {total:.2f} s of CPU time, {children:.2f} s ({share:.0%}) ran in "
                         "the processes the program started.")


@checker
def quicker(run, within=1.5, expect=None, timeout=30):
    """The program ends within `within` seconds, printing `expect` (if set): its waits overlap."""
    result = run([], timeout=timeout)
    wrong = _failed(result, timeout)
    if wrong:
        return wrong
    if expect and expect not in result.stdout:
        return Verdict(False, f"It did not print \"{expect}\".")
    if result.seconds > within:
        return Verdict(False, f"It took {result.seconds:.2f} s; with its waits overlapping it takes "
                              f"less than {within:g} s.")
    return Verdict(True, f"It took {result.seconds:.2f} s: its waits overlap.")


@checker
def reports_latency(run, pages=10, latency_ms=150, within=0.2, timeout=30):
    """The program times downloads of `pages` pages and prints "Average: N ms", within `within`
    (a fraction) of the page server's latency."""
    result = run([], server={"pages": pages, "latency_ms": latency_ms}, timeout=timeout)
    wrong = _failed(result, timeout)
    if wrong:
        return wrong
    found = re.findall(r"Average: (\d+(?:\.\d+)?) ms", result.stdout)
    if not found:
        return Verdict(False, "It printed no \"Average: N ms\" line.")
    if result.server["requests"] < pages:
        return Verdict(False, f"It downloaded {result.server['requests']} pages; the average "
                              f"needs all {pages}.")
    average = float(found[-1])
    if abs(average - latency_ms) > within * latency_ms:
        return Verdict(False, f"It says {average:g} ms; each page took about {latency_ms} ms "
                              "here. Is it the time of one download, or of all of them?")
    return Verdict(True, f"Average: {average:g} ms, and each page took about {latency_ms} ms: "
                         "measured right.")


@checker
def reuses_connections(run, pages=10, latency_ms=50, at_most=2, timeout=30):
    """Every page downloaded through at most `at_most` connections: a session keeps one open."""
    result = run([], server={"pages": pages, "latency_ms": latency_ms}, timeout=timeout)
    wrong = _failed(result, timeout) or _all_downloaded(result, pages)
    if wrong:
        return wrong
    opened = result.server.get("connections")
    if opened is None:
        raise ValueError("This exercise counts connections: check it on your machine.")
    if opened > at_most:
        return Verdict(False, f"It opened {opened} connections for {pages} pages: a new one for "
                              "each download, each paying for its setup.")
    return Verdict(True, f"{pages} pages through {opened} connection{'s' if opened != 1 else ''}: "
                         "the session kept it open.")


@checker
def classifies(run, cases=(), timeout=60):
    """For each case [args..., expected], the program's last line says the expected verdict
    ("I/O-bound" or "CPU-bound"): it measures, rather than guesses."""
    for case in cases:
        *args, expected = case
        result = run(list(args), timeout=timeout)
        wrong = _failed(result, timeout)
        if wrong:
            return wrong
        said = _last_line(result.stdout)
        if expected not in said:
            return Verdict(False, f"For {' '.join(args)} it says \"{said}\"; that work is "
                                  f"{expected}.")
    return Verdict(True, f"Each of the {len(cases)} workloads classified right.")
