"""Checks a learner's exercise in the browser's Python, as the sample code's check.py does on
their machine: the same checkers (course_check.py, site/python/), with a `run` that runs the
program here, through course_run, against the stand-in page server (course_network), which counts
the downloads at once as page_server.py does. asyncio's debug mode warns nothing here (Pyodide's
loop runs each step from a browser timer, not from the loop that times them), so the tracer's slow
steps stand for its "Executing ... took ... seconds" warnings. A check of an exercise that needs
threads or processes (a thread switch interval, children's CPU time) is refused: those run on
the learner's machine.
"""
import io
import json
import sys
import time

import course_check
import course_network
import course_run
import course_trace

SERVER = course_network.SERVER  # the addresses a checker's pages get: the page server's


class _Tee(io.TextIOBase):
    """What a program prints, shown as it is printed and kept for the checker."""

    def __init__(self, shown):
        self.shown, self.kept = shown, io.StringIO()

    def write(self, text):
        self.kept.write(text)
        return self.shown.write(text)

    def flush(self):
        self.shown.flush()


def check(exercise_json, filename, code, clock_ms):
    """(passed, message, status, exit code, traceback) of one check of code as filename."""
    exercise = json.loads(exercise_json)
    last = {"status": "ok", "code": 0, "error": None}

    def run(args, server=None, switch_interval=None, asyncio_debug=False, cpu_times=False,
            timeout=30):
        if switch_interval is not None or cpu_times:
            raise ValueError("This exercise needs threads or processes: check it on your machine.")
        urls = [f"{SERVER}page/{number}" for number in range(server["pages"])] if server else []
        network = {}
        if server:
            network = {"latency_ms": server["latency_ms"],
                       "broken": [f"/page/{n}" for n in server.get("broken", ())],
                       "stalled": [f"/page/{n}" for n in server.get("stalled", ())],
                       "stall": timeout + 5}
        out, err = _Tee(sys.stdout), _Tee(sys.stderr)
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        started = time.perf_counter()
        try:
            status, code_, error = course_run.run(filename, code, [*map(str, args), *urls],
                                                  json.dumps(network), clock_ms)
        finally:
            seconds = time.perf_counter() - started
            sys.stdout, sys.stderr = saved
        last.update(status=status, code=code_, error=error)
        stderr = err.kept.getvalue() + (error or "")
        if asyncio_debug:
            stderr += "".join(f"Executing <Task> took {step:.3f} seconds\n"
                              for step in course_trace.slow_steps)
        stats = course_network.settings
        report = None
        if server:
            window = (stats.last_answer - stats.first_request) if stats.first_request else 0.0
            report = {"requests": stats.requests, "failures": stats.failures,
                      "peak": stats.peak, "seconds": window, "urls": urls}
        exit_code = 130 if status == "stopped" else code_
        return course_check.Run(exit_code, out.kept.getvalue(), stderr, seconds, False, report,
                                None)

    verdict = course_check.check(exercise, run)
    if last["status"] == "stopped":
        verdict = course_check.Verdict(False, "Stopped before the check could finish.")
    return verdict.passed, verdict.message, last["status"], last["code"], last["error"]
