"""The lessons' Python programs, compiled and run for real against a server on this machine.

    /usr/bin/python3 -m unittest discover -s tests/python -v

Debian's python3 has requests and aiohttp (the Makefile installs them). Each program runs in a
subprocess of this same interpreter; its downloads go to a LatencyServer on 127.0.0.1, which
counts them, so a program that skipped a page or fetched one twice fails.
"""
import ast
import os
import py_compile
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from latency_server import LatencyServer

LESSONS = Path(__file__).resolve().parents[2] / "content" / "lessons"

SMALL_CPU = ["--tasks", "2", "--size", "100000", "--workers", "2"]
# Every start method runs on Linux, whichever is the default.
START_METHODS = ["fork", "spawn", "forkserver"]

# How each program is run here, and which check reads its output: one entry for every
# content/lessons/<lesson>/<program>.py, as (check, the argument lists of its runs). A program
# without an entry fails, and so does an entry without its program. The download checks append
# the local server's addresses to the arguments.
PROGRAMS = {
    "overview/four_ways.py": ("four_ways", [["--workers", "4"]]),
    "io-synchronous/io_sync.py": ("downloads", [[]]),
    "io-threading/io_threads.py": ("downloads", [["--workers", "4"]]),
    "gil/cpu_threads.py": ("computes", [
        *([*SMALL_CPU, "--mode", mode] for mode in ("sequential", "threads", "processes")),
        [*SMALL_CPU, "--mode", "threads", "--switch-interval", "0.001"],
    ]),
    "gil/wait_threads.py": ("computes", [["--tasks", "4", "--workers", "2", "--wait", "0.05",
                                           "--work", "20000"]]),
    "latency/measure_latency.py": ("latency", [[]]),
    "what-is-concurrency/two_kinds.py": ("two_kinds", [["100000", "0.02"]]),
    "race-conditions/race.py": ("race", [
        ["--threads", "4", "--increments", "100000", "--mode", mode]
        for mode in ("racy", "plain", "lock")]),
    "race-conditions/deadlock.py": ("deadlock", [["--timeout", "0.5"],
                                                 ["--order", "same", "--timeout", "0.5"]]),
    "io-asyncio/io_asyncio.py": ("downloads", [[], ["--workers", "2"]]),
    "io-asyncio/blocking_asyncio.py": ("slow_steps", [["--tasks", "3", "--wait", "0.15"],
                                                      ["--tasks", "3", "--wait", "0.15",
                                                       "--blocking"]]),
    "when-to-use/measure.py": ("measure", [["io"], ["cpu", "--tasks", "2", "--size", "2000000"],
                                           ["mixed", "--size", "100000"]]),
    "summary/cheat_sheet.py": ("cheat_sheet", [["--workers", "2", "--tasks", "2",
                                                "--size", "100000"]]),
    "io-multiprocessing/io_processes.py": ("downloads", [
        ["--workers", "4", "--start-method", method] for method in START_METHODS]),
    "io-multiprocessing/process_costs.py": ("process_costs", [["--workers", "2",
                                                               "--megabytes", "1"]]),
    "cpu-bound/cpu_bound.py": ("computes_or_needs_3_14", [
        *([*SMALL_CPU, "--mode", mode] for mode in ("sequential", "threads", "processes",
                                                     "interpreters")),
        [*SMALL_CPU, "--mode", "processes", "--chunksize", "2"],
    ]),
}

WAYS = ["sequential", "threads", "asyncio", "processes"]
SHEET_WAYS = ["one after another", "threads", "asyncio", "processes", "interpreters"]
DOWNLOADED = r"Downloaded (\d+) sites in (\d+\.\d\d) seconds"

# Small runs check that every page is fetched; the timing tests need waits long enough to
# dwarf a process's start-up and this machine's noise.
FEW_PAGES, SHORT_WAIT = 6, 0.02
PAGES, WAIT = 20, 0.1


def lesson_programs():
    return sorted(str(path.relative_to(LESSONS)) for path in LESSONS.glob("*/*.py"))


def has_interpreter_pool():
    """Whether the interpreter the programs run on has InterpreterPoolExecutor (3.14+)."""
    import concurrent.futures
    return hasattr(concurrent.futures, "InterpreterPoolExecutor")


