// The browser's Python: a module Worker that loads Pyodide from the site's own files when the page
// asks, then runs the learner's programs one at a time and streams back what they print and what
// their tasks do, as the lab's events. The Python side of a run is assets/python/course_run.py;
// the addresses come from layouts/partials/python/runtime.html. Messages:
//
// page → worker
//   {type: 'init', runtime, lib, files: {name: bytes}, interrupt: SharedArrayBuffer(4) | null}
//   {type: 'run', id, filename, code, args: [str], network: {latency_ms, jitter, fail, seed},
//    check: {checker, settings} | absent}
//     Stop stores 2 (SIGINT) in Int32Array(interrupt)[0]; the page stores 0 before each run.
//     With `check`, an exercise's declaration, the code is checked (course_exercise.py): run as
//     the checker runs it, and judged.
// worker → page
//   {type: 'progress', loaded, total}          bytes of `files`, while they download
//   {type: 'ready', python: '3.14.2'} or {type: 'load-failed', message}   (plain words)
//   {type: 'output', id, stream: 'stdout' | 'stderr', text}
//   {type: 'events', id, events: [{time, kind, lane, task, value}]}   (js/lab/events.js's shape)
//   {type: 'done', id, status: 'ok' | 'exit' | 'error' | 'stopped', code, error: traceback | null,
//    verdict: {passed, message} (a check only)}
import { events as eventCodes, lock, modules } from '@params';
import { interruptView } from './interrupt.js';

// Output and events are posted in batches, every 50 ms while a program runs, not per print; but
// the first few messages of each 50 ms go at once. A timer cannot post the rest while Python
// holds the thread (a busy loop), so without them a line printed just before `while True: pass`
// would show only when Stop ends the loop.
const BATCH_MS = 50;
const AT_ONCE = 8;
// How often an awaiting program's worker looks for Stop (well within the 200 ms).
const STOP_POLL_MS = 20;
const clockNow = () => performance.timeOrigin + performance.now();

let python = null; // Pyodide, once loaded
let runner = null; // course_run.run
let runId = null; // the run whose output and events are being posted
let queue = []; // output and event messages not posted yet, in order
let lastPost = 0;
let windowStart = 0; // the current 50 ms, and how many posts went at once in it
let postedAtOnce = 0;
let timer = null;
let flushEvents = null; // course_trace.flush, called when Python is idle
let interruptBuffer = null; // the page's Int32Array: Stop stores 2 in it
let interruptIdle = null; // course_run.interrupt_idle: Stop while every task awaits
let work = Promise.resolve(); // messages are handled one after another

self.onmessage = ({ data }) => {
  work = work.then(() => (data.type === 'init' ? init(data) : data.type === 'run' ? run(data) : null));
};

// Fetches url, counting its bytes as they arrive; the body is dropped, as the point is to have
// the file in the HTTP cache (the files are immutable, cached for a year) when Pyodide asks for it.
async function download(url, name, count) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(`${name} could not be downloaded: the network is unreachable (are you offline?).`);
  }
  if (!response.ok) {
    const answer = [response.status, response.statusText].filter(Boolean).join(' ');
    throw new Error(`${name} could not be downloaded: the site answered ${answer}.`);
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    count(value.byteLength);
  }
}

