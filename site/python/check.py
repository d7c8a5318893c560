"""Check your solution to one of the course's exercises, as the lesson's page does.

    python3 check.py                      # the exercises, and the file each one checks
    python3 check.py lost-update          # checks race-conditions/exercises/lost-update.py
    python3 check.py lost-update mine.py  # checks mine.py instead

It runs your program (with page_server.py, in this folder, started for it where the exercise
downloads pages) and says whether it does what the exercise asks, and if not, what went wrong:
"8 downloads took 1.62 s, about 8 x 200 ms: they still run one after another". The exercises are
in exercises.json; the checks in course_check.py. Standard library only, Python 3.8 on.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import course_check  # noqa: E402
from page_server import PageServer  # noqa: E402

# Runs the learner's file as python3 FILE ARGS would, with the check's settings (COURSE_CHECK, as
# JSON): a thread switch interval, whether to measure the CPU times of the program and of the
# processes it waited for, and the file to write what it measured to: those, and how long the
# program ran, from its first line to its end: the interpreter's start-up is not the program's,
# and the page's runner times the program alone too. runpy makes the file the __main__ module,
# which processes started with spawn or forkserver import again by its path, as they would the file
# run directly.
WRAPPER = """
import json, os, runpy, sys, time
settings = json.loads(os.environ.pop("COURSE_CHECK"))
if settings.get("switch_interval"):
    sys.setswitchinterval(settings["switch_interval"])
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))
started = time.perf_counter()
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    measured = {"seconds": time.perf_counter() - started}
    if settings.get("cpu_times"):
        # Under forkserver (3.14's default on Linux) the pool's processes are the server's
        # children: their CPU time reaches this process only once the server has ended.
        forkserver = sys.modules.get("multiprocessing.forkserver")
        stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
        if stop:
            stop()
        times = os.times()
        measured["cpu"] = {"self": times.user + times.system,
                           "children": times.children_user + times.children_system}
    with open(settings["measured"], "w") as file:
        json.dump(measured, file)
"""


def local_runner(path, python=sys.executable):
    """run(args, **how) for course_check: the file in a process of its own."""
    def run(args, server=None, switch_interval=None, asyncio_debug=False, cpu_times=False,
            timeout=30):
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1",
                   NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
        env.pop("PYTHONASYNCIODEBUG", None)
        if asyncio_debug:
            env["PYTHONASYNCIODEBUG"] = "1"
        with tempfile.TemporaryDirectory() as scratch:
            measured = os.path.join(scratch, "measured.json")
            env["COURSE_CHECK"] = json.dumps(
                {"switch_interval": switch_interval, "cpu_times": cpu_times, "measured": measured})
            command = [python, "-c", WRAPPER, path, *args]
            if server is None:
                return _run(command, env, timeout, measured)
            pages = PageServer(latency=server["latency_ms"] / 1000, port=0,
                               broken=[f"/page/{n}" for n in server.get("broken", ())],
                               stalled=[f"/page/{n}" for n in server.get("stalled", ())],
                               stall=timeout + 5)
            with pages:
                urls = pages.urls(server["pages"])
                result = _run(command + urls, env, timeout, measured)
            seconds = (pages.last_answer - pages.first_request) if pages.first_request else 0.0
            return result._replace(server={
                "requests": pages.requests, "failures": pages.failures, "peak": pages.peak,
                "connections": pages.connections,
                "seconds": seconds, "urls": urls})
    return run


def _run(command, env, timeout, measured):
    """Runs the wrapper; seconds and cpu as it measured them, or, if it was stopped before it could
    say (the time limit), the process's own wall time and no cpu."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        code, stdout, stderr, timed_out = done.returncode, done.stdout, done.stderr, False
    except subprocess.TimeoutExpired as expired:
        code, timed_out = None, True
        stdout, stderr = (_text(expired.stdout), _text(expired.stderr))
    report = {"seconds": time.perf_counter() - started}
    if os.path.exists(measured):
        with open(measured) as file:
            report = json.load(file)
    return course_check.Run(code, stdout, stderr, report["seconds"], timed_out, None,
                            report.get("cpu"))


def _text(data):
    if isinstance(data, bytes):
        return data.decode(errors="replace")
    return data or ""


def load(path):
    with open(path, encoding="utf-8") as file:
        return {exercise["id"]: exercise for exercise in json.load(file)["exercises"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercise", nargs="?", help="the exercise's name (none: list them)")
    parser.add_argument("file", nargs="?", help="your program (default: the exercise's file)")
    parser.add_argument("--exercises", default=os.path.join(HERE, "exercises.json"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    exercises = load(args.exercises)
    if not args.exercise:
        for exercise in exercises.values():
            print(f"{exercise['id']:24} {exercise['file']}  {exercise['title']}")
        return
    exercise = exercises.get(args.exercise)
    if exercise is None:
        parser.error(f"no exercise named {args.exercise!r}; python3 check.py lists them")
    path = args.file or os.path.join(HERE, exercise["file"])
    if not os.path.isfile(path):
        parser.error(f"{path} is not a file")
    print(f"Checking {os.path.relpath(path)}: {exercise['title']}", flush=True)
    verdict = course_check.check(exercise, local_runner(path))
    print(("PASS: " if verdict.passed else "NOT YET: ") + verdict.message)
    sys.exit(0 if verdict.passed else 1)


if __name__ == "__main__":
    main()
