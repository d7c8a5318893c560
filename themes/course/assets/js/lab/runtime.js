// Runs a demo's models. Three backends, one interface: run(model, values, stream, sizes, signal)
// resolves once the run has ended, or at once with { started: false } if `signal` was aborted
// before the run could start; aborting `signal` later ends the run early, leaving nothing running.
//   ThreadedBackend   the threaded build in this page: threads, threads under a global lock
//   SingleBackend     the single-threaded build in a Web Worker: sequential, event loop
//   ProcessBackend    one Web Worker per process, no shared memory: the process pool
// No backend waits for an animation frame: a page in a background tab gets none, and its runs
// must go on all the same.
import { Kind, SharedEventReader, clockNow, decodeSlots } from './events.js';
import { MODELS } from './models.js';
import { firstTaskAfter, firstTaskCpuMs, startupSchedule } from './startup.js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const aborted = (signal) => new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));

// Threads need SharedArrayBuffer, which browsers only give to cross-origin isolated pages.
const canUseThreads = () => self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

// A run's events, passed on in order with exactly one run_start first and one run_end last,
// whenever a Stop comes: a backend that ends a run itself calls stop() and need not know whether
// the run had started or already ended.
class RunStream {
  constructor(model, onEvent) {
    this.model = model;
    this.onEvent = onEvent;
    this.started = false;
    this.ended = false;
    this.stopped = false;
  }

  event(event) {
    if (this.ended || (!this.started && event.kind !== Kind.run_start)) return;
    if (event.kind === Kind.run_start) {
      if (this.started) return;
      this.started = true;
    } else if (event.kind === Kind.run_end) {
      this.ended = true;
      this.stopped = event.value !== 0;
    }
    this.onEvent(event);
  }

  // Ends the run as stopped, now, unless it has ended already.
  stop(lanes = 1) {
    const time = clockNow();
    const code = this.model.code;
    this.event({ kind: Kind.run_start, time, lane: -1, task: code, value: lanes });
    this.event({ kind: Kind.run_end, time, lane: -1, task: code, value: 1 });
  }
}

class ThreadedBackend {
  // Fetches the module and creates it, which starts main()'s worker.
  static async load(moduleUrl) {
    const { default: createDemo } = await import(moduleUrl);
    return new ThreadedBackend(await createDemo());
  }

  constructor(module) {
    this.module = module;
    this.reader = new SharedEventReader(module);
    this.current = null;
    // The module posts this whenever there are events to read (wasm/runtime/glue/lab_threads.cc).
    module.onLabEvents = () => this.readEvents();
  }

  // Passes every event logged so far to the current run. Whatever goes wrong on the page, a run
  // is read to its end, so the module is free for the next one.
  readEvents() {
    this.module._lab_events_reading();
    for (const event of this.reader.read()) {
      const run = this.current;
      if (!run) continue;
      try {
        run.stream.event(event);
      } catch (error) {
        run.error ??= error;
        this.module._lab_stop();
      }
      if (event.kind === Kind.run_end) {
        this.current = null;
        run.end();
      }
    }
  }

  // The module starts with one pthread worker, for main(): a worker per thread, loaded with the
  // page, would fetch the module's script once each, all at the same time. Before a run, the pool
  // grows to the threads that run starts (lab_threads_for), its workers loading the script from
  // the browser's cache; then the run waits for every worker to be up, so that its threads start
  // together, not one by one as their workers come up. Workers return to the pool when their
  // thread ends, so a later run of the same size loads none. (Emscripten 3.1.x exposes the pool as
  // Module.PThread; a build that does not gets its workers on demand, staggered.)
  async poolReady(threads, signal) {
    const pool = this.module.PThread;
    if (!pool?.unusedWorkers || !pool.allocateUnusedWorker || !pool.loadWasmModuleToWorker) return;
    while (pool.unusedWorkers.length < threads) {
      pool.allocateUnusedWorker();
      pool.loadWasmModuleToWorker(pool.unusedWorkers[pool.unusedWorkers.length - 1], () => {});
    }
    for (let waited = 0; !pool.unusedWorkers.every((worker) => worker.loaded) && waited < 10_000; waited += 10) {
      if (signal.aborted) return;
      await sleep(10);
    }
  }

