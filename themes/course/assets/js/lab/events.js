// The events of a run, in the layout of lab::Event, as wasm/runtime/lab/event_layout.json declares
// it for both sides (the C++ checks its struct against it): read from shared memory (threaded
// build) or from the bytes a worker posts (single build).
import { event_layout as layout, events } from '@params';

// Each kind's number, by its name in wasm/runtime/lab/events.json: Kind.run_start and so on. A
// name that the declaration lacks throws, rather than compare every event with undefined.
// (layouts/partials/course/scripts.html passes each kind's code.)
export const Kind = new Proxy(events, {
  get(codes, name) {
    if (typeof name === 'string' && !(name in codes)) throw new Error(`No event kind "${name}" in events.json`);
    return codes[name];
  },
});

const EVENT_BYTES = layout.bytes;
const AT = layout.offsets;

// The same clock as the runtime's lab::now_ms() in every worker.
export const clockNow = () => performance.timeOrigin + performance.now();

function decode(view, at) {
  return {
    time: view.getFloat64(at + AT.time_ms, true),
    kind: view.getInt32(at + AT.kind, true),
    lane: view.getInt32(at + AT.lane, true),
    task: view.getInt32(at + AT.task, true),
    value: view.getInt32(at + AT.value, true),
  };
}

// Events from a worker's message: consecutive slots, copied out of its memory.
export function decodeSlots(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const events = [];
  for (let at = 0; at + EVENT_BYTES <= bytes.byteLength; at += EVENT_BYTES) events.push(decode(view, at));
  return events;
}

// Reads the ring of a threaded module in shared memory. Reading costs the threads nothing; the
// module's writers wait for the reader rather than overwrite what it has not read.
export class SharedEventReader {
  constructor(module) {
    this.module = module;
    this.base = module._lab_events();
    this.capacity = module._lab_event_capacity();
    this.next = 0;
    this.lastTime = -Infinity;
  }

  // The events written since the last call, oldest first; the module learns they are read.
  // Each thread reads its own worker's clock (timeOrigin + now()), and two workers' clocks can
  // disagree by up to about a millisecond (measured in Emscripten 3.1.6's workers; cores.spec's
  // one-core runs, loaded machine, suggest more). The log's order is the order in which threads
  // logged, and events that must not overlap on the timeline (a core or a global lock changing hands)
  // are logged under one lock: an event timed before the one logged just ahead of it is moved up
  // to that one's time, so an effect is never drawn before its cause.
  read() {
    const { HEAPU32 } = this.module;
    const view = new DataView(HEAPU32.buffer);
    const events = [];
    for (;;) {
      const at = this.base + (this.next % this.capacity) * EVENT_BYTES;
      const seq = Atomics.load(HEAPU32, (at + AT.seq) >> 2);
      if (seq !== this.next + 1) break;
      const event = decode(view, at);
      event.time = Math.max(event.time, this.lastTime);
      this.lastTime = event.time;
      events.push(event);
      this.next += 1;
    }
    if (events.length) this.module._lab_events_read(this.next);
    return events;
  }
}
