// events.js: a worker's bytes decode to the events the C++ wrote, in the layout that
// wasm/runtime/lab/event_layout.json declares for both sides (the C++ asserts its struct
// against the same file).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Kind, decodeSlots } from './events.js';

const layout = JSON.parse(readFileSync(new URL('../../../../../wasm/runtime/lab/event_layout.json', import.meta.url)));

// Slots as lab::Event lays them out, written field by field at the declared offsets.
function slots(events) {
  const bytes = new Uint8Array(events.length * layout.bytes);
  const view = new DataView(bytes.buffer);
  events.forEach((event, i) => {
    const at = i * layout.bytes;
    view.setFloat64(at + layout.offsets.time_ms, event.time, true);
    view.setUint32(at + layout.offsets.seq, i + 1, true);
    for (const field of ['kind', 'lane', 'task', 'value'])
      view.setInt32(at + layout.offsets[field], event[field], true);
  });
  return bytes;
}

test('the layout is whole: a size, and an offset for every field inside it', () => {
  assert.ok(layout.bytes >= 32);
  for (const field of ['time_ms', 'seq', 'kind', 'lane', 'task', 'value']) {
    assert.ok(layout.offsets[field] >= 0 && layout.offsets[field] + 4 <= layout.bytes, field);
  }
});

test('decodeSlots reads every slot back, negative lanes and tasks included', () => {
  const written = [
    { time: 1733400000123.25, kind: Kind.run_start, lane: -1, task: 3, value: 4 },
    { time: 1733400000124.5, kind: Kind.task_start, lane: 2, task: 7, value: 0 },
    { time: 1733400000350, kind: Kind.task_end, lane: 2, task: 7, value: -123456 },
  ];
  assert.deepEqual(decodeSlots(slots(written)), written);
});

test('decodeSlots reads slots out of a larger buffer, and ignores a partial slot', () => {
  const bytes = slots([{ time: 5, kind: Kind.io_start, lane: 0, task: 1, value: 0 }]);
  const larger = new Uint8Array(bytes.length + 16 + 10);
  larger.set(bytes, 16);
  assert.deepEqual(decodeSlots(larger.subarray(16)), [{ time: 5, kind: Kind.io_start, lane: 0, task: 1, value: 0 }]);
});

test('an event kind the declaration lacks throws rather than compare with undefined', () => {
  assert.throws(() => Kind.no_such_kind, /No event kind "no_such_kind"/);
});
