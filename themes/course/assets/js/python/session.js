// The page's one Python runtime: a module Worker (js/python/worker.js) that loads Pyodide from the
// site's own files when first asked, runs one program at a time, and streams its output and
// events back (the protocol is in the worker). Stop asks the interpreter to raise
// KeyboardInterrupt through a shared buffer; a program that has not ended STOP_GRACE_MS later (a
// blocking call that does not look at the buffer), or any program on a page without the shared
// memory that needs, is ended with its worker, and a fresh worker loads for the next run.
import { startRuntime } from './start.js';

export const STOP_GRACE_MS = 150;

export class PythonSession {
  // `config`: { worker, runtime, lib, files } (start.js's pageRuntime(): the worker's address, the
  // folders of the runtime's and the stand-ins' files, and { name: bytes } that a load fetches,
  // what the progress counts); `started`: the worker that index.js started already, if any.
  constructor({ worker, runtime, lib, files }, started = null) {
    this.urls = { worker, runtime, lib };
    this.files = files;
    this.started = started;
    this.worker = null;
    this.loading = null;
    this.run = null; // the run under way: { id, resolve, handlers }
    this.nextId = 1;
    this.progressListeners = new Set();
    this.lastProgress = null;
  }

  // Watches the bytes loaded: `listener({ loaded, total })`. Returns how to stop watching.
  onProgress(listener) {
    this.progressListeners.add(listener);
    if (this.lastProgress) listener(this.lastProgress);
    return () => this.progressListeners.delete(listener);
  }

  // Resolves with { python } once the runtime is ready; rejects with an Error that says, in plain
  // words, what could not load.
  load() {
    if (this.loading) return this.loading;
    this.loading = new Promise((resolve, reject) => {
      if (!this.urls.worker) {
        reject(new Error('This build has no runtime for programs (its files were not published).'));
        return;
      }
      let started;
      try {
        started = this.started ?? startRuntime({ ...this.urls, files: this.files });
      } catch (error) {
        reject(new Error(`The runtime's worker could not start: ${error.message}`));
        return;
      }
      this.started = null;
      const { worker } = started;
      this.worker = worker;
      this.interrupt = started.interrupt;
      const failed = (message) => {
        this.forget(worker);
        reject(new Error(message));
      };
      const onError = (event) => {
        event.preventDefault();
        const why = event.message || 'its script did not load (offline, or not found)';
        if (this.ready) this.crashed(worker, why);
        else failed(`The runtime's worker failed: ${why}.`);
      };
      const onMessage = ({ data }) => {
        if (worker !== this.worker) return;
        if (data.type === 'progress') {
          this.lastProgress = { loaded: data.loaded, total: data.total };
          for (const listener of this.progressListeners) listener(this.lastProgress);
        } else if (data.type === 'ready') {
          this.ready = data;
          resolve(data);
        } else if (data.type === 'load-failed') {
          failed(data.message);
        } else {
          this.dispatch(data);
        }
      };
      this.ready = null;
      this.lastProgress = { loaded: 0, total: Object.values(this.files ?? {}).reduce((a, b) => a + b, 0) };
      // After this.loading is set: a failure the worker reported before (replayed now) forgets
      // this load, so that the next load() starts afresh instead of returning this one.
      queueMicrotask(() => started.takeOver(onMessage, onError));
    });
    return this.loading;
  }

  // Runs a program: `request` = { filename, code, args, network }; `handlers`: onOutput(stream,
  // text), onEvents(events). Resolves with the worker's `done` message ({ status, code, error });
  // status 'stopped' with `ended: true` when Stop had to end the worker.
  async start(request, handlers) {
    await this.load();
    if (this.run) throw new Error('A program is already running on this page.');
    const id = this.nextId;
    this.nextId += 1;
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    return new Promise((resolve) => {
      this.run = { id, resolve, handlers };
      this.worker.postMessage({ type: 'run', id, ...request });
    });
  }

  dispatch(data) {
    const run = this.run;
    if (!run || data.id !== run.id) return;
    if (data.type === 'output') run.handlers.onOutput?.(data.stream, data.text);
    else if (data.type === 'events') run.handlers.onEvents?.(data.events.map(asEvent));
    else if (data.type === 'done') {
      this.run = null;
      clearTimeout(this.stopTimer);
      run.resolve(data);
    }
  }

  // Stop: KeyboardInterrupt first; the worker's end if the program is still running
  // STOP_GRACE_MS later, or at once where there is no shared buffer.
  stop() {
    const run = this.run;
    if (!run) return;
    if (this.interrupt) {
      Atomics.store(this.interrupt, 0, 2); // SIGINT
      clearTimeout(this.stopTimer);
      this.stopTimer = setTimeout(() => {
        if (this.run === run) this.endWorker(run);
      }, STOP_GRACE_MS);
    } else {
      this.endWorker(run);
    }
  }

  // Ends the worker with the run in it, and loads a fresh one for the next run (from the browser's
  // cache: the files are the same).
  endWorker(run) {
    const worker = this.worker;
    this.forget(worker);
    worker?.terminate();
    this.run = null;
    run.resolve({ type: 'done', id: run.id, status: 'stopped', code: null, error: null, ended: true });
    this.load().catch(() => {}); // a failure shows at the next run
  }

  // The worker died under a run (out of memory, say): that run ends, the next one starts afresh.
  crashed(worker, why) {
    const run = this.run;
    this.forget(worker);
    worker.terminate();
    this.run = null;
    run?.resolve({ type: 'done', id: run.id, status: 'error', code: null, error: `The runtime stopped: ${why}` });
  }

  forget(worker) {
    if (this.worker !== worker) return;
    this.worker = null;
    this.loading = null;
    this.ready = null;
  }

  get running() {
    return this.run !== null;
  }
}

// An event as the lab's scripts read it: { time, kind, lane, task, value }. The worker may post
// each as that object or as the tuple [time, kind, lane, task, value] (course_trace.py's, smaller).
function asEvent(event) {
  if (!Array.isArray(event)) return event;
  const [time, kind, lane, task, value] = event;
  return { time, kind, lane, task, value };
}
