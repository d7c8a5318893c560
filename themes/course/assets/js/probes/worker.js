// Runs the probes' single-threaded build (wasm/probes/probes_glue.cc) off the page's thread:
// the memory probes take a few hundred milliseconds, during which the page stays responsive.
let module = null;

const handlers = {
  async load({ moduleUrl }) {
    importScripts(moduleUrl);
    module = await self.createProbes({ locateFile: (file) => new URL(file, moduleUrl).href });
    postMessage({ type: 'ready' });
  },
  run({ count }) {
    module._probes_measure_memory();
    const results = Array.from(new Float64Array(module.HEAPF64.buffer, module._probes_results(), count));
    postMessage({ type: 'results', results });
  },
};

self.onmessage = async ({ data }) => {
  try {
    await handlers[data.type](data);
  } catch (error) {
    postMessage({ type: 'error', message: String(error?.message ?? error) });
  }
};