  async run(model, values, stream, sizes, signal) {
    const { module } = this;
    new Float64Array(module.HEAPF64.buffer, module._lab_params(), values.length).set(values);
    await this.poolReady(module._lab_threads_for(model.code), signal);
    if (signal.aborted) return { started: false };
    const adjusted = module._lab_run(model.code);
    if (adjusted === -1) throw new Error('The demo is still busy with an earlier run.');
    if (adjusted < 0) throw new Error(`This build cannot run the model "${model.label}".`);
    // The tasks notice at their next wait or slice of work, within about 10 ms.
    const stop = () => module._lab_stop();
    signal.addEventListener('abort', stop, { once: true });
    const run = { stream, error: null };
    const ended = new Promise((resolve) => {
      run.end = resolve;
    });
    this.current = run;
    this.readEvents();
    await ended;
    signal.removeEventListener('abort', stop);
    if (run.error) throw run.error;
    return { started: true, adjusted };
  }
}

// A Web Worker with the single-threaded build loaded (worker.js). `compiled` is the build's
// WebAssembly.Module, compiled once by the page: every worker instantiates the same code, as
// processes started from one executable share its pages, with memories of their own.
class ModuleWorker {
  constructor(workerUrl, moduleUrl, compiled) {
    this.worker = new Worker(workerUrl);
    this.worker.postMessage({ type: 'script', moduleUrl });
    this.ready = compiled.then((wasmModule) => this.request({ type: 'load', wasmModule }, 'ready'));
  }

  // Posts `message`; passes event batches to `onEvents`; resolves with the reply `until`.
  request(message, until, onEvents = () => {}) {
    return new Promise((resolve, reject) => {
      this.worker.onmessage = ({ data }) => {
        if (data.type === 'events') onEvents(decodeSlots(data.bytes));
        else if (data.type === 'error') reject(new Error(data.message));
        else if (data.type === until) resolve(data);
      };
      this.worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || 'The demo worker failed.'));
      };
      this.worker.postMessage(message);
    });
  }

  terminate() {
    this.worker.onmessage = null;
    this.worker.terminate();
  }
}

// Compiles a build's .wasm while its loader script and worker are still on their way.
const compile = (moduleUrl) => WebAssembly.compileStreaming(fetch(moduleUrl.replace(/\.js$/, '.wasm')));

class SingleBackend {
  constructor(workerUrl, moduleUrl, compiled) {
    this.urls = [workerUrl, moduleUrl, compiled];
    this.worker = new ModuleWorker(...this.urls);
  }

  get ready() {
    return this.worker.ready;
  }

  async run(model, values, stream, sizes, signal) {
    const { worker } = this;
    await worker.ready;
    if (signal.aborted) return { started: false };
    const done = worker.request({ type: 'run', model: model.code, values }, 'done', (events) => {
      for (const event of events) stream.event(event);
    });
    const outcome = await Promise.race([done, aborted(signal)]);
    if (outcome?.type === 'done') return { started: true, adjusted: outcome.adjusted };
    // A task may be computing and deaf to messages: end the worker, start a fresh one for later.
    worker.terminate();
    this.worker = new ModuleWorker(...this.urls);
    stream.stop();
    return { started: true, adjusted: 0 };
  }
}

// How many processes a pool keeps started between runs, at most: as many as the run used (all of
// them, not only as many as the cores: workers that wait on the network work at once, and those
// started inside the next run would delay it), and no more than this, as each keeps its memory.
const MOST_SPARES = 8;

class ProcessBackend {
  constructor(workerUrl, moduleUrl, compiled) {
    this.urls = [workerUrl, moduleUrl, compiled];
    // Workers started after a run, for the next one. Starting a Web Worker and instantiating the
    // code in it takes a browser about 90 ms, several times what forking a process takes: started
    // inside the run, that cost would be the browser's, not the model's. A pool's start-up is the
    // model's schedule (models.json `start`), counted from the run's start either way.
    this.spares = [];
  }

  // A started worker: a spare if one is left, otherwise a new one.
  take() {
    return this.spares.shift() ?? new ModuleWorker(...this.urls);
  }

  // Settles once every spare has started (or failed to start): their start keeps the cores busy
  // for a moment after a run.
  sparesStarted() {
    return Promise.allSettled(this.spares.map((spare) => spare.ready));
  }

  // Keeps `count` spares started: starts what is missing, ends what is over.
  keepSpares(count) {
    while (this.spares.length > count) this.spares.pop().terminate();
    while (this.spares.length < count) this.spares.push(new ModuleWorker(...this.urls));
  }

