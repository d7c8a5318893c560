"""Runs the Python tests (test_*.py beside this file) in three processes at once, then prints
each one's report in turn and exits with failure if any failed.

    /usr/bin/python3 tests/python/run.py

Two processes share the per-version tests (EachVersion: the programs and the exercises on each
CPython that pyenv has; every other version in each), the third runs everything else. Run one
after another, they keep about 0.6 of a core busy: most of their time is spent waiting on the
programs they start (sleeps, the page server's latency, processes starting up). The timing
checks among them are ratios of waits with slack, or bounds between a program's waits overlapped
and one after another with room for a slow start (an exercise's `quicker`), which other processes
beside them do not upset.
"""
import subprocess
import sys
import unittest
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_ids(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from test_ids(test)
        else:
            yield test.id()


def run(ids):
    """Runs the tests `ids` in a process of their own; returns (status, report)."""
    done = subprocess.run([sys.executable, "-m", "unittest", "-v", *ids], cwd=HERE,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode, done.stdout


def main():
    ids = list(test_ids(unittest.TestLoader().discover(str(HERE))))
    # (A module that fails to import is a test of unittest.loader among the rest: it reports why.)
    per_version = [name for name in ids if ".EachVersion." in name]
    rest = [name for name in ids if name not in per_version]
    # test_python_3_08, _3_09, ...: odd and even minor versions apart.
    odd = [name for name in per_version if int(name[-2:]) % 2]
    even = [name for name in per_version if name not in odd]
    groups = [rest, odd, even]
    if not all(groups):
        sys.exit(f"run.py: expected other tests and per-version tests of odd and even versions, "
                 f"found {[len(group) for group in groups]} in {HERE}")
    with ThreadPoolExecutor(len(groups)) as pool:
        results = list(pool.map(run, groups))
    for status, report in results:
        print(report, end="")
    failed = [status for status, _ in results if status != 0]
    print(f"run.py: {len(ids)} tests in {len(groups)} processes, "
          f"{'failed' if failed else 'all passed'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
