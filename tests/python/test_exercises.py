"""The exercises (content/lessons/*/exercises.toml): every starting program fails its checker and
every reference solution passes it, through site/python/check.py as a learner runs it, on
Debian's python3 and, for those that need only the standard library, on each CPython from 3.8 on
that pyenv has; and a mistake in a declaration stops the build with the file and line.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "site" / "python"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import check  # noqa: E402
import course_check  # noqa: E402
from test_programs import PYENV, VERSIONS, pyenv_pythons  # noqa: E402

TOOL = ROOT / "site" / "tools" / "exercises.py"
DEBIAN_PYTHON = "/usr/bin/python3"
# What an exercise imports beyond the standard library: then it runs on Debian's python3 only.
LIBRARIES = re.compile(r"^\s*(import|from)\s+(requests|aiohttp)\b", re.MULTILINE)


def declared(site=ROOT / "site", content=ROOT / "content"):
    """The exercises as the build makes them (exercises.py), or the tool's failure."""
    return subprocess.run([DEBIAN_PYTHON, str(TOOL), str(site), str(content)],
                          capture_output=True, text=True)


def exercises():
    done = declared()
    if done.returncode != 0:
        raise AssertionError(f"exercises.py failed:\n{done.stderr}")
    found = json.loads(done.stdout)["exercises"]
    if not found:
        raise AssertionError("no exercise is declared: the checks below would check nothing")
    return found


def files(exercise):
    folder = ROOT / "content" / "lessons" / exercise["lesson"] / "exercises"
    return folder / f"{exercise['id']}.py", folder / "solutions" / f"{exercise['id']}.py"


def standard_library_only(exercise):
    return not any(LIBRARIES.search(path.read_text()) for path in files(exercise))


class Verdicts(unittest.TestCase):
    """On Debian's python3 (which has requests and aiohttp): start fails, solution passes."""

    def test_each_start_fails_and_each_solution_passes(self):
        for exercise in exercises():
            start, solution = files(exercise)
            with self.subTest(exercise=exercise["id"], file="start"):
                verdict = course_check.check(exercise, check.local_runner(str(start), DEBIAN_PYTHON))
                self.assertFalse(verdict.passed, verdict.message)
                self.assertTrue(verdict.message, "a failing verdict says what is wrong")
            with self.subTest(exercise=exercise["id"], file="solution"):
                verdict = course_check.check(exercise, check.local_runner(str(solution), DEBIAN_PYTHON))
                self.assertTrue(verdict.passed, verdict.message)

    def test_work_in_processes_counts_under_forkserver_too(self):
        """Under forkserver (3.14's default on Linux) the pool's processes are the server's
        children, whose CPU time reaches the program only once the server ends: check.py ends it."""
        exercise = next(e for e in exercises() if e["id"] == "squares-on-processes")
        _, solution = files(exercise)
        code = solution.read_text().replace(
            "with ProcessPoolExecutor() as pool:",
            "with ProcessPoolExecutor(mp_context=multiprocessing.get_context(\"forkserver\")) as pool:")
        self.assertIn("forkserver", code)
        with tempfile.TemporaryDirectory() as scratch:
            program = Path(scratch) / "forkserver.py"
            program.write_text("import multiprocessing\n" + code)
            verdict = course_check.check(exercise, check.local_runner(str(program), DEBIAN_PYTHON))
        self.assertTrue(verdict.passed, verdict.message)

    def test_the_command_prints_the_verdict_and_exits_with_it(self):
        exercise = next(e for e in exercises() if e["id"] == "lost-update")
        with tempfile.TemporaryDirectory() as scratch:
            listing = Path(scratch) / "exercises.json"
            listing.write_text(json.dumps({"exercises": exercises()}))
            command = [DEBIAN_PYTHON, str(ROOT / "site" / "python" / "check.py"), "--exercises", str(listing)]
            start, solution = files(exercise)
            failed = subprocess.run(command + ["lost-update", str(start)], capture_output=True, text=True)
            self.assertEqual(failed.returncode, 1, failed.stderr)
            self.assertRegex(failed.stdout, r"NOT YET: Run \d: [\d,]+ of 400,000: [\d,]+ updates were lost\.")
            passed = subprocess.run(command + ["lost-update", str(solution)], capture_output=True, text=True)
            self.assertEqual(passed.returncode, 0, passed.stderr)
            self.assertIn("PASS: 5 runs with frequent thread switches, 400,000 every time", passed.stdout)
            listed = subprocess.run(command, capture_output=True, text=True)
            self.assertIn("lost-update", listed.stdout)
            self.assertIn("race-conditions/exercises/lost-update.py", listed.stdout)


