// The browser's Python without a browser: Pyodide in Node running the course's runner, stand-ins
// and tracer (themes/course/assets/python/) against a made-up network, and the lessons' own
// programs through them. Timings are ratios with slack to what the model says they should take.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import test, { before } from 'node:test';
import { exercise, hasStackSwitching, STACK_SWITCHING_FLAG, startPython, lessonProgram } from './pyodide.mjs';

const LATENCY = 0.2; // seconds a download waits, here and in each run's network settings
const network = { latency_ms: LATENCY * 1000, jitter: 0, fail: 0, seed: null };
const pages = (count) => Array.from({ length: count }, (_, n) => `http://127.0.0.1:8000/page/${n}`);
const seconds = (stdout) => Number(stdout.match(/in (\d+\.\d+) seconds/)?.[1]);
const spans = (events, kind) => {
  const open = new Map();
  const found = [];
  for (const event of events) {
    if (event.kind === `${kind}_start`) open.set(event.task, event.time);
    if (event.kind === `${kind}_end` && open.has(event.task)) {
      found.push({ task: event.task, start: open.get(event.task), end: event.time });
      open.delete(event.task);
    }
  }
  return found;
};

if (!hasStackSwitching()) {
  // Run again with the flag (make js-test's node has none): this file's tests, in a child.
  test('the browser Python tests, with WebAssembly stack switching', () => {
    // A test runner of its own: without NODE_TEST_CONTEXT, the child would only report to this one.
    const { NODE_TEST_CONTEXT, ...env } = process.env;
    const child = spawnSync(process.execPath, [STACK_SWITCHING_FLAG, '--test', fileURLToPath(import.meta.url)], {
      encoding: 'utf8',
      env,
    });
    assert.equal(child.status, 0, `${child.stdout}\n${child.stderr}`);
  });
} else {
  let python;
  before(async () => {
    python = await startPython();
    // A first run compiles much of the interpreter's WebAssembly as it goes (V8 compiles lazily),
    // which would count in the first timing below: one small run of each program first.
    await python.run(lessonProgram('io-asyncio', 'io_asyncio.py'), {
      filename: 'io_asyncio.py',
      args: pages(4),
      network,
    });
    await python.run(lessonProgram('io-synchronous', 'io_sync.py'), {
      filename: 'io_sync.py',
      args: pages(2),
      network,
    });
  });

  test('asyncio downloads take about latency x ceil(N / limit), at most limit at once', async () => {
    const [count, limit] = [12, 4];
    const result = await python.run(lessonProgram('io-asyncio', 'io_asyncio.py'), {
      filename: 'io_asyncio.py',
      args: ['--workers', String(limit), ...pages(count)],
      network,
    });
    assert.equal(result.status, 'ok', result.error ?? result.stderr);
    assert.match(result.stdout, new RegExp(`Downloaded ${count} sites`));
    const ratio = seconds(result.stdout) / (LATENCY * Math.ceil(count / limit));
    assert.ok(ratio > 0.9 && ratio < 1.6, `took ${ratio.toFixed(2)} x the model's time`);
    assert.equal(result.mostWaiting, limit);
    assert.equal(result.fetches, count);
  });

  test("an exercise checked in the page's Python: the same checker, the stand-in server counting downloads at once", async () => {
    // The checker and settings of io-asyncio's exercises.toml for these three.
    const cases = {
      'at-most-three': [
        { checker: 'bounded', settings: { pages: 12, latency_ms: 100, limit: 3 } },
        /^Up to 12 downloads ran at once; the limit is 3\.$/,
        /^At most 3 downloads at once/,
      ],
      'one-page-fails': [
        { checker: 'survive', settings: { pages: 8, latency_ms: 100, broken: [3] } },
        /ClientResponseError.*One page failing should not stop the others\.$/,
        /^7 pages downloaded and the 1 that failed reported/,
      ],
      'blocking-call': [
        { checker: 'loop_not_blocked', settings: { pages: 8, latency_ms: 200, at_most: 0.5 } },
        /^A step held the event loop for 0\.\d\d s/,
        /^8 downloads took 0\.\d\d s/,
      ],
    };
    for (const [id, [declared, failing, passing]] of Object.entries(cases)) {
      const { start, solution } = exercise('io-asyncio', id);
      const failed = await python.check(start, declared);
      assert.equal(failed.passed, false, `${id}: ${failed.message}`);
      assert.match(failed.message, failing, id);
      const passed = await python.check(solution, declared);
      assert.equal(passed.passed, true, `${id}: ${passed.message}`);
      assert.match(passed.message, passing, id);
    }
    // What needs threads is refused, in plain words.
    const refused = await python.check('print("hi")\n', { checker: 'no_lost_update', settings: { runs: 1 } }).then(
      () => null,
      (error) => error.message,
    );
    assert.match(refused ?? '', /needs threads or processes: check it on your machine/);
  });

  test('sequential downloads take about N x latency', async () => {
    const count = 5;
    const result = await python.run(lessonProgram('io-synchronous', 'io_sync.py'), {
      filename: 'io_sync.py',
      args: pages(count),
      network,
    });
    assert.equal(result.status, 'ok', result.error ?? result.stderr);
    const ratio = seconds(result.stdout) / (LATENCY * count);
    assert.ok(ratio > 0.9 && ratio < 1.5, `took ${ratio.toFixed(2)} x the model's time`);
  });

  test("the page server's check succeeds, and its default 80 pages download", async () => {
    const result = await python.run(lessonProgram('io-asyncio', 'io_asyncio.py'), {
      filename: 'io_asyncio.py',
      network: { ...network, latency_ms: 20 },
    });
    assert.equal(result.status, 'ok', result.error ?? result.stderr);
    assert.match(result.stdout, /Downloaded 80 sites/);
    assert.equal(result.mostWaiting, 80); // aiohttp's default limit is 100
  });

  test('raise_for_status raises on a 503, in requests and aiohttp', async () => {
    const failing = { ...network, fail: 1 };
    const sync = await python.run(
      `import requests
with requests.Session() as session:
    response = session.get("http://localhost:8000/page/1", timeout=10)
    print(response.status_code, response.ok)
    try:
        response.raise_for_status()
    except requests.exceptions.HTTPError as error:
        print("HTTPError:", error)
`,
      { network: failing },
    );
    assert.equal(sync.status, 'ok', sync.error);
    assert.match(
      sync.stdout,
      /^503 False\nHTTPError: 503 Server Error: Service Unavailable for url: http:\/\/localhost:8000\/page\/1\n$/,
    );
    const asynchronous = await python.run(
      `import asyncio, aiohttp
async def main():
    async with aiohttp.ClientSession() as session:
        async with session.get("http://127.0.0.1:8000/page/1") as response:
            try:
                response.raise_for_status()
            except aiohttp.ClientResponseError as error:
                print("ClientResponseError", error.status, isinstance(error, aiohttp.ClientError))
asyncio.run(main())
`,
      { network: failing },
    );
    assert.equal(asynchronous.stdout, 'ClientResponseError 503 True\n', asynchronous.error);
  });

  test('another address is out of reach, in plain words', async () => {
    const result = await python.run(
      `import socket, requests, aiohttp, asyncio
socket.create_connection(("127.0.0.1", 8000), timeout=1).close()
print("page server up")
try:
    socket.create_connection(("example.com", 80), timeout=1)
except OSError as error:
    print("socket:", type(error).__name__)
try:
    requests.get("https://example.com/")
except requests.ConnectionError as error:
    print("requests:", error)
async def main():
    async with aiohttp.ClientSession() as session:
        try:
            await session.get("http://127.0.0.1:9999/")
        except aiohttp.ClientError as error:
            print("aiohttp:", type(error).__name__)
asyncio.run(main())
`,
      { network },
    );
    assert.equal(result.status, 'ok', result.error);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'page server up');
    assert.equal(lines[1], 'socket: ConnectionRefusedError');
    assert.match(
      lines[2],
      /^requests: The browser's Python reaches only this site's stand-in of the course's page server .*https:\/\/example\.com\//,
    );
    assert.equal(lines[3], 'aiohttp: ClientConnectorError');
  });

  test('seeded jitter gives each page the latency page_server.py gives it', async () => {
    const result = await python.run(
      `import random, threading, types, course_network, page_server
settings = course_network.configure(latency_ms=200, jitter=0.5, seed=7)
server = types.SimpleNamespace(latency=0.2, jitter=0.5, seed=7, _lock=threading.Lock(), _random=random.Random(7))
paths = [f"/page/{n}" for n in range(20)]
ours = [settings.delay(path) for path in paths]
print(ours == [page_server.PageServer.delay(server, path) for path in paths], len(set(ours)) > 10)
`,
      { network },
    );
    assert.equal(result.stdout, 'True True\n', result.error);
  });

  test('the tracer: a lane with a task per download plus the main one, their waits overlapping', async () => {
    const count = 6;
    const { status, error, events } = await python.run(lessonProgram('io-asyncio', 'io_asyncio.py'), {
      filename: 'io_asyncio.py',
      args: pages(count),
      network,
    });
    assert.equal(status, 'ok', error);
    assert.equal(events[0].kind, 'run_start');
    assert.equal(events.at(-1).kind, 'run_end');
    assert.deepEqual(new Set(events.map((event) => event.lane)), new Set([0]));
    const tasks = new Set(events.filter((event) => event.kind === 'task_start').map((event) => event.task));
    assert.equal(tasks.size, count + 1);
    assert.equal(events.filter((event) => event.kind === 'task_end').length, count + 1);
    // Every task waits (each download, and the main task for the downloads), and each download's
    // wait overlaps another download's: they wait together, on one thread.
    const waits = spans(events, 'io');
    assert.deepEqual(new Set(waits.map((wait) => wait.task)), tasks);
    const downloads = waits.filter((wait) => wait.task !== 0);
    const overlapping = new Set(
      downloads
        .filter((wait) =>
          downloads.some((other) => other.task !== wait.task && other.start < wait.end && wait.start < other.end),
        )
        .map((wait) => wait.task),
    );
    assert.equal(overlapping.size, count);
    // A task is never both waiting and running: its waits fall between its steps.
    const steps = spans(events, 'step');
    for (const wait of waits) {
      assert.ok(
        !steps.some((step) => step.task === wait.task && step.start < wait.end && wait.start < step.end),
        'a wait inside a step',
      );
    }
    for (let i = 1; i < events.length; i += 1) assert.ok(events[i].time >= events[i - 1].time, 'events in time order');
  });

  test('the tracer: time.sleep in a coroutine blocks the loop, a slow step while no other task steps', async () => {
    const { status, error, events } = await python.run(lessonProgram('io-asyncio', 'blocking_asyncio.py'), {
      filename: 'blocking_asyncio.py',
      args: ['--blocking', '--tasks', '3', '--wait', '0.15'],
      network,
    });
    assert.equal(status, 'ok', error);
    const blocked = spans(events, 'blocked');
    assert.equal(blocked.length, 3);
    const slow = events.filter((event) => event.kind === 'slow_step');
    assert.equal(slow.length, 3);
    for (const step of slow) assert.ok(step.value >= 150, `a slow step of ${step.value} ms`);
    const steps = spans(events, 'step');
    for (const span of blocked) {
      const others = steps.filter((step) => step.task !== span.task && step.start < span.end && span.start < step.end);
      assert.deepEqual(others, [], `task ${span.task} blocked the loop while others stepped`);
    }
    const awaiting = await python.run(lessonProgram('io-asyncio', 'blocking_asyncio.py'), {
      filename: 'blocking_asyncio.py',
      args: ['--tasks', '3', '--wait', '0.15'],
      network,
    });
    assert.deepEqual(spans(awaiting.events, 'blocked'), []);
    assert.deepEqual(
      awaiting.events.filter((event) => event.kind === 'slow_step'),
      [],
    );
  });

  test('the tracer: a task that raises ends failed', async () => {
    const { events, status } = await python.run(
      `import asyncio
async def fails():
    raise ValueError("no page")
async def main():
    task = asyncio.create_task(fails())
    await asyncio.gather(task, return_exceptions=True)
asyncio.run(main())
`,
      { network },
    );
    assert.equal(status, 'ok');
    assert.deepEqual(
      events.filter((event) => event.kind === 'task_failed').map((event) => event.task),
      [1],
    );
  });

  test("a traceback carries the learner's file and line, from their first frame", async () => {
    const { status, exitCode, error } = await python.run(
      'import requests\n\ndef fetch():\n    requests.get("http://example.com/")\n\nfetch()\n',
      { filename: 'mine.py', network },
    );
    assert.equal(status, 'error');
    assert.equal(exitCode, 1);
    assert.match(error, /^Traceback \(most recent call last\):\n {2}File "mine\.py", line 6, in <module>/);
    assert.match(error, /File "mine\.py", line 4, in fetch\n {4}requests\.get\("http:\/\/example\.com\/"\)/);
    assert.match(error, /requests\.ConnectionError: The browser's Python reaches only/);
    assert.doesNotMatch(error, /course_run/);
  });

  test('input() says in plain words that a program here gets no typed input', async () => {
    const { status, error } = await python.run('name = input("Your name? ")\n', { network });
    assert.equal(status, 'error');
    assert.match(error, /EOFError: input\(\) has nothing to read here: a program in this page gets no typed input/);
  });

  test("one run's globals and stand-ins' state do not reach the next", async () => {
    const first = await python.run('import requests\nrequests.left_over = 1\nleft_over = 2\nprint("set")\n', {
      network,
    });
    assert.equal(first.stdout, 'set\n');
    const second = await python.run(
      'import requests\nprint(hasattr(requests, "left_over"), "left_over" in globals())\n',
      { network },
    );
    assert.equal(second.stdout, 'False False\n', second.error);
  });
}
