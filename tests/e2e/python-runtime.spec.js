// The browser's Python, driven as a page drives it (js/python/worker.js and its messages): a
// module Worker started from the addresses the lesson page carries (partials/python/page-data.html),
// loaded on demand with progress in bytes, running a program with its output streamed, and
// stopped by the interrupt buffer at once (the 200 ms), sleeping or busy. No page UI is
// needed: a small harness in the page posts the messages the runner's UI will post.
import { readFileSync } from 'node:fs';
import { test, expect } from '../support/fixtures.js';
import { startCountingProxy } from '../support/transfer.js';
import { PORT } from '../../playwright.config.js';

const LESSON = '/lessons/io-asyncio/';
const KINDS = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync('wasm/runtime/lab/events.json', 'utf8'))).map(([name, kind]) => [
    name,
    kind.code,
  ]),
);
const program = (lesson, name) => readFileSync(`content/lessons/${lesson}/${name}`, 'utf8');

// What must not happen while Python runs, besides what the fixture's page watches: an error in the
// worker's console (a CSP refusal shows there too), a CSP violation in the page, a request to
// another origin or a failed response from the worker.
function watch(page) {
  const problems = [];
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
    }),
  );
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1')
      problems.push(`request left the site: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  return problems;
}

const watchCsp = (page) =>
  page.evaluate(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`),
    );
  });

// Starts the worker and keeps every message it posts, with its arrival time, in window.python.
async function startWorker(page) {
  await page.evaluate(() => {
    const { worker, runtime, lib, files } = document.querySelector('.python-runtime').dataset;
    const messages = [];
    const python = new Worker(worker, { type: 'module' });
    python.onmessage = ({ data }) => messages.push({ ...data, at: performance.now() });
    python.onerror = (event) => messages.push({ type: 'worker-error', message: event.message });
    const interrupt = self.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
    window.python = { worker: python, messages, interrupt };
    python.postMessage({ type: 'init', runtime, lib, files: JSON.parse(files), interrupt });
  });
  await page.waitForFunction(
    () => window.python.messages.some((m) => ['ready', 'load-failed', 'worker-error'].includes(m.type)),
    null,
    { timeout: 120_000 },
  );
  return page.evaluate(() => window.python.messages);
}

// Posts a run and waits for its done message; returns the run's messages.
async function run(page, { id, filename = 'program.py', code, args = [], network = { latency_ms: 200 } }) {
  await page.evaluate(
    (message) => {
      if (window.python.interrupt) Atomics.store(new Int32Array(window.python.interrupt), 0, 0);
      window.python.worker.postMessage({ type: 'run', ...message });
    },
    { id, filename, code, args, network },
  );
  await page.waitForFunction((runId) => window.python.messages.some((m) => m.type === 'done' && m.id === runId), id, {
    timeout: 60_000,
  });
  return page.evaluate((runId) => window.python.messages.filter((m) => m.id === runId), id);
}

const printed = (messages, stream = 'stdout') =>
  messages
    .filter((m) => m.type === 'output' && m.stream === stream)
    .map((m) => m.text)
    .join('');