async function init({ runtime, lib, files, interrupt }) {
  const total = Object.values(files).reduce((sum, bytes) => sum + bytes, 0);
  let loaded = 0;
  let lastProgress = 0;
  const progress = (bytes) => {
    loaded += bytes;
    const now = performance.now();
    if (now - lastProgress >= BATCH_MS) {
      lastProgress = now;
      self.postMessage({ type: 'progress', loaded: Math.min(loaded, total), total });
    }
  };
  try {
    const snapshot = await keptSnapshot(runtime, lib);
    // With a snapshot the files are in the browser's cache already: nothing to show.
    if (!snapshot.bytes) await Promise.all(Object.keys(files).map((name) => download(runtime + name, name, progress)));
    self.postMessage({ type: 'progress', loaded: total, total });
    const { loadPyodide } = await import(/* a URL known only at run time */ runtime + 'pyodide.mjs');
    python = await startPython(loadPyodide, runtime, lib, snapshot);
    await connectCourseModules(lib, interrupt);
    await python.pyimport('course_run').warm_up.callPromising();
  } catch (error) {
    self.postMessage({ type: 'load-failed', message: error.message ?? String(error) });
    return;
  }
  // `fetched`: every address this worker loaded (the runtime's files, the course's modules), which
  // the page cannot see: the runner passes them to keepOffline() (js/site/offline.js).
  self.postMessage({
    type: 'ready',
    python: python.runPython("import sys; '%d.%d.%d' % sys.version_info[:3]"),
    fetched: performance.getEntriesByType('resource').map((entry) => entry.name),
  });
}

// Starting the interpreter takes seconds, most of it the same every time (about 5 s on a busy
// 2-core machine, in Node too): the first start keeps a snapshot of its memory, and the next
// starts from it (about 1.3 s there). It is kept in the Cache Storage under an address made of
// the runtime's and the course modules' folders, which change with their files, only the newest
// kept; where storage is blocked, or a snapshot does not load, Python starts as it did the first
// time. The snapshot is taken once the course's modules are imported and before they are given
// anything that refers to the page (output, interrupt), as Pyodide requires.
const SNAPSHOT_CACHE = 'course-python-snapshot';
// The lock file's contents come with this script (layouts/partials/python/runtime.html): its ABI
// version and no package, so that the runtime fetches no lock file and offers no package.
const PYTHON_OPTIONS = { env: { HOME: '/home/pyodide' }, lockFileContents: lock };
const COURSE_FOLDER = '/home/pyodide/course';

async function keptSnapshot(runtime, lib) {
  const key = new URL(`${runtime}interpreter.snapshot?course=${encodeURIComponent(lib)}`, self.location.href).href;
  const cache = self.caches ? await self.caches.open(SNAPSHOT_CACHE).catch(() => null) : null;
  const kept = await cache?.match(key).catch(() => null);
  const bytes = kept ? await kept.arrayBuffer().catch(() => null) : null;
  return { cache, key, bytes };
}

