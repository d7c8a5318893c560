"""The timeline of a learner's run, taken from asyncio itself, as the lab's events.

Every event loop's create_task (install() wraps asyncio's loop creation) wraps each task's
coroutine in a TracedCoroutine: each time the loop resumes the task (send or throw) is a
step, timed; a step that holds the loop longer than its slow_callback_duration (0.1 s, asyncio's
own threshold for its debug warning) is a slow step. A step that ends on a future still pending
(a sleep, a download, another task) leaves its task waiting (io) until that future is done; from
then until its next step the task is ready, waiting for the loop. A blocking call made inside a
step (time.sleep, a requests download: course_run and the stand-ins mark them) blocks the loop
(blocked); in a program without a loop, a requests download is its wait (io). Everything is on one lane: the event loop, or the main thread of a program without
one, which is task 0. The main coroutine of the first asyncio.run is task 0 too.

Events are kept in a list and posted in batches (post()), at most every 50 ms while Python runs,
or when the worker's timer asks: tracing costs a list append per event, not a message.
"""
import asyncio
import collections.abc
import json
import time

LANE = 0
BATCH_SECONDS = 0.05

codes = {}          # event kind name -> code, from the lab's events.json (the worker passes them)
_post = None        # the worker's function taking a JSON list of events
_wake = None        # asks the worker to call flush() soon, when the loop is idle
_offset_ms = 0.0    # perf_counter() in ms + this: the page's clock, timeOrigin + now()
_events = []
_last_flush = 0.0
_recording = False
_next_task = 0
_main_task_free = True  # task 0 is the program; the first asyncio task takes it over
_steps = []             # the task ids whose step runs now (a stack: run_until_complete may nest)
_blocked = 0            # depth of blocking calls in the running step: only the outermost shows
slow_steps = []         # the run's steps longer than their loop's slow_callback_duration, seconds


def now_ms():
    return time.perf_counter() * 1000 + _offset_ms


def emit(kind, task, value=0):
    global _last_flush
    if not _recording:
        return
    _events.append((now_ms(), codes[kind], LANE, task, value))
    if len(_events) == 1 and _wake is not None:
        _wake()  # the worker flushes in 50 ms if Python is idle by then
    if time.perf_counter() - _last_flush >= BATCH_SECONDS:
        flush()


def flush():
    """Post the events kept so far (the worker's timer and the end of a run call it too)."""
    global _events, _last_flush
    _last_flush = time.perf_counter()
    if _events and _post is not None:
        batch, _events = _events, []
        _post(json.dumps(batch))


def begin(clock_ms):
    """A run starts: clock_ms is the page's clock now, which every event's time follows."""
    global _offset_ms, _recording, _next_task, _main_task_free, _steps, _blocked, _events
    _offset_ms = clock_ms - time.perf_counter() * 1000
    _events, _steps, _blocked = [], [], 0
    slow_steps.clear()
    _recording, _next_task, _main_task_free = True, 1, True
    emit("run_start", 0, 1)
    emit("task_start", 0)


def end(status):
    """The run ended: 'ok', 'exit', 'error' or 'stopped'. Task 0 ends with the program."""
    global _recording
    while _steps:  # a KeyboardInterrupt can leave a step unclosed
        emit("step_end", _steps.pop())
    ending = {"ok": "task_end", "exit": "task_end", "error": "task_failed"}
    emit(ending.get(status, "task_cancelled"), 0)
    emit("run_end", 0, 1 if status == "stopped" else 0)
    flush()
    _recording = False


def running_task():
    """The id of the task whose step runs now, or None outside any step."""
    return _steps[-1] if _steps else None


class blocking:
    """with blocking(): a blocking call. Inside a step it blocks the loop (blocked_start/end on
    that task; a blocking call within one, such as the sleep of a requests download, adds
    nothing); outside any step, in a program without a loop, it is the program's wait on I/O
    when io=True, and plain running otherwise."""

    def __init__(self, io=False):
        self.io = io
        self.kind = None
        self.nested = False

    def __enter__(self):
        global _blocked
        task = running_task()
        if task is not None:
            _blocked += 1
            self.nested = True
            if _blocked == 1:
                self.kind, self.task = "blocked", task
        elif self.io:
            self.kind, self.task = "io", 0
        if self.kind:
            emit(f"{self.kind}_start", self.task)
        return self

    def __exit__(self, *exc):
        global _blocked
        if self.nested:
            _blocked = max(0, _blocked - 1)
        if self.kind:
            emit(f"{self.kind}_end", self.task)


