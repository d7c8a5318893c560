"""Runs a learner's program in the browser's Python as `python3 FILENAME ARGS...` would.

The worker (js/python/worker.js) calls install() once, then run() for each Run. A run gets a
fresh __main__ module and fresh copies of the course's stand-ins, so that nothing a program
defined or imported from the course survives into the next; the standard library's modules stay
loaded, as they are cheap to keep and slow to import again. Tracebacks show the learner's file
and lines, without the runner's and the tracer's frames.

Stop (the page stores 2 in the interrupt buffer) ends any program within a few dozen ms:
- a busy loop: the interpreter looks at the buffer every few dozen bytecodes and raises
  KeyboardInterrupt;
- time.sleep: Pyodide's does not look at the buffer (measured in Chromium: a 5 s sleep ran its
  5 s after Stop); and under stack switching it returns to JavaScript, letting the event loop run
  other tasks, unlike CPython's. So sleep() below replaces it: it blocks the thread, as CPython's
  does (a time.sleep in a coroutine stops every other task, as the lessons show), waiting on the
  buffer itself in 10 ms slices;
- a program whose tasks all await: no Python runs to notice, so the worker calls
  interrupt_idle();
- a KeyboardInterrupt raised in a task: end_as_cpython() makes it end asyncio.run.
While a program runs, SIGINT (what the interpreter raises for Stop) is _stop(): asyncio.run's own
handler would only cancel the main task at the first one, which a busy task never notices (in a
terminal, a second Ctrl+C ends it); Stop must end it at once.
"""
import asyncio
import builtins
import json
import linecache
import os
import signal
import sys
import time
import traceback
import types

import course_network
import course_trace

# The course's modules a program may import: imported afresh by each run.
STAND_INS = ("requests", "aiohttp")
SLICE_SECONDS = 0.01  # how long a sleep waits before it looks at the interrupt buffer again
# Imported once at start, so that a program's first run does not wait for them.
PRELOAD = ("asyncio", "argparse", "json", "random", "socket", "collections", "dataclasses")

_interrupt = None      # the page's Int32Array over its SharedArrayBuffer, or None
_flush_output = None   # the worker's: post what the program printed so far
_pyodide_sleep = time.sleep
_blocking_sleep = None  # a sleep that blocks the thread, as CPython's does


def install(interrupt, flush_output, page_url, event_codes, post_events, wake):
    """Once per worker, after Pyodide has loaded."""
    global _interrupt, _flush_output, _blocking_sleep
    # A typed array, or JavaScript's null where the page is not isolated (no SharedArrayBuffer).
    _interrupt = interrupt if getattr(interrupt, "BYTES_PER_ELEMENT", None) else None
    _flush_output = flush_output
    try:  # Pyodide's time.sleep may suspend to JavaScript; the one it replaced blocks
        from pyodide.webloop import _orig_sleep as _blocking_sleep
    except ImportError:
        _blocking_sleep = _pyodide_sleep
    time.sleep = sleep
    builtins.input = no_input
    course_network.install(page_url)
    course_trace.install(event_codes, post_events, wake)
    # Every event loop ends a run as CPython's asyncio.run does.
    course_trace.on_every_loop(end_as_cpython)
    preload()


def preload():
    """Import what the lessons' programs use (the worker calls it before it keeps a snapshot of
    the started interpreter, so that a start from the snapshot has them too)."""
    for name in PRELOAD:
        __import__(name)


