// Starts the runtime's worker (worker.js) and asks it to load Python. index.js calls it the moment
// the learner presses "Edit and run", beside the import of the editor's bundle, so that the two
// load at once; the bundle's session (session.js) then takes the worker over, and calls it itself
// for a new worker after Stop. What the worker says before the session listens is kept, in order.
//
// `config`: { worker, runtime, lib, files } (partials/python/page-data.html). Throws if the
// browser cannot start the worker.
export function startRuntime({ worker: url, runtime, lib, files }) {
  const worker = new Worker(url, { type: 'module' });
  // Where the page is cross-origin isolated, Stop reaches a busy interpreter through this.
  const interrupt = globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
  const early = [];
  const keep = (event) => {
    if (event.type === 'error') event.preventDefault(); // the session reports it
    early.push(event);
  };
  worker.addEventListener('message', keep);
  worker.addEventListener('error', keep);
  worker.postMessage({ type: 'init', runtime, lib, files, interrupt: interrupt?.buffer ?? null });
  return {
    worker,
    interrupt,
    // The session's listeners from now on, after the events kept so far.
    takeOver(onMessage, onError) {
      worker.removeEventListener('message', keep);
      worker.removeEventListener('error', keep);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      for (const event of early.splice(0)) (event.type === 'error' ? onError : onMessage)(event);
    },
  };
}

// The page's runtime, as partials/python/page-data.html declares it, or null on a page without.
export function pageRuntime() {
  const data = document.querySelector('.python-runtime')?.dataset;
  if (!data?.worker) return null;
  return { worker: data.worker, runtime: data.runtime, lib: data.lib, files: JSON.parse(data.files || '{}') };
}