class TracedCoroutine(collections.abc.Coroutine):
    """A task's coroutine whose every step (send, throw) is timed and recorded."""

    def __init__(self, coro, task, slow_seconds):
        self._coro = coro
        self._task = task
        self._slow = slow_seconds
        self.__name__ = getattr(coro, "__name__", type(coro).__name__)
        self.__qualname__ = getattr(coro, "__qualname__", self.__name__)

    def send(self, value):
        return self._step(self._coro.send, value)

    def throw(self, *args):
        return self._step(self._coro.throw, *args)

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()

    def __getattr__(self, name):  # cr_code, cr_frame, ...: asyncio's repr and debug read them
        return getattr(self._coro, name)

    def _step(self, resume, *args):
        global _blocked
        task = self._task
        started = time.perf_counter()
        _steps.append(task)
        _blocked = 0
        emit("step_start", task)
        ending = None
        awaited = None
        try:
            awaited = resume(*args)
            return awaited
        except StopIteration:
            ending = "task_end"
            raise
        except (asyncio.CancelledError, GeneratorExit):
            ending = "task_cancelled"
            raise
        except BaseException:
            ending = "task_failed"
            raise
        finally:
            if _steps and _steps[-1] == task:
                _steps.pop()
            _blocked = 0
            seconds = time.perf_counter() - started
            if seconds > self._slow:
                slow_steps.append(seconds)
                emit("slow_step", task, round(seconds * 1000))
            emit("step_end", task)
            if ending and task != 0:
                emit(ending, task)  # task 0's end is the program's (end())
            elif asyncio.isfuture(awaited) and not awaited.done():
                # The task waits for it; its done callbacks run, in order, when the loop
                # learns it is done, this one just before the task's own wake-up.
                emit("io_start", task)
                awaited.add_done_callback(lambda _: emit("io_end", task))


_internal = set()  # the code of the course's own coroutines, whose tasks are not the program's


def internal(function):
    """Decorates a coroutine function of the course's own (a stand-in's helper) whose tasks are
    its machinery, not the learner's: they are not drawn; the task that awaits one waits."""
    _internal.add(function.__code__)
    return function


def _traced(loop, coro):
    """coro wrapped so that its task's steps are recorded, under the task's new id."""
    global _next_task, _main_task_free
    if _main_task_free:
        task, _main_task_free = 0, False
    else:
        task, _next_task = _next_task, _next_task + 1
        emit("task_start", task)
    return TracedCoroutine(coro, task, getattr(loop, "slow_callback_duration", 0.1))


def trace_loop(loop):
    """Trace every task loop creates: asyncio.create_task, gather, TaskGroup and asyncio.run all
    go through loop.create_task. (Not loop.set_task_factory: Pyodide 314's loop, given a factory,
    calls asyncio.tasks._set_task_name, which Python 3.13 removed.)"""
    if getattr(loop, "_course_traced", False):
        return loop
    create_task = loop.create_task

    def create_traced_task(coro, **kwargs):
        if getattr(coro, "cr_code", None) in _internal:
            return create_task(coro, **kwargs)
        return create_task(_traced(loop, coro), **kwargs)

    loop.create_task = create_traced_task
    loop._course_traced = True
    return loop


def install(event_codes, post, wake=None):
    """Once, in the worker: the kinds' codes, where batches go, and tracing on every loop."""
    global codes, _post, _wake
    codes, _post, _wake = dict(event_codes), post, wake
    on_every_loop(trace_loop)


def on_every_loop(prepare):
    """prepare(loop) on the current event loop and on every loop made from now on (asyncio.run
    makes one per run), each time the policy makes one."""
    policy = asyncio.get_event_loop_policy()
    make_loop = policy.new_event_loop

    def new_event_loop():
        return prepare(make_loop())

    policy.new_event_loop = new_event_loop
    prepare(policy.get_event_loop())