  // Like `with Pool(workers) as pool: pool.map(task, range(tasks))`: start the processes, send
  // each idle one the next task, and end them all when the map is done. A task whose process dies
  // (task_crashed) is handled as the model declares (models.json `on_crash`): `replace` starts a
  // new process in its place and goes on without that task's result; `break` marks the pool
  // broken: every task not yet done fails, and the other processes are ended.
  async run(model, values, stream, sizes, signal) {
    const { tasks, workers } = sizes;
    if (signal.aborted) return { started: false };
    const lanes = Math.max(1, Math.min(workers, tasks));
    const cores = navigator.hardwareConcurrency || 1;
    const readyAfterMs = startupSchedule(model.start, sizes, lanes, cores);
    const handOutAfterMs = firstTaskAfter(model.start, sizes, lanes, cores);
    const cpuFirstMs = firstTaskCpuMs(model.start, sizes);
    const pool = [];
    const running = Array(lanes).fill(-1); // the task each process runs, -1 when idle
    const seen = new Set(); // tasks whose start has reached the page
    let next = 0;
    let broken = null; // resolves once the pool is broken
    let breakPool = () => {};
    const brokenPool = new Promise((resolve) => {
      breakPool = resolve;
    });
    const emit = (kind, lane, value = 0, task = -1) => stream.event({ kind, time: clockNow(), lane, task, value });
    const poolStarted = clockNow();
    stream.event({ kind: Kind.run_start, time: poolStarted, lane: -1, task: model.code, value: lanes });
    const start = async (lane) => {
      const started = clockNow();
      emit(Kind.process_start, lane);
      const worker = this.take();
      pool.push(worker);
      await worker.ready;
      const left = started + readyAfterMs[lane] - clockNow();
      if (left > 0) await Promise.race([sleep(left), aborted(signal)]);
      if (!signal.aborted) emit(Kind.process_ready, lane);
      return worker;
    };
    const process = async (lane) => {
      let worker = await start(lane);
      // No task before Pool() has returned.
      const left = poolStarted + handOutAfterMs - clockNow();
      if (left > 0) await Promise.race([sleep(left), aborted(signal)]);
      let first = true;
      while (next < tasks && !signal.aborted && !broken) {
        const id = next;
        next += 1;
        running[lane] = id;
        let crashed = false;
        const request = { type: 'task', id, lane, values, cpuFirstMs: first ? cpuFirstMs : 0 };
        first = false;
        const done = worker.request(request, 'result', (events) => {
          for (const event of events) {
            if (broken) return;
            stream.event(event);
            if (event.kind === Kind.task_start) seen.add(event.task);
            if (event.kind === Kind.task_crashed) crashed = true;
          }
        });
        await Promise.race([done, brokenPool]);
        running[lane] = -1;
        if (!crashed || broken) continue;
        if (model.on_crash === 'break') {
          broken = { id, lane };
          // The pool is broken: the running tasks of the other processes and the queued ones fail.
          emit(Kind.error_raised, -1, 1, id);
          // (A task whose start has not reached the page yet fails as one that never started.)
          running.forEach((other, at) => {
            if (other >= 0) emit(Kind.task_failed, seen.has(other) ? at : -1, 0, other);
          });
          for (; next < tasks; next += 1) emit(Kind.task_failed, -1, 0, next);
          breakPool();
          return;
        }
        // The process is gone: start another in its place, as a pool that replaces its workers
        // does. No error reaches anyone: the lost task's result is simply never sent.
        worker.terminate();
        worker = await start(lane);
        first = true;
      }
    };
    try {
      const work = Promise.all(Array.from({ length: lanes }, (_, lane) => process(lane)));
      await Promise.race([work, aborted(signal)]);
    } finally {
      for (const worker of pool) worker.terminate();
      this.keepSpares(Math.min(lanes, MOST_SPARES));
    }
    if (signal.aborted) stream.stop(lanes);
    else stream.event({ kind: Kind.run_end, time: clockNow(), lane: -1, task: model.code, value: 0 });
    return { started: true, adjusted: 0 };
  }
}