def run(program, *args):
    """Run a lesson's program with this interpreter; return its stdout, failing on an error."""
    return run_process(program, *args).stdout


def run_process(program, *args, timeout=120, env=None):
    """Run a lesson's program with this interpreter; return the finished process (stdout and
    stderr), failing on an error, or if it has not ended after `timeout` seconds. `env` adds
    to the environment."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8",
               # requests would send even a local address to a proxy set in the environment
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", **(env or {}))
    done = subprocess.run([sys.executable, str(LESSONS / program), *args], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"{program} {' '.join(args)} exited with {done.returncode}:\n"
                             f"{done.stdout}{done.stderr}")
    return done


class Declaration(unittest.TestCase):
    def test_every_program_has_an_entry(self):
        missing = sorted(set(lesson_programs()) - set(PROGRAMS))
        self.assertEqual(missing, [], "programs in content/lessons that PROGRAMS does not say "
                                      "how to run")

    def test_every_entry_has_its_program(self):
        gone = sorted(set(PROGRAMS) - set(lesson_programs()))
        self.assertEqual(gone, [], "entries of PROGRAMS whose program is not in content/lessons")


class Compiles(unittest.TestCase):
    def test_compiles(self):
        with tempfile.TemporaryDirectory() as scratch:
            for program in lesson_programs():
                with self.subTest(program):
                    # Into a scratch folder, not a __pycache__ beside the lesson.
                    py_compile.compile(str(LESSONS / program), doraise=True,
                                       cfile=os.path.join(scratch, "out.pyc"))

    def test_parses_as_python_3_8(self):
        # The course promises 3.8 and later: no syntax newer than that (match, except*, ...).
        for program in lesson_programs():
            with self.subTest(program):
                ast.parse((LESSONS / program).read_text(encoding="utf-8"), program,
                          feature_version=(3, 8))


class Runs(unittest.TestCase):
    """Every declared program, run the way PROGRAMS says, its output read by its check."""

    def test_each_program(self):
        for program, (check, runs) in PROGRAMS.items():
            for args in runs:
                with self.subTest(program=program, args=args):
                    if not (LESSONS / program).exists():
                        self.skipTest("missing: Declaration fails for it")
                    getattr(self, f"check_{check}")(program, args)

    def check_downloads(self, program, args, pages=FEW_PAGES, wait=SHORT_WAIT):
        """Every page fetched once; returns the seconds the program printed."""
        with LatencyServer(wait) as server:
            last = run(program, *args, *server.urls(pages)).splitlines()[-1]
            self.assertRegex(last, f"^{DOWNLOADED}$")
            count, seconds = re.fullmatch(DOWNLOADED, last).groups()
            self.assertEqual(int(count), pages, last)
            self.assertEqual(server.requests, pages, "requests the server answered")
            return float(seconds)

    def check_four_ways(self, program, args, pages=FEW_PAGES, wait=SHORT_WAIT):
        """One line per way, each with every page; returns {way: seconds}."""
        with LatencyServer(wait) as server:
            output = run(program, *args, *server.urls(pages))
            lines = re.findall(rf"^(\w+): {DOWNLOADED}$", output, re.MULTILINE)
            self.assertEqual([way for way, _, _ in lines], WAYS, output)
            for way, count, _ in lines:
                self.assertEqual(int(count), pages, f"{way}: {output}")
            self.assertEqual(server.requests, len(WAYS) * pages, "requests the server answered")
            return {way: float(seconds) for way, _, seconds in lines}

    def check_computes(self, program, args):
        last = run(program, *args).splitlines()[-1]
        self.assertRegex(last, r" in \d+\.\d\d seconds$")

    def check_measure(self, program, args):
        """Wall time against CPU time, and a verdict: downloads wait, sums compute."""
        workload = args[0]
        with LatencyServer(0.2) as server:
            urls = [] if workload == "cpu" else server.urls(FEW_PAGES)
            lines = run(program, *args, *urls).splitlines()
            self.assertEqual(server.requests, len(urls), "requests the server answered")
        self.assertEqual(len(lines), 3, lines)
        self.assertRegex(lines[0], r": \d+\.\d\d seconds of wall time$")
        self.assertRegex(lines[1], r"^CPU time \d+\.\d\d seconds: busy \d+% of the wall time$")
        self.assertRegex(lines[2], r"^(Mostly waiting|Mostly computing|Both): ")
        if workload == "io":
            self.assertTrue(lines[2].startswith("Mostly waiting"), lines)
        # On a machine with more runnable processes than cores, a computing program waits for
        # a turn on a processor, and that wait counts as wall time: the verdict's premise, a
        # machine to itself, does not hold, as the lesson says.
        elif workload == "cpu" and os.getloadavg()[0] < os.cpu_count():
            self.assertTrue(lines[2].startswith("Mostly computing"), lines)

    def check_cheat_sheet(self, program, args):
        """First the Python and whether the GIL is on, then one line per kind of job and way,
        each timed; the interpreter pool needs 3.14."""
        tasks = int(args[args.index("--tasks") + 1])
        has_interpreters = sys.version_info >= (3, 14)
        with LatencyServer(SHORT_WAIT) as server:
            output = run(program, *args, *server.urls(FEW_PAGES))
            ways_run = len(SHEET_WAYS) if has_interpreters else len(SHEET_WAYS) - 1
            self.assertEqual(server.requests, ways_run * FEW_PAGES, "requests the server answered")
        lines = output.splitlines()
        self.assertRegex(lines[0], rf"^Python {re.escape(sys.version.split()[0])}, "
                                   r"GIL enabled: (True|False)$")
        # On a free-threaded build, a line before the CPU job says so if the I/O job's imports
        # turned the GIL back on.
        lines = [line for line in lines[1:] if not line.startswith("GIL enabled: ")]
        expected = [f"{kind}, {way}" for kind in ("I/O", "CPU") for way in SHEET_WAYS]
        self.assertEqual([line.split(":")[0] for line in lines], expected, output)
        for line in lines:
            with self.subTest(line=line):
                if line.split(":")[0].endswith("interpreters") and not has_interpreters:
                    self.assertRegex(line, r": needs Python 3\.14 or later .*; this is "
                                           rf"{re.escape(sys.version.split()[0])}$")
                elif line.startswith("I/O"):
                    self.assertRegex(line, rf": {FEW_PAGES} downloads in \d+\.\d\d seconds$")
                else:
                    self.assertRegex(line, rf": {tasks} sums in \d+\.\d\d seconds$")

    def test_cheat_sheet_without_aiohttp(self):
        """Without aiohttp, the asyncio download line says what it needs, and the rest runs."""
        with tempfile.TemporaryDirectory() as hidden, LatencyServer(SHORT_WAIT) as server:
            # An aiohttp package that fails to import, first on the path: as if not installed.
            Path(hidden, "aiohttp").mkdir()
            Path(hidden, "aiohttp", "__init__.py").write_text(
                'raise ImportError("aiohttp is hidden by the test")\n', encoding="utf-8")
            done = run_process("summary/cheat_sheet.py", "--workers", "2", "--tasks", "2",
                               "--size", "100000", *server.urls(FEW_PAGES),
                               env={"PYTHONPATH": hidden})
        self.assertNotIn("Traceback", done.stderr)
        self.assertIn("\nI/O, asyncio: needs aiohttp: python3 -m pip install aiohttp\n",
                      done.stdout)
        self.assertRegex(done.stdout, r"\nCPU, asyncio: 2 sums in \d+\.\d\d seconds\n")

    def check_computes_or_needs_3_14(self, program, args):
        """--mode interpreters runs where InterpreterPoolExecutor exists (3.14+); elsewhere the
        program must say what it needs and exit with status 2, not crash."""
        if "interpreters" in args and not has_interpreter_pool():
            done = subprocess.run([sys.executable, str(LESSONS / program), *args],
                                  capture_output=True, text=True, encoding="utf-8", timeout=120)
            self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
            self.assertIn("needs Python 3.14 or later", done.stderr)
            self.assertNotIn("Traceback", done.stderr)
            return
        self.check_computes(program, args)

    def check_process_costs(self, program, args):
        lines = run(program, *args).splitlines()
        self.assertRegex(lines[0], r"^default start method here: \w+$")
        methods = re.findall(r"^start-up, (\w+): a pool of 2 processes in \d+\.\d\d seconds$",
                             "\n".join(lines), re.MULTILINE)
        self.assertEqual(methods, START_METHODS, lines)
        copies = [line for line in lines if re.fullmatch(
            r"copy there and back: [\d.]+ MB in \d+\.\d{3} seconds", line)]
        self.assertEqual(len(copies), 3, lines)
        self.assertEqual(len(lines), 1 + len(START_METHODS) + 3, lines)

    def check_latency(self, program, args):
        with LatencyServer(SHORT_WAIT) as server:
            lines = run(program, *args, server.url).splitlines()
            self.assertEqual(len(lines), 6, lines)
            for line in lines:
                self.assertRegex(line, r"\S +\d+(\.\d)? (ns|µs|ms)$")
            self.assertEqual(server.requests, 1, "one HTTP GET")

    def check_two_kinds(self, program, args):
        lines = run(program, *args).splitlines()
        self.assertEqual(len(lines), 2, lines)
        for kind, line in zip(["CPU-bound", "I/O-bound"], lines):
            self.assertRegex(line, rf"^{kind}: \d+\.\d\d s on the clock, .* busy\)$")


    def check_race(self, program, args):
        """The final count never exceeds the right answer; with the lock it is exactly right."""
        last = run(program, *args).splitlines()[-1]
        found = re.fullmatch(r"Final count ([\d,]+), expected ([\d,]+): ([\d,]+) updates lost "
                             r"in \d+\.\d\d seconds", last)
        self.assertIsNotNone(found, last)
        count, expected, lost = (int(group.replace(",", "")) for group in found.groups())
        self.assertEqual(expected, 4 * 100_000, last)
        self.assertLessEqual(count, expected, last)
        self.assertEqual(lost, expected - count, last)
        if "lock" in args:
            self.assertEqual(count, expected, last)

    def check_deadlock(self, program, args):
        """Opposite orders: both threads report the deadlock and the program ends by itself,
        well before the subprocess's own timeout; one order: both transfers finish."""
        lines = run_process(program, *args, timeout=20).stdout.splitlines()
        if "same" in args:
            self.assertEqual(sum("transfer done" in line for line in lines), 2, lines)
            self.assertNotIn("deadlock", "\n".join(lines))
        else:
            self.assertIn("thread 1 holds A and waits for B: no luck in 0.5 s, a deadlock", lines)
            self.assertIn("thread 2 holds B and waits for A: no luck in 0.5 s, a deadlock", lines)
            self.assertNotIn("transfer done", "\n".join(lines))

    def check_slow_steps(self, program, args):
        """Debug mode's warning on stderr, one per task, for time.sleep; none for await."""
        done = run_process(program, *args)
        self.assertRegex(done.stdout.splitlines()[-1], r" in \d+\.\d\d seconds$")
        warnings = re.findall(r"^Executing <Task .*> took \d+\.\d{3} seconds$", done.stderr,
                              re.MULTILINE)
        if "--blocking" in args:
            self.assertEqual(len(warnings), 3, done.stderr)
        else:
            self.assertEqual(warnings, [], done.stderr)
            self.assertNotIn("Executing", done.stderr)


