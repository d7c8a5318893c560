// Loads a demo's WebAssembly module and runs it one model at a time.
import { EventReader, Kind } from './events.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

// Threads need SharedArrayBuffer, which browsers only give to cross-origin isolated pages.
export const canUseThreads = () =>
  self.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

export async function loadLab(moduleUrl) {
  const { default: createDemo } = await import(moduleUrl);
  return new Lab(await createDemo());
}

class Lab {
  constructor(module) {
    this.module = module;
    this.events = new EventReader(module);
  }

  // Runs `model` with `values` (in declaration order), passing each event to `onEvent` as it
  // happens. Resolves with the values the runtime used once the run has ended.
  async run(model, values, onEvent) {
    const { module } = this;
    const params = new Float64Array(module.HEAPF64.buffer, module._lab_params(), values.length);
    params.set(values);
    // The runner marks itself idle just after it logs the end of the previous run.
    let adjusted = module._lab_run(model.code);
    for (let frames = 0; adjusted < 0; frames += 1) {
      if (frames > 300) throw new Error('The demo is still busy with an earlier run.');
      await nextFrame();
      adjusted = module._lab_run(model.code);
    }
    const used = Array.from(params);
    for (;;) {
      for (const event of this.events.read()) {
        onEvent(event);
        if (event.kind === Kind.runEnd) return { used, adjusted };
      }
      await nextFrame();
    }
  }
}
