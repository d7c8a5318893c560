import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interruptView } from './interrupt.js';

const buffer = () => new Int32Array(new SharedArrayBuffer(4));

// Pyodide's look for Stop, in its two steps, with what the page does in between.
function look(view, between = () => {}) {
  const signal = view[0];
  between();
  view[0] = 0;
  return signal;
}

test('a Stop stored between the read and the clear is kept for the next look', () => {
  const shared = buffer();
  const view = interruptView(shared);
  assert.equal(
    look(view, () => Atomics.store(shared, 0, 2)),
    0,
  );
  assert.equal(shared[0], 2);
  assert.equal(look(view), 2);
  assert.equal(shared[0], 0);
});

test('a Stop that was read is cleared, once', () => {
  const shared = buffer();
  const view = interruptView(shared);
  Atomics.store(shared, 0, 2);
  assert.equal(look(view), 2);
  assert.equal(look(view), 0);
});

test('a signal written through the view reaches the buffer', () => {
  const shared = buffer();
  interruptView(shared)[0] = 2;
  assert.equal(shared[0], 2);
});

test('the plain two steps lose that Stop: what the view is for', () => {
  const shared = buffer();
  assert.equal(
    look(shared, () => Atomics.store(shared, 0, 2)),
    0,
  );
  assert.equal(shared[0], 0);
});