def sleep(seconds):
    """time.sleep that ends with KeyboardInterrupt when Stop is pressed, and shows on the timeline
    as blocking the loop when a coroutine calls it."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    _flush()  # what was printed before a long wait shows before it
    with course_trace.blocking():
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            _wait(min(left, SLICE_SECONDS))


def no_input(prompt=""):
    """input(): the page has no keyboard for a running program (its stdin is empty)."""
    print(prompt, end="", flush=True)
    raise EOFError("input() has nothing to read here: a program in this page gets no typed "
                   "input. Give it values as arguments instead (sys.argv, argparse).")


def interrupt_idle():
    """Stop, while every task awaits (asyncio.sleep, a download): no Python runs then, so the
    interpreter never looks at the interrupt buffer; the worker's timer, which can run only
    then, takes the signal out of the buffer and calls this. The KeyboardInterrupt is raised on
    the loop, where end_as_cpython turns it into the end of asyncio.run, as if the interpreter
    had noticed Stop itself."""
    asyncio.get_event_loop().call_soon(_raise_keyboard_interrupt)


def _raise_keyboard_interrupt():
    raise KeyboardInterrupt


def _wait(seconds):
    if _interrupt is None:
        _blocking_sleep(seconds)
        return
    from js import Atomics
    # Returns at once if Stop has stored a signal, or when the page notifies, or after seconds.
    Atomics.wait(_interrupt, 0, 0, seconds * 1000)
    if _interrupt[0] != 0:
        _interrupt[0] = 0  # handled here, as the interpreter would: no second interrupt later
        raise KeyboardInterrupt


def end_as_cpython(loop):
    """Pyodide's loop differs from CPython's in two ways a learner would see. A KeyboardInterrupt
    (Stop) or SystemExit raised in a task escapes to JavaScript instead of ending asyncio.run, which
    then waits for good; here it ends the run_until_complete under way and is raised from it. And
    tasks left running when the main coroutine returns keep running (their output would show in a
    later run); here they are cancelled and awaited, as asyncio.run does."""
    if getattr(loop, "_course_ends", False):
        return loop
    run_until_complete = loop.run_until_complete
    waiting = []  # a future per run_until_complete under way, done when its task is
    ending = []   # the KeyboardInterrupt or SystemExit a task raised

    def release(exception):
        if not waiting:
            return  # no asyncio.run under way: a Stop that came as the program ended
        ending.append(exception)
        for finished in waiting:
            if not finished.done():
                finished.set_result(None)

    def run(main):
        if not waiting:
            ending.clear()
        task = asyncio.ensure_future(main, loop=loop)
        finished = loop.create_future()
        waiting.append(finished)
        task.add_done_callback(lambda _: finished.done() or finished.set_result(None))
        try:
            run_until_complete(finished)
        finally:
            waiting.remove(finished)
            if not waiting:
                _cancel_left_over(loop, run_until_complete)
        if ending:
            raise ending.pop()
        return task.result()

    loop.run_until_complete = run
    loop._keyboard_interrupt_handler = lambda: release(KeyboardInterrupt())
    loop._system_exit_handler = lambda code: release(SystemExit(code))
    loop._course_ends = True
    return loop


def _cancel_left_over(loop, run_until_complete):
    left = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in left:
        task.cancel()
    if left:
        run_until_complete(asyncio.gather(*left, return_exceptions=True))


def _flush():
    """Post what the program printed and what its tasks did so far: before a long wait, so that
    the page shows it now, not when the wait ends."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    course_trace.flush()
    if _flush_output is not None:
        _flush_output()


# What warm_up() runs: the lessons' kinds of download, a few of each, with no latency.
WARM_UP = """
import asyncio, aiohttp, requests
async def download(session, url):
    async with session.get(url) as response:
        response.raise_for_status()
        return len(await response.read())
async def main():
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=8)) as session:
        async with asyncio.TaskGroup() as group:
            for n in range(24):
                group.create_task(download(session, f"http://127.0.0.1:8000/page/{n}"))
asyncio.run(main())
with requests.Session() as session:
    for n in range(4):
        with session.get(f"http://127.0.0.1:8000/page/{n}", timeout=10) as response:
            response.raise_for_status()
"""


