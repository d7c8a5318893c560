// The probes written in C++ (wasm/probes/), in one of their two builds: with threads, on a
// cross-origin isolated page, every probe on a thread of the module's own; without, the memory
// probes in a Web Worker. Either way the page's thread only waits for a message.

// probes_results() in wasm/probes/probes_glue.cc, in its order.
const FIGURES = ['sequential_read', 'random_read', 'atomic_add', 'mutex_handover'];
const SIZES = [
  'buffer_bytes',
  'sequential_reads',
  'sequential_passes',
  'random_reads',
  'atomic_operations',
  'handovers',
];
const COUNT = FIGURES.length + SIZES.length;

// SharedArrayBuffer, which threads need, only exists on cross-origin isolated pages.
export const canUseThreads = () => self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

function decode(values) {
  const figures = Object.fromEntries(FIGURES.map((name, i) => [name, values[i]]));
  const sizes = Object.fromEntries(SIZES.map((name, i) => [name, values[FIGURES.length + i]]));
  return { figures, sizes };
}

async function loadThreaded(moduleUrl) {
  const { default: createProbes } = await import(moduleUrl);
  const module = await createProbes();
  return () =>
    new Promise((resolve, reject) => {
      module.onProbesDone = () =>
        resolve(decode(Array.from(new Float64Array(module.HEAPF64.buffer, module._probes_results(), COUNT))));
      if (module._probes_start() !== 0) reject(new Error('The probes are still running.'));
    });
}

async function loadSingle(moduleUrl, workerUrl) {
  const worker = new Worker(workerUrl);
  const request = (message, until) =>
    new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => {
        if (data.type === 'error') reject(new Error(data.message));
        else if (data.type === until) resolve(data);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || "The probes' worker failed."));
      };
      worker.postMessage(message);
    });
  await request({ type: 'load', moduleUrl }, 'ready');
  return async () => decode((await request({ type: 'run', count: COUNT }, 'results')).results);
}

// Loads the build this page can run; resolves with a function that runs its probes once and
// resolves with { figures: { id: ns or NaN }, sizes }.
export function loadNative({ threadsUrl, singleUrl, workerUrl }) {
  return canUseThreads() ? loadThreaded(threadsUrl) : loadSingle(singleUrl, workerUrl);
}
