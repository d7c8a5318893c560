// Reads the events a demo's threads append to the shared-memory ring of lab::EventLog
// (wasm/runtime/lab/event_log.h). Polling it costs the threads nothing; no message is sent.

export const Kind = { runStart: 1, taskStart: 2, ioStart: 3, ioEnd: 4, taskEnd: 5, runEnd: 6 };

const EVENT_BYTES = 32; // sizeof(lab::Event); the offsets below are checked there too

export class EventReader {
  constructor(module) {
    this.module = module;
    this.base = module._lab_events();
    this.capacity = module._lab_event_capacity();
    this.next = 0;
  }

  // The events written since the last call, oldest first.
  *read() {
    const { HEAPF64, HEAPU32, HEAP32 } = this.module;
    for (;;) {
      const at = this.base + (this.next % this.capacity) * EVENT_BYTES;
      const seq = Atomics.load(HEAPU32, (at + 8) >> 2);
      if (seq !== this.next + 1) {
        if (seq > this.next + 1) throw new Error('The demo wrote events faster than the page read them.');
        return;
      }
      const event = {
        time: HEAPF64[at >> 3],
        kind: HEAP32[(at + 12) >> 2],
        lane: HEAP32[(at + 16) >> 2],
        task: HEAP32[(at + 20) >> 2],
        value: HEAP32[(at + 24) >> 2],
      };
      // Count it before handing it out: a reader that stops at this event must not see it again.
      this.next += 1;
      yield event;
    }
  }
}