def each_version_test(version, python):
    name = ".".join(map(str, version))

    def test(self):
        if python is None:
            self.skipTest(f"CPython {name} not found in {PYENV}")
        chosen = [exercise for exercise in exercises() if standard_library_only(exercise)]
        self.assertTrue(chosen, "no exercise needs only the standard library")
        for exercise in chosen:
            start, solution = files(exercise)
            with self.subTest(exercise=exercise["id"]):
                self.assertFalse(course_check.check(exercise, check.local_runner(str(start), python)).passed)
                verdict = course_check.check(exercise, check.local_runner(str(solution), python))
                self.assertTrue(verdict.passed, verdict.message)

    test.__name__ = f"test_python_{version[0]}_{version[1]:02}"
    test.__doc__ = f"CPython {name}: the standard-library exercises on {python or 'pyenv, where it is'}"
    return test


class EachVersion(unittest.TestCase):
    """The exercises that need only the standard library, on each CPython of the course's range
    that pyenv has; skipped, saying so, where one is not installed."""


_found = pyenv_pythons()
for _version in VERSIONS:
    _test = each_version_test(_version, _found.get(_version))
    setattr(EachVersion, _test.__name__, _test)


class Declaration(unittest.TestCase):
    """A mistake in an exercises.toml stops exercises.py with the file, the line and the cause."""

    VALID = """
[[exercises]]
id = "first"
title = "First"
kind = "fix"
runs = "local"
goal = "Make it right."
hints = ["Look closer."]
checker = "no_deadlock"
[exercises.settings]
runs = 1
"""

    def build(self, toml, files=("first.py", "solutions/first.py")):
        with tempfile.TemporaryDirectory() as scratch:
            site, content = Path(scratch) / "site", Path(scratch) / "content"
            (site / "data").mkdir(parents=True)
            (site / "data" / "outline.toml").write_text('[[lessons]]\nlesson = "one"\n')
            shutil.copytree(ROOT / "site" / "python", site / "python",
                            ignore=shutil.ignore_patterns("__pycache__"))
            lesson = content / "lessons" / "one"
            (lesson / "exercises" / "solutions").mkdir(parents=True)
            for name in files:
                (lesson / "exercises" / name).write_text("print('hi')\n")
            (lesson / "exercises.toml").write_text(toml)
            done = declared(site, content)
            return done, str(lesson / "exercises.toml")

    def test_a_valid_declaration_builds(self):
        done, _ = self.build(self.VALID)
        self.assertEqual(done.returncode, 0, done.stderr)
        [exercise] = json.loads(done.stdout)["exercises"]
        self.assertEqual(exercise["file"], "one/exercises/first.py")

    def test_mistakes_stop_it_with_file_and_line(self):
        second = self.VALID.replace('"first"', '"second"')
        cases = {
            "an unknown checker": (self.VALID.replace('"no_deadlock"', '"no_such"'), 3, "checker 'no_such' is not one of"),
            "an unknown setting": (self.VALID.replace("runs = 1", "tries = 1"), 3, "no_deadlock has no setting tries"),
            "a kind of none of the kinds": (self.VALID.replace('"fix"', '"guess"'), 3, "kind 'guess' is none of"),
            "an id taken twice": (self.VALID + self.VALID, 3, "id 'first' is taken already"),
            "no solution file": (self.VALID + second, 14, "exercises/second.py does not exist"),
            "no hint": (self.VALID.replace('["Look closer."]', "[]"), 3, "at least one hint"),
        }
        for name, (toml, line, message) in cases.items():
            with self.subTest(name):
                done, path = self.build(toml)
                self.assertNotEqual(done.returncode, 0)
                self.assertIn(f"{path}:{line}: ", done.stderr)
                self.assertIn(message, done.stderr)


if __name__ == "__main__":
    unittest.main()