// A demo loads when the learner comes near it: within a screen of scrolling, or on a focus, a
// pointer or a transcript's cue inside its figure. Its compile and its workers would otherwise take
// the cores from the page's first paint and its player, on every visit, for demos a learner may
// never reach; on a phone that is the difference between a page that shows at once and one that
// stutters. A demo is ready in a second or two, long before a learner has read it and chosen values.
const pageLoaded = new Promise((resolve) => {
  if (document.readyState === 'complete') resolve();
  else window.addEventListener('load', resolve, { once: true });
});
const idle = () =>
  new Promise((resolve) =>
    window.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 300 }) : setTimeout(resolve),
  );

// Resolves once the learner is near `figure`, or at once where the browser cannot tell.
const NEAR_EVENTS = ['focusin', 'pointerenter', 'lab:load'];
function nearby(figure) {
  if (typeof IntersectionObserver !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && near(), {
      rootMargin: '100% 0px',
    });
    const near = () => {
      observer.disconnect();
      for (const type of NEAR_EVENTS) figure.removeEventListener(type, near);
      resolve();
    };
    observer.observe(figure);
    for (const type of NEAR_EVENTS) figure.addEventListener(type, near);
  });
}

// The demos load one at a time, in the order they are wanted, for the same reason; the next waits
// for this one, but not for ever: one that never comes up holds none back.
let loading = pageLoaded;
function inTurn(start, ready) {
  const started = loading.then(idle).then(start);
  loading = started.then(() => Promise.race([ready().catch(() => {}), sleep(5000)]));
  return started;
}

// Everything a demo can run, loaded once per demo on the page.
export class Lab {
  // The lab of a figure whose data attributes name the demo's builds (partials/lab/demo.html),
  // loaded once the learner comes near it.
  static forFigure(figure) {
    const url = (path) => path && new URL(path, document.baseURI).href;
    // The models this page offers (a demo's figure names them; a matrix offers every one).
    const offered = figure.dataset.lab ? JSON.parse(figure.dataset.lab).models : null;
    return new Lab({
      name: figure.id,
      threadsOnly: Boolean(offered) && offered.every((name) => MODELS[name]?.backend === 'threads'),
      threadsUrl: url(figure.dataset.threads),
      singleUrl: url(figure.dataset.single),
      workerUrl: url(figure.dataset.worker),
      wanted: nearby(figure),
    });
  }

  // `threadsOnly`: every model the page offers runs on threads, so where threads can run, the
  // single-threaded build is never needed and is not downloaded. `wanted`: when to start loading.
  constructor({ name, threadsUrl, singleUrl, workerUrl, threadsOnly = false, wanted = Promise.resolve() }) {
    this.threaded = Boolean(threadsUrl) && canUseThreads();
    const needsSingle = !(this.threaded && threadsOnly);
    const start = () => {
      performance.mark(`lab-start:${name}`);
      if (needsSingle) {
        const compiled = compile(singleUrl);
        this.single = new SingleBackend(workerUrl, singleUrl, compiled);
        this.processes = new ProcessBackend(workerUrl, singleUrl, compiled);
      }
      // Both builds load side by side: the threaded one starts a single pthread worker (main()'s)
      // and adds the rest when a run needs them, so the two do not fight over the cores at load.
      this.threads = this.threaded ? ThreadedBackend.load(threadsUrl) : null;
    };
    this.started = wanted.then(() => inTurn(start, () => this.ready));
    this.ready = this.started.then(() => Promise.all([this.single?.ready, this.threads].filter(Boolean)));
  }

  canRun(model) {
    return model.backend !== 'threads' || this.threaded;
  }

  // Runs `model` on `values`, passing its events to `onEvent` from run_start to run_end, until it
  // ends or `signal` is aborted. Resolves with { started, stopped, adjusted }: a run aborted before
  // it started has no events at all.
  async run(model, values, onEvent, sizes, signal) {
    const stream = new RunStream(model, onEvent);
    await this.started;
    const backend = model.backend === 'threads' ? await this.threads : this[model.backend];
    // A run of any model that follows a process pool's at once (a batch, a sweep) begins once the
    // pool's spares have started, so that its times do not count their start.
    if (this.processes) await Promise.race([this.processes.sparesStarted(), aborted(signal)]);
    if (signal.aborted) return { started: false, stopped: true, adjusted: 0 };
    const { started, adjusted = 0 } = await backend.run(model, values, stream, sizes, signal);
    return { started, stopped: !started || stream.stopped, adjusted };
  }
}
