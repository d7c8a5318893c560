// The events of a run, in the layout of lab::Event (wasm/runtime/lab/event_log.h): 32 bytes each,
// read from shared memory (threaded build) or from the bytes a worker posts (single build).

export const Kind = {
  runStart: 1, taskStart: 2, ioStart: 3, ioEnd: 4, taskEnd: 5, runEnd: 6,
  gilWaitStart: 7, gilWaitEnd: 8, blockedStart: 9, blockedEnd: 10, stepStart: 11, stepEnd: 12,
  processStart: 13, processReady: 14,
};

const EVENT_BYTES = 32;

// The same clock as the runtime's lab::now_ms() in every worker.
export const clockNow = () => performance.timeOrigin + performance.now();

function decode(view, at) {
  return {
    time: view.getFloat64(at, true),
    kind: view.getInt32(at + 12, true),
    lane: view.getInt32(at + 16, true),
    task: view.getInt32(at + 20, true),
    value: view.getInt32(at + 24, true),
  };
}

// Events from a worker's message: consecutive slots, copied out of its memory.
export function decodeSlots(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const events = [];
  for (let at = 0; at + EVENT_BYTES <= bytes.byteLength; at += EVENT_BYTES) events.push(decode(view, at));
  return events;
}

// Polls the ring of a threaded module in shared memory. Reading costs the threads nothing.
export class SharedEventReader {
  constructor(module) {
    this.module = module;
    this.base = module._lab_events();
    this.capacity = module._lab_event_capacity();
    this.next = 0;
  }

  // The events written since the last call, oldest first.
  read() {
    const { HEAPU32 } = this.module;
    const view = new DataView(HEAPU32.buffer);
    const events = [];
    for (;;) {
      const at = this.base + (this.next % this.capacity) * EVENT_BYTES;
      const seq = Atomics.load(HEAPU32, (at + 8) >> 2);
      if (seq !== this.next + 1) {
        if (seq > this.next + 1) throw new Error('The demo wrote events faster than the page read them.');
        return events;
      }
      events.push(decode(view, at));
      this.next += 1;
    }
  }
}
