// Runs a demo's models. Three backends, one interface: run(model, values, onEvent, sizes)
// resolves when the run has ended; stop() ends it early, leaving nothing running.
//   ThreadedBackend   the threaded build in this page: threads, threads under the GIL
//   SingleBackend     the single-threaded build in a Web Worker: sequential, event loop
//   ProcessBackend    one Web Worker per process, no shared memory: the process pool
import { Kind, SharedEventReader, clockNow, decodeSlots } from './events.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

// Threads need SharedArrayBuffer, which browsers only give to cross-origin isolated pages.
const canUseThreads = () =>
  self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

class ThreadedBackend {
  // Fetches the module at once, and creates it (which starts its pool of workers) after `after`.
  static async load(moduleUrl, after) {
    const [{ default: createDemo }] = await Promise.all([import(moduleUrl), after]);
    return new ThreadedBackend(await createDemo());
  }

  constructor(module) {
    this.module = module;
    this.events = new SharedEventReader(module);
  }

  // The pool of pthread workers loads after the page is ready (PTHREAD_POOL_DELAY_LOAD). A run
  // waits for it, so that its threads start together, not as their workers come up one by one.
  // (Emscripten 3.1.x exposes the pool as Module.PThread; where it does not, there is no wait.)
  async poolLoaded() {
    const pool = this.module.PThread?.unusedWorkers;
    for (let frames = 0; pool && !pool.every((worker) => worker.loaded) && frames < 600; frames += 1) {
      await nextFrame();
    }
  }

  async run(model, values, onEvent) {
    const { module } = this;
    await this.poolLoaded();
    const params = new Float64Array(module.HEAPF64.buffer, module._lab_params(), values.length);
    params.set(values);
    // The runner marks itself idle just after it logs the end of the previous run.
    let adjusted = module._lab_run(model.code);
    for (let frames = 0; adjusted === -1; frames += 1) {
      if (frames > 300) throw new Error('The demo is still busy with an earlier run.');
      await nextFrame();
      adjusted = module._lab_run(model.code);
    }
    if (adjusted < 0) throw new Error(`This build cannot run the model "${model.label}".`);
    for (;;) {
      for (const event of this.events.read()) {
        onEvent(event);
        if (event.kind === Kind.runEnd) return { adjusted };
      }
      await nextFrame();
    }
  }

  // The tasks notice at their next wait or slice of work, within about 10 ms.
  stop() {
    this.module._lab_stop();
  }
}

// A Web Worker with the single-threaded build loaded (worker.js). `compiled` is the build's
// WebAssembly.Module, compiled once by the page: every worker instantiates the same code, as
// processes started from one executable share its pages, with memories of their own.
class ModuleWorker {
  constructor(workerUrl, moduleUrl, compiled) {
    this.worker = new Worker(workerUrl);
    this.ready = compiled.then((wasmModule) =>
      this.request({ type: 'load', moduleUrl, wasmModule }, 'ready'));
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
    this.worker.terminate();
  }
}

// Resolves when `stop()` is called: a run races its work against it.
class StopSignal {
  constructor() {
    this.promise = new Promise((resolve) => {
      this.stop = () => resolve({ stopped: true });
    });
  }
}

// Compiles a build's .wasm while its loader script and worker are still on their way.
const compile = (moduleUrl) =>
  WebAssembly.compileStreaming(fetch(moduleUrl.replace(/\.js$/, '.wasm')));

class SingleBackend {
  constructor(workerUrl, moduleUrl, compiled) {
    this.urls = [workerUrl, moduleUrl, compiled];
    this.worker = new ModuleWorker(...this.urls);
    this.current = null;
  }

  get ready() {
    return this.worker.ready;
  }

  async run(model, values, onEvent) {
    await this.worker.ready;
    const signal = new StopSignal();
    this.current = { signal, model, onEvent };
    try {
      const done = this.worker.request({ type: 'run', model: model.code, values }, 'done', (events) => {
        for (const event of events) onEvent(event);
      });
      return await Promise.race([done, signal.promise]);
    } finally {
      this.current = null;
    }
  }

  // A task may be computing and deaf to messages: end the worker, start a fresh one for later.
  stop() {
    if (!this.current) return;
    const { signal, model, onEvent } = this.current;
    this.worker.terminate();
    this.worker = new ModuleWorker(...this.urls);
    onEvent({ kind: Kind.runEnd, time: clockNow(), lane: -1, task: model.code, value: 1 });
    signal.stop();
  }
}

class ProcessBackend {
  constructor(workerUrl, moduleUrl, compiled) {
    this.urls = [workerUrl, moduleUrl, compiled];
    this.signal = null;
  }

  // Like `with Pool(workers) as pool: pool.map(task, range(tasks))`: start the processes, send
  // each idle one the next task, and end them all when the map is done.
  async run(model, values, onEvent, { tasks, workers }) {
    const lanes = Math.max(1, Math.min(workers, tasks));
    const signal = new StopSignal();
    this.signal = signal;
    const pool = [];
    let next = 0;
    let stopped = false;
    let finished = false;
    onEvent({ kind: Kind.runStart, time: clockNow(), lane: -1, task: model.code, value: lanes });
    const process = async (lane) => {
      onEvent({ kind: Kind.processStart, time: clockNow(), lane, task: -1, value: 0 });
      const worker = new ModuleWorker(...this.urls);
      pool.push(worker);
      await worker.ready;
      onEvent({ kind: Kind.processReady, time: clockNow(), lane, task: -1, value: 0 });
      while (next < tasks && !stopped && !finished) {
        const id = next;
        next += 1;
        await worker.request({ type: 'task', id, lane, values }, 'result', (events) => {
          if (!stopped && !finished) for (const event of events) onEvent(event);
        });
      }
    };
    try {
      const work = Promise.all(Array.from({ length: lanes }, (_, lane) => process(lane)));
      stopped = (await Promise.race([work.then(() => ({ stopped: false })), signal.promise])).stopped;
    } finally {
      finished = true;
      for (const worker of pool) worker.terminate();
      this.signal = null;
    }
    onEvent({ kind: Kind.runEnd, time: clockNow(), lane: -1, task: model.code, value: Number(stopped) });
    return { adjusted: 0 };
  }

  stop() {
    this.signal?.stop();
  }
}

// Everything a demo can run, loaded once per demo on the page.
export class Lab {
  constructor({ threadsUrl, singleUrl, workerUrl }) {
    const compiled = compile(singleUrl);
    this.single = new SingleBackend(workerUrl, singleUrl, compiled);
    this.processes = new ProcessBackend(workerUrl, singleUrl, compiled);
    // The threaded build starts a pool of workers when it is created; creating it once the worker
    // of the single-threaded build is up keeps the two from fighting over the cores (on this
    // two-core machine, medians of nine page loads: 340–410 ms to ready instead of 500–535 ms).
    this.threads = threadsUrl && canUseThreads()
      ? ThreadedBackend.load(threadsUrl, this.single.ready) : null;
    this.ready = Promise.all([this.single.ready, this.threads].filter(Boolean));
    this.active = null;
  }

  canRun(model) {
    return model.backend !== 'threads' || this.threads !== null;
  }

  async run(model, values, onEvent, sizes) {
    const backend = model.backend === 'threads' ? await this.threads : this[model.backend];
    this.active = backend;
    try {
      return await backend.run(model, values, onEvent, sizes);
    } finally {
      this.active = null;
    }
  }

  stop() {
    this.active?.stop();
  }
}
