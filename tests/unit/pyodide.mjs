// Pyodide in Node, from node_modules, with the course's Python (themes/course/assets/python/)
// installed as the worker installs it, but with a made-up network: a transport that fetches
// nothing, answers at once and counts how many downloads wait at the same time. The stand-ins,
// the tracer and the runner are the real ones.
import { readFileSync, readdirSync } from 'node:fs';
import { loadPyodide } from 'pyodide';

const ROOT = new URL('../../', import.meta.url);
const COURSE_PYTHON = new URL('themes/course/assets/python/', ROOT);
const FOLDER = '/home/pyodide/course';

// asyncio.run inside a program needs WebAssembly stack switching (JSPI), which Chromium has and
// Node 20 has behind a flag that must be given on the command line (set later, V8 crashes).
export const hasStackSwitching = () => 'Suspending' in WebAssembly || 'Suspender' in WebAssembly;
export const STACK_SWITCHING_FLAG = '--experimental-wasm-stack-switching';

export async function startPython() {
  const python = await loadPyodide({ indexURL: new URL('node_modules/pyodide/', ROOT).pathname });
  python.FS.mkdirTree(FOLDER);
  for (const { name } of readdirSync(COURSE_PYTHON, { withFileTypes: true }).filter((entry) => entry.isFile())) {
    python.FS.writeFile(`${FOLDER}/${name}`, readFileSync(new URL(name, COURSE_PYTHON)));
  }
  for (const name of ['page_server.py', 'course_check.py']) {
    python.FS.writeFile(`${FOLDER}/${name}`, readFileSync(new URL(`site/python/${name}`, ROOT)));
  }
  python.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(FOLDER)})`);

  const output = { stdout: '', stderr: '' };
  for (const stream of ['stdout', 'stderr']) {
    // bytes as written, as the worker takes them
    const decoder = new TextDecoder();
    const write = (bytes) => {
      output[stream] += decoder.decode(bytes, { stream: true });
      return bytes.length;
    };
    (stream === 'stdout' ? python.setStdout : python.setStderr)({ write, isatty: false });
  }
  python.setStdin({ stdin: () => null }); // as the worker: nothing to read
  const declared = JSON.parse(readFileSync(new URL('wasm/runtime/lab/events.json', ROOT), 'utf8'));
  const codes = Object.fromEntries(Object.entries(declared).map(([name, kind]) => [name, kind.code]));
  const kindOf = Object.fromEntries(Object.entries(codes).map(([name, code]) => [code, name]));
  const events = [];
  python.pyimport('course_run').install(
    null,
    () => {},
    'page.txt',
    python.toPy(codes),
    (json) =>
      events.push(
        ...JSON.parse(json).map(([time, kind, lane, task, value]) => ({ time, kind: kindOf[kind], lane, task, value })),
      ),
    () => {},
  );
  python.runPython(`
import asyncio, course_network, time

class MadeUpTransport:
    """Answers at once with page_server.py's page; counts the downloads waiting together."""
    def __init__(self):
        self.waiting = self.most_waiting = self.fetches = 0
        self.page = b"<!doctype html><title>Page</title><p>" + b"x" * 1000 + b"</p>"

    def clock(self):
        return time.monotonic()

    def sleep(self, seconds):
        time.sleep(seconds)  # the runner's sleep, as in the page

    async def async_sleep(self, seconds):
        self.waiting += 1
        self.most_waiting = max(self.most_waiting, self.waiting)
        try:
            await asyncio.sleep(seconds)
        finally:
            self.waiting -= 1

    def fetch(self):
        self.fetches += 1
        return 200, self.page

    async def fetch_async(self):
        self.fetches += 1
        return 200, self.page
`);
  const transport = () => python.runPython('course_network.transport');

  // Runs code as the worker does (course_run.run); returns its status, exit code, traceback,
  // output, events and the made-up transport's counts.
  async function run(code, { filename = 'program.py', args = [], network = { latency_ms: 100 } } = {}) {
    output.stdout = output.stderr = '';
    events.length = 0;
    python.runPython('course_network.transport = MadeUpTransport()');
    const run = python.pyimport('course_run').run;
    const [status, exitCode, error] = (
      await run.callPromising(
        filename,
        code,
        python.toPy(args),
        JSON.stringify(network),
        performance.timeOrigin + performance.now(),
      )
    ).toJs();
    const counts = transport();
    return {
      status,
      exitCode,
      error,
      stdout: output.stdout,
      stderr: output.stderr,
      events: [...events],
      mostWaiting: counts.most_waiting,
      fetches: counts.fetches,
    };
  }
  // Checks code as an exercise, as the worker does (course_exercise.check): its verdict.
  async function check(code, exercise, { filename = 'exercise.py' } = {}) {
    output.stdout = output.stderr = '';
    python.runPython('course_network.transport = MadeUpTransport()');
    const [passed, message, status] = (
      await python
        .pyimport('course_exercise')
        .check.callPromising(JSON.stringify(exercise), filename, code, performance.timeOrigin + performance.now())
    ).toJs();
    return { passed, message, status };
  }
  return { python, run, check };
}

export const exercise = (lesson, id) => {
  const folder = `content/lessons/${lesson}/exercises/`;
  return {
    start: readFileSync(new URL(`${folder}${id}.py`, ROOT), 'utf8'),
    solution: readFileSync(new URL(`${folder}solutions/${id}.py`, ROOT), 'utf8'),
  };
};

export const lessonProgram = (lesson, name) => readFileSync(new URL(`content/lessons/${lesson}/${name}`, ROOT), 'utf8');