def warm_up():
    """Run a small download program once, unseen, before the learner's first run. The browser
    compiles the interpreter's WebAssembly as it first runs each part of it, which made a first
    run of io_asyncio.py print 4.6 s where later ones printed 0.9 s (a loaded 2-core machine);
    a course about timing should not start with a wrong time. It also puts the stand-ins' page in
    the HTTP cache."""
    status, _, error = run("warm_up.py", WARM_UP, [], '{"latency_ms": 0}', 0, trace=False)
    os.remove(os.path.join(os.getcwd(), "warm_up.py"))
    if status != "ok":
        raise RuntimeError(f"The runtime's warm-up run failed: {error}")


def run(filename, code, args, network_json, clock_ms, trace=True):
    """Run code as the program filename with args; return (status, exit code, traceback text).

    network_json: the run's network settings (course_network.configure's arguments), as JSON,
    which keeps JavaScript's null a plain None. status: 'ok', 'exit' (SystemExit, with its code),
    'error' (an exception: the traceback, from the learner's first frame) or 'stopped'
    (KeyboardInterrupt: Stop).
    """
    network = json.loads(network_json or "{}")
    settings = ("latency_ms", "jitter", "fail", "seed", "broken", "stalled", "stall")
    course_network.configure(**{key: network[key] for key in settings
                                if network.get(key) is not None})
    _forget_stand_ins()
    module = types.ModuleType("__main__")
    module.__file__ = filename
    module.__builtins__ = builtins
    saved = sys.modules.get("__main__"), sys.argv
    sys.modules["__main__"], sys.argv = module, [filename, *map(str, args)]
    _write_source(filename, code)
    status, exit_code, error = "ok", 0, None
    if trace:
        course_trace.begin(clock_ms)
    handler = signal.signal(signal.SIGINT, _stop)
    try:
        exec(compile(code, filename, "exec", dont_inherit=True), module.__dict__)
    except SystemExit as exit:
        status, exit_code = "exit", _exit_code(exit)
    except KeyboardInterrupt:
        status, exit_code = "stopped", 130  # what a shell reports for a program ended by Ctrl+C
    except BaseException as exception:
        status, exit_code, error = "error", 1, learner_traceback(exception, filename)
    finally:
        signal.signal(signal.SIGINT, handler)
        sys.modules["__main__"], sys.argv = saved
        _flush()
        if trace:
            course_trace.end(status)
    return status, exit_code, error


def _stop(signum, frame):
    raise KeyboardInterrupt


def _exit_code(exit):
    """sys.exit(code): None is 0, a number itself, anything else printed on stderr and 1."""
    if exit.code is None:
        return 0
    if isinstance(exit.code, int):
        return exit.code
    print(exit.code, file=sys.stderr)
    return 1


def learner_traceback(exception, filename):
    """The traceback as Python prints it, without the course's own frames: the runner's (above the
    learner's first line) and the tracer's (between each task's frames). A SyntaxError has none:
    its file, line and caret say where."""
    report = traceback.TracebackException.from_exception(exception)
    _hide_course_frames(report, set())
    return "".join(report.format())


# The files whose frames a learner never needs to see: the runner and the tracer.
HIDDEN_FILES = {__file__, course_trace.__file__}


def _hide_course_frames(report, seen):
    if report is None or id(report) in seen:
        return
    seen.add(id(report))
    report.stack = traceback.StackSummary.from_list(
        [frame for frame in report.stack if frame.filename not in HIDDEN_FILES])
    for other in (report.__cause__, report.__context__, *(report.exceptions or ())):
        _hide_course_frames(other, seen)


def _write_source(filename, code):
    """The program as a file in the working folder: its tracebacks quote its lines, and a program
    that reads its own file (__file__) finds it."""
    path = os.path.join(os.getcwd(), os.path.basename(filename))
    with open(path, "w", encoding="utf-8") as file:
        file.write(code)
    linecache.checkcache(filename)


def _forget_stand_ins():
    for name in list(sys.modules):
        if name.split(".")[0] in STAND_INS:
            del sys.modules[name]