async function startPython(loadPyodide, runtime, lib, { cache, key, bytes }) {
  if (bytes) {
    try {
      const started = await loadPyodide({ ...PYTHON_OPTIONS, indexURL: runtime, _loadSnapshot: bytes });
      await writeCourseModules(started, lib); // files are not part of the snapshot: memory is
      return started;
    } catch {
      await cache.delete(key).catch(() => {});
    }
  }
  const started = await loadPyodide({ ...PYTHON_OPTIONS, indexURL: runtime, _makeSnapshot: Boolean(cache) });
  await writeCourseModules(started, lib);
  started.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(COURSE_FOLDER)})`);
  started.pyimport('course_run').preload();
  if (cache) {
    try {
      const snapshot = started.makeMemorySnapshot();
      // In the background: the learner does not wait for the write.
      (async () => {
        for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
        await cache.put(key, new Response(snapshot));
      })().catch(() => {});
    } catch {
      // No snapshot this time: the next start is a full one too.
    }
  }
  return started;
}

// The course's Python (the stand-ins, the tracer, the runner) into a folder on sys.path.
async function writeCourseModules(started, lib) {
  started.FS.mkdirTree(COURSE_FOLDER);
  await Promise.all(
    modules
      .filter((name) => name.endsWith('.py'))
      .map(async (name) => {
        const response = await fetch(lib + name);
        if (!response.ok) throw new Error(`${name} could not be downloaded: the site answered ${response.status}.`);
        started.FS.writeFile(`${COURSE_FOLDER}/${name}`, new Uint8Array(await response.arrayBuffer()));
      }),
  );
}

// Gives the course's modules what refers to the page: the interrupt buffer, the output, the
// events' way out.
async function connectCourseModules(lib, interrupt) {
  const buffer = interrupt ? new Int32Array(interrupt) : null;
  if (buffer) python.setInterruptBuffer(interruptView(buffer));
  for (const stream of ['stdout', 'stderr']) {
    const decoder = new TextDecoder();
    const write = (bytes) => {
      const text = decoder.decode(bytes, { stream: true });
      if (text) send({ type: 'output', stream, text });
      return bytes.length;
    };
    (stream === 'stdout' ? python.setStdout : python.setStderr)({ write, isatty: false });
  }
  python.setStdin({ stdin: () => null }); // nothing to read: end of file (course_run's input() says so)
  const courseRun = python.pyimport('course_run');
  flushEvents = python.pyimport('course_trace').flush;
  courseRun.install(
    buffer,
    postNow,
    new URL(lib + 'page.txt', self.location.href).href,
    python.toPy(eventCodes),
    (json) =>
      send({
        type: 'events',
        events: JSON.parse(json).map(([time, kind, lane, task, value]) => ({ time, kind, lane, task, value })),
      }),
    () => schedule(),
  );
  runner = courseRun.run;
  interruptBuffer = buffer;
  interruptIdle = courseRun.interrupt_idle;
}

// Keeps a message for the next batch; consecutive output of one stream becomes one message.
function send(message) {
  const last = queue.at(-1);
  if (message.type === 'output' && last?.type === 'output' && last.stream === message.stream) last.text += message.text;
  else if (message.type === 'events' && last?.type === 'events') last.events.push(...message.events);
  else queue.push(message);
  const now = performance.now();
  if (now - windowStart >= BATCH_MS) [windowStart, postedAtOnce] = [now, 0];
  if (now - lastPost >= BATCH_MS || postedAtOnce < AT_ONCE) {
    postedAtOnce += 1;
    postNow();
  } else schedule();
}

// Posts later, once this thread is free: while Python blocks the thread (a busy loop, a
// time.sleep) timers wait, which is why send() also posts when the last batch is old enough.
function schedule() {
  timer ??= setTimeout(() => {
    timer = null;
    flushEvents?.();
    postNow();
  }, BATCH_MS);
}

function postNow() {
  lastPost = performance.now();
  for (const message of queue) self.postMessage({ ...message, id: runId });
  queue = [];
}

async function run({ id, filename, code, args = [], network = {}, check = null }) {
  if (!runner) {
    self.postMessage({ type: 'done', id, status: 'error', code: 1, error: 'Python is not loaded: send init first.' });
    return;
  }
  runId = id;
  // While the program awaits (all its tasks wait on timers or downloads) this thread is free
  // and no Python runs to see Stop: look at the buffer for it. A busy program holds the thread
  // and the interpreter sees Stop itself.
  // The signal is taken out of the buffer first: entering Python with it set would raise the
  // KeyboardInterrupt here, in this timer, instead of in the program.
  const watch =
    interruptBuffer &&
    setInterval(() => {
      if (Atomics.exchange(interruptBuffer, 0, 0) !== 0) interruptIdle();
    }, STOP_POLL_MS);
  let status, exitCode, error;
  let verdict = null;
  try {
    // callPromising: a program may call asyncio.run, which suspends to the browser's event
    // loop (stack switching) until its coroutine is done.
    if (check) {
      const [passed, message, ...ended] = (
        await python.pyimport('course_exercise').check.callPromising(JSON.stringify(check), filename, code, clockNow())
      ).toJs();
      verdict = { passed, message };
      [status, exitCode, error] = ended;
    } else {
      [status, exitCode, error] = (
        await runner.callPromising(filename, code, python.toPy(args), JSON.stringify(network), clockNow())
      ).toJs();
    }
  } catch (failure) {
    [status, exitCode, error] = ['error', 1, String(failure.message ?? failure)];
  }
  clearInterval(watch);
  postNow();
  self.postMessage({ type: 'done', id, status, code: exitCode, error: error ?? null, ...(verdict && { verdict }) });
}