class Overlap(unittest.TestCase):
    """What the lessons claim about time, as ratios with slack: never a number of milliseconds.
    Twenty pages at 100 ms: 2 s one after another, about 0.3 s on 8 threads."""

    check_downloads = Runs.check_downloads
    check_four_ways = Runs.check_four_ways

    def test_threads_beat_one_after_another(self):
        one_after_another = self.check_downloads("io-synchronous/io_sync.py", [], PAGES, WAIT)
        threads = self.check_downloads("io-threading/io_threads.py", ["--workers", "8"],
                                       PAGES, WAIT)
        self.assertLess(threads * 2, one_after_another)

    def test_asyncio_beats_one_after_another(self):
        one_after_another = self.check_downloads("io-synchronous/io_sync.py", [], PAGES, WAIT)
        event_loop = self.check_downloads("io-asyncio/io_asyncio.py", [], PAGES, WAIT)
        self.assertLess(event_loop * 2, one_after_another)

    def test_four_ways_threads_and_asyncio_beat_one_after_another(self):
        seconds = self.check_four_ways("overview/four_ways.py", ["--workers", "8"], PAGES, WAIT)
        for way in ("threads", "asyncio"):
            with self.subTest(way):
                self.assertLess(seconds[way] * 2, seconds["sequential"], seconds)