test('loads on demand from the site, once, with progress in bytes, and runs a program', async ({ tab: page }) => {
  test.setTimeout(180_000);
  const proxy = await startCountingProxy(`http://127.0.0.1:${PORT}`);
  try {
    const problems = watch(page);
    await page.goto(`${proxy.origin}${LESSON}`);
    await page.waitForLoadState('load');
    await watchCsp(page);
    await proxy.idle(500);
    const runtimePaths = () => [...proxy.hits.keys()].filter((path) => /^\/(pyodide|python)\//.test(path));
    expect(runtimePaths()).toEqual([]);

    const messages = await startWorker(page);
    const failed = messages.find((m) => m.type !== 'progress' && m.type !== 'ready');
    expect(failed).toBeUndefined();
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(2);
    const { total } = progress[0];
    const files = JSON.parse(await page.locator('.python-runtime').getAttribute('data-files'));
    expect(total).toBe(Object.values(files).reduce((sum, bytes) => sum + bytes, 0));
    for (let i = 1; i < progress.length; i += 1)
      expect(progress[i].loaded).toBeGreaterThanOrEqual(progress[i - 1].loaded);
    expect(progress.at(-1).loaded).toBe(total);
    expect(messages.at(-1)).toMatchObject({ type: 'ready', python: expect.stringMatching(/^3\.\d+\.\d+$/) });

    // Each of Pyodide's files reached the server once: the loader's own requests came from the
    // HTTP cache that the progress downloads filled.
    await proxy.idle(500);
    const runtimeHits = runtimePaths().map((path) => [path, proxy.hits.get(path).count]);
    expect(
      runtimeHits
        .filter(([path]) => path.startsWith('/pyodide/'))
        .map(([path]) => path.split('/').at(-1))
        .sort(),
    ).toEqual(Object.keys(files).sort());
    expect(runtimeHits.filter(([, count]) => count !== 1)).toEqual([]);

    const done = await run(page, {
      id: 1,
      code: 'import sys\nprint("hello from", sys.argv)\n',
      args: ['--workers', '4'],
    });
    expect(printed(done)).toBe("hello from ['program.py', '--workers', '4']\n");
    expect(done.at(-1)).toMatchObject({ type: 'done', status: 'ok', code: 0, error: null });

    // A worker ended (as Stop ends one that does not stop) and a new one: it loads from the
    // browser's cache, and nothing more reaches the server.
    // The first start kept a snapshot of the started interpreter (worker.js), which the next
    // start loads: it downloads nothing to count (one progress message, at the total) and runs.
    const before = JSON.stringify(runtimeHits);
    await expect
      .poll(() => page.evaluate(async () => (await (await caches.open('course-python-snapshot')).keys()).length))
      .toBe(1);
    await page.evaluate(() => window.python.worker.terminate());
    const again = await startWorker(page);
    expect(again.at(-1).type).toBe('ready');
    expect(again.filter((m) => m.type === 'progress')).toEqual([expect.objectContaining({ loaded: total, total })]);
    const fromSnapshot = await run(page, {
      id: 2,
      code: 'import asyncio, sys\nprint("restored", sys.argv[1:])\n',
      args: ['x'],
    });
    expect(printed(fromSnapshot)).toBe("restored ['x']\n");
    await proxy.idle(500);
    expect(JSON.stringify(runtimePaths().map((path) => [path, proxy.hits.get(path).count]))).toBe(before);
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(problems).toEqual([]);
  } finally {
    await proxy.close();
  }
});

test('says in plain words why it cannot load: a missing file, no network', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(LESSON);
  await page.evaluate(() => {
    document.querySelector('.python-runtime').dataset.runtime = '/pyodide/not-published/';
  });
  const missing = (await startWorker(page)).at(-1);
  expect(missing.type).toBe('load-failed');
  // Every file of that folder is missing: the message names whichever failed first.
  expect(missing.message).toMatch(
    /^(pyodide[\w.-]*|python_stdlib\.zip) could not be downloaded: the site answered 404/,
  );
  await page.reload();
  await context.setOffline(true);
  const offline = (await startWorker(page)).at(-1);
  expect(offline.type).toBe('load-failed');
  expect(offline.message).toMatch(/could not be downloaded: the network is unreachable \(are you offline\?\)/);
  await context.close();
});

