// A Web Worker running the single-threaded build of a demo: a whole run (sequential code or the
// event loop), or, as one process of a process pool, one task at a time. Its events reach the
// page as they happen (lab_post_events in wasm/runtime/glue/lab_single.cc).
let module = null;

function setParams(values) {
  module.HEAPF64.set(values, module._lab_params() >> 3);
}

const handlers = {
  // Sent as soon as the worker exists: the loader script is fetched and parsed while the page is
  // still compiling the code.
  script({ moduleUrl }) {
    importScripts(moduleUrl);
  },
  async load({ wasmModule }) {
    module = await self.createDemo({
      // The page compiled the code once for all its workers: instantiate that, fetch nothing.
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance, wasmModule));
        return {};
      },
    });
    postMessage({ type: 'ready' });
  },
  async run({ model, values }) {
    setParams(values);
    const adjusted = await module.ccall('lab_run', 'number', ['number'], [model], { async: true });
    postMessage({ type: 'done', adjusted });
  },
  async task({ id, lane, values, cpuFirstMs }) {
    setParams(values);
    const result = await module.ccall(
      'lab_run_task',
      'number',
      ['number', 'number', 'number'],
      [id, lane, cpuFirstMs ?? 0],
      { async: true },
    );
    postMessage({ type: 'result', id, result });
  },
};

self.onmessage = async ({ data }) => {
  try {
    await handlers[data.type](data);
  } catch (error) {
    postMessage({ type: 'error', message: String(error?.message ?? error) });
  }
};