if __name__ == "__main__":
    unittest.main()


# Failure, cancellation and shutdown (issue 22, section 2): programs that need no server. Kept
# at the end of the file, apart from the table above, so that its other changes merge cleanly.
PROGRAMS.update({
    "io-asyncio/failures.py": ("gather_or_group", [[], ["--hang", "--timeout", "0.4"]]),
    "io-threading/failures_threads.py": ("pool_shutdown", [[], ["--hang", "1.2"]]),
    "io-multiprocessing/broken_pool.py": ("broken_pool", [["--wait", "0.5"]]),
})


def check_gather_or_group(self, program, args):
    """gather raises the first error at once and leaves the others running to their ends;
    TaskGroup (3.11+) cancels the four others at the same instant and raises a group."""
    out = run_process(program, *args, timeout=30).stdout
    raised = re.search(r"^gather: raised '(.*)' after (\d+\.\d\d) s; (\d) other downloads "
                       r"still running$", out, re.MULTILINE)
    self.assertIsNotNone(raised, out)
    self.assertLess(float(raised[2]), 0.2, out)
    self.assertEqual(raised[3], "4", out)
    after = re.search(r"^gather: .* s in, (\d) finished, (\d) timed out, (\d) cancelled$", out,
                      re.MULTILINE)
    self.assertIsNotNone(after, out)
    # --hang: page 4 times out instead of finishing; nothing is cancelled either way.
    self.assertEqual(after.groups(), ("3", "1", "0") if "--hang" in args else ("4", "0", "0"), out)
    if sys.version_info >= (3, 11):
        group = re.search(r"^TaskGroup: raised ExceptionGroup with 1 error\(s\) after "
                          r"(\d+\.\d\d) s$", out, re.MULTILINE)
        self.assertIsNotNone(group, out)
        self.assertLess(float(group[1]), 0.2, out)
        self.assertIn("TaskGroup: 0 finished, 4 cancelled", out)
        self.assertEqual(out.count(": cancelled\n"), 4, out)
    else:
        self.assertIn("TaskGroup: needs Python 3.11 or later, skipped", out)