test.describe('a loaded runtime', { tag: '@timed' }, () => {
  test.describe.configure({ mode: 'serial' });
  let page;
  let problems;
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000); // a cold load: about 10 s here, several times that on a loaded machine
    page = await browser.newPage();
    problems = watch(page);
    await page.goto(LESSON);
    await watchCsp(page);
    const messages = await startWorker(page);
    expect(messages.at(-1).type).toBe('ready');
  });
  test.afterEach(async () => {
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(problems).toEqual([]);
  });
  test.afterAll(() => page.close());

  test('streams output as it is printed', async () => {
    const messages = await run(page, {
      id: 2,
      code: 'import time\nprint("first", flush=True)\ntime.sleep(0.5)\nprint("second")\n',
    });
    const outputs = messages.filter((m) => m.type === 'output');
    expect(outputs.map((m) => m.text).join('')).toBe('first\nsecond\n');
    const first = outputs.find((m) => m.text.startsWith('first'));
    const done = messages.at(-1);
    // "first" arrived while the program still slept: well before the run ended.
    expect((done.at - first.at) / 500).toBeGreaterThan(0.5);
  });

  test("a traceback shows the learner's file and line, not the runner's", async () => {
    const code = 'def fail():\n    raise ValueError("bad page")\n\nfail()\n';
    const done = (await run(page, { id: 3, filename: 'mine.py', code })).at(-1);
    expect(done).toMatchObject({ status: 'error', code: 1 });
    expect(done.error).toContain('File "mine.py", line 4, in <module>');
    expect(done.error).toContain('File "mine.py", line 2, in fail');
    expect(done.error).toContain('ValueError: bad page');
    expect(done.error).not.toContain('course_run');
    const syntax = (await run(page, { id: 4, filename: 'mine.py', code: 'print("a")\nprint(\n' })).at(-1);
    expect(syntax.status).toBe('error');
    expect(syntax.error).toMatch(/File "mine\.py", line 2/);
    // A package outside the standard library is plainly missing: the runtime knows of no package
    // (its lock file lists none), so it offers none to fetch from a CDN.
    const missing = (await run(page, { id: 40, filename: 'mine.py', code: 'import numpy\n' })).at(-1);
    expect(missing.error).toContain("ModuleNotFoundError: No module named 'numpy'");
    expect(missing.error).not.toMatch(/micropip|loadPackage|Pyodide distribution/);
  });

  test('sys.exit and argparse errors end the run with their code and message', async () => {
    const exit = await run(page, { id: 5, code: 'import sys\nsys.exit("Nothing answers")\n' });
    expect(exit.at(-1)).toMatchObject({ status: 'exit', code: 1 });
    expect(printed(exit, 'stderr')).toContain('Nothing answers');
    const parse = await run(page, {
      id: 6,
      filename: 'io_asyncio.py',
      code: program('io-asyncio', 'io_asyncio.py'),
      args: ['--workers', '0'],
    });
    expect(parse.at(-1)).toMatchObject({ status: 'exit', code: 2 });
    expect(printed(parse, 'stderr')).toContain('must be at least 1');
  });

  test("the lesson's sequential program downloads with requests, a synchronous fetch", async () => {
    const urls = ['http://127.0.0.1:8000/page/1', 'http://localhost:8000/page/2', 'http://127.0.0.1:8000/page/3'];
    const messages = await run(page, {
      id: 8,
      filename: 'io_sync.py',
      code: program('io-synchronous', 'io_sync.py'),
      args: urls,
      network: { latency_ms: 100 },
    });
    expect(messages.at(-1)).toMatchObject({ status: 'ok', error: null });
    expect(printed(messages)).toMatch(/^Downloaded 3 sites in \d+\.\d\d seconds\n$/);
  });

  test("the lesson's asyncio program downloads from the stand-in page server", async () => {
    const messages = await run(page, {
      id: 7,
      filename: 'io_asyncio.py',
      code: program('io-asyncio', 'io_asyncio.py'),
      args: ['--workers', '20'],
    });
    expect(messages.at(-1)).toMatchObject({ status: 'ok', error: null });
    expect(printed(messages)).toMatch(/^Downloaded 80 sites in \d+\.\d\d seconds\n$/);
    const events = messages.filter((m) => m.type === 'events').flatMap((m) => m.events);
    expect(events.length).toBeGreaterThan(80 * 4);
    expect(
      events.filter((event) => !(typeof event.time === 'number' && event.lane === 0 && Number.isInteger(event.task))),
    ).toEqual([]);
    expect(events[0].kind).toBe(KINDS.run_start);
    expect(events.at(-1).kind).toBe(KINDS.run_end);
    expect(events.filter((event) => event.kind === KINDS.task_start)).toHaveLength(81); // main + 80 downloads
    // Each task waits between its steps: each download, and the main task for the downloads.
    expect(new Set(events.filter((event) => event.kind === KINDS.io_start).map((event) => event.task)).size).toBe(81);
  });

  test('time.sleep in a coroutine stops every other task: blocked spans and slow steps', async () => {
    const code = program('io-asyncio', 'blocking_asyncio.py');
    const args = ['--tasks', '3', '--wait', '0.2'];
    const awaiting = await run(page, { id: 9, filename: 'blocking_asyncio.py', code, args });
    const blocking = await run(page, { id: 10, filename: 'blocking_asyncio.py', code, args: [...args, '--blocking'] });
    const took = (messages) => Number(printed(messages).match(/in (\d+\.\d+) seconds/)[1]);
    // Awaited, the three waits overlap: about one wait in all. Blocking, one after another: three.
    const overlapping = took(awaiting) / 0.2;
    const oneAfterAnother = took(blocking) / (3 * 0.2);
    expect(overlapping, `${took(awaiting)} s`).toBeGreaterThan(0.9);
    expect(overlapping, `${took(awaiting)} s`).toBeLessThan(1.6);
    expect(oneAfterAnother, `${took(blocking)} s`).toBeGreaterThan(0.9);
    expect(oneAfterAnother, `${took(blocking)} s`).toBeLessThan(1.6);
    const events = blocking.filter((m) => m.type === 'events').flatMap((m) => m.events);
    const count = (name) => events.filter((event) => event.kind === KINDS[name]).length;
    expect(count('blocked_start')).toBe(3);
    expect(count('slow_step')).toBe(3);
    const quiet = awaiting.filter((m) => m.type === 'events').flatMap((m) => m.events);
    expect(quiet.filter((event) => event.kind === KINDS.blocked_start)).toEqual([]);
  });

  // Each program prints, then waits a minute or computes for good; Stop must end it at once, on
  // the main thread and inside a coroutine on the event loop alike. The goal is 200 ms;
  // the check is a ratio to the minute the learner would otherwise wait, with room for a busy
  // machine (runs here stop in 2-24 ms, a 2500th of it to a 25000th).
  const WAIT_S = 60;
  const STOP_SLACK = 1 / 200;
  const forever = {
    [`time.sleep(${WAIT_S})`]: `import time\nprint("started", flush=True)\ntime.sleep(${WAIT_S})\n`,
    'while True: pass': 'print("started", flush=True)\nwhile True: pass\n',
    [`time.sleep(${WAIT_S}) in a coroutine`]: `import asyncio, time\nasync def main():\n    print("started", flush=True)\n    time.sleep(${WAIT_S})\nasyncio.run(main())\n`,
    'while True: pass in a coroutine':
      'import asyncio\nasync def main():\n    print("started", flush=True)\n    while True: pass\nasyncio.run(main())\n',
    [`await asyncio.sleep(${WAIT_S})`]: `import asyncio\nasync def main():\n    print("started", flush=True)\n    await asyncio.sleep(${WAIT_S})\nasyncio.run(main())\n`,
    [`a download that waits ${WAIT_S} s`]:
      'import asyncio, aiohttp\nasync def main():\n    async with aiohttp.ClientSession() as session:\n        print("started", flush=True)\n        async with session.get("http://127.0.0.1:8000/page/1") as response:\n            await response.read()\nasyncio.run(main())\n',
    'a busy task among waiting ones': `import asyncio\nasync def busy():\n    print("started", flush=True)\n    while True: pass\nasync def main():\n    await asyncio.gather(busy(), asyncio.sleep(${WAIT_S}), asyncio.sleep(${WAIT_S}))\nasyncio.run(main())\n`,
  };
  let stopId = 100;
  for (const [name, code] of Object.entries(forever)) {
    test(`Stop ends ${name} at once, and the next run works`, async () => {
      stopId += 1;
      const id = stopId;
      await page.evaluate(
        ({ id, code, latency_ms }) => {
          const { worker, interrupt, messages } = window.python;
          Atomics.store(new Int32Array(interrupt), 0, 0);
          worker.postMessage({
            type: 'run',
            id,
            filename: 'forever.py',
            code,
            args: [],
            network: { latency_ms },
          });
          return new Promise((resolve) => {
            const started = setInterval(() => {
              if (!messages.some((m) => m.id === id && m.type === 'output')) return;
              clearInterval(started);
              setTimeout(() => {
                // let it settle into its wait
                window.python.stoppedAt = performance.now();
                Atomics.store(new Int32Array(interrupt), 0, 2); // SIGINT, as the page's Stop does
                resolve();
              }, 300);
            }, 10);
          });
        },
        { id, code, latency_ms: WAIT_S * 1000 },
      );
      await page.waitForFunction(
        (runId) => window.python.messages.some((m) => m.type === 'done' && m.id === runId),
        id,
        { timeout: 10_000 },
      );
      const { done, stoppedAt } = await page.evaluate(
        (runId) => ({
          done: window.python.messages.find((m) => m.type === 'done' && m.id === runId),
          stoppedAt: window.python.stoppedAt,
        }),
        id,
      );
      expect(done).toMatchObject({ status: 'stopped', error: null });
      test.info().annotations.push({ type: 'stopped after', description: `${Math.round(done.at - stoppedAt)} ms` });
      expect((done.at - stoppedAt) / (WAIT_S * 1000), 'Stop against the wait it ended').toBeLessThan(STOP_SLACK);
      expect((await run(page, { id: id + 1000, code: 'print(6 * 7)\n' })).at(-1)).toMatchObject({ status: 'ok' });
    });
  }
});
