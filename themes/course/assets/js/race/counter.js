// The racy counter's C++ (wasm/race/), built with threads: a runner thread of the module's own
// counts, so the page's thread only reads the final counts when a message says there are some.

// SharedArrayBuffer, which threads need, only exists on cross-origin isolated pages.
export const canUseThreads = () => self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

// Loads the module (its pool of threads starts here); resolves with run().
export async function loadCounter(moduleUrl) {
  const { default: createRace } = await import(moduleUrl);
  const module = await createRace();
  let onMessage = () => {};
  module.onRaceProgress = () => onMessage();

  const counts = () => {
    const done = module._race_done();
    return Array.from(new Int32Array(module.HEAP32.buffer, module._race_counts(), done));
  };

  // Runs a batch of `runs` runs of the variant numbered `index` (race.json's order). Calls
  // onProgress(counts so far) as runs end; resolves with every count once the batch has ended,
  // fewer than `runs` if `signal` aborted it. Never waits for an animation frame: a batch in a
  // background tab goes on.
  function run(index, { threads, increments, runs, switchMs }, onProgress, signal) {
    if (signal.aborted) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const stop = () => module._race_stop();
      onMessage = () => {
        module._race_reading();
        const busy = module._race_busy() !== 0;
        const sofar = counts();
        if (busy) {
          onProgress(sofar);
          return;
        }
        onMessage = () => {};
        signal.removeEventListener('abort', stop);
        resolve(sofar);
      };
      const code = module._race_start(index, threads, increments, runs, switchMs);
      if (code !== 0) {
        onMessage = () => {};
        reject(new Error(code === -1 ? 'A batch is still running.' : `No variant number ${index}.`));
        return;
      }
      signal.addEventListener('abort', stop, { once: true });
    });
  }
  return run;
}