def check_pool_shutdown(self, program, args):
    """At the first error the queued pages are cancelled and the running ones finish; with a
    hang, as_completed gives up at its deadline, and leaving the pool waits for the hung thread."""
    out = run_process(program, *args, timeout=30).stdout
    left = re.search(r"^left the pool after (\d+\.\d\d) s: finished \[([\d, ]*)\], cancelled "
                     r"before starting \[([\d, ]*)\]$", out, re.MULTILINE)
    self.assertIsNotNone(left, out)
    finished = [int(n) for n in left[2].split(", ") if n]
    cancelled = [int(n) for n in left[3].split(", ") if n]
    if "--hang" in args:
        self.assertRegex(out, r"(?m)^as_completed gave up after 0\.[5-9]\d s$")
        self.assertGreaterEqual(float(left[1]), 1.2, out)  # the hung download held the exit
        self.assertEqual(finished, list(range(1, 9)), out)
    else:
        self.assertRegex(out, r"(?m)^page 2 failed after 0\.\d\d s: page 2: the server answered 503$")
        self.assertNotIn(2, finished)
        self.assertIn(1, finished)
        self.assertTrue(cancelled, out)
        self.assertEqual(cancelled, list(range(cancelled[0], 9)), out)  # the queue's tail
        self.assertEqual(len(finished) + len(cancelled), 7, out)


def check_broken_pool(self, program, args):
    """ProcessPoolExecutor fails the dead worker's page and every page not yet done; the Pool
    never returns the map, and the program ends by itself all the same."""
    out = run_process(program, *args, timeout=30).stdout
    broken = re.search(r"^ProcessPoolExecutor: BrokenProcessPool for (\d) of 6 pages", out,
                       re.MULTILINE)
    self.assertIsNotNone(broken, out)
    self.assertGreaterEqual(int(broken[1]), 1)
    self.assertRegex(out, r"(?m)^multiprocessing\.Pool: still no result after 0\.\d\d s; "
                          r"map would wait for ever$")


Runs.check_gather_or_group = check_gather_or_group
Runs.check_pool_shutdown = check_pool_shutdown
Runs.check_broken_pool = check_broken_pool
