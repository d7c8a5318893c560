// params.js: a value off its step or out of range is clamped, one not a number refuses the run,
// and each says why, quoting what the learner typed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampToSpec, readParams } from './params.js';

const workers = { name: 'workers', label: 'Workers', min: 1, max: 16, step: 1 };
const latency = { name: 'latency_ms', label: 'Latency', unit: 'ms', min: 0, max: 2000, step: 10 };
const share = { name: 'share', label: 'Share', min: 0, max: 1, step: 0.1 };

test('clampToSpec keeps a value on its step and in range as typed', () => {
  assert.equal(clampToSpec(8, workers), 8);
  assert.equal(clampToSpec(0.3, share), 0.3); // not 0.30000000000000004
});

test('clampToSpec moves a value to the nearest step, then into range', () => {
  assert.equal(clampToSpec(15, latency), 20);
  assert.equal(clampToSpec(14, latency), 10);
  assert.equal(clampToSpec(1e12, workers), 16);
  assert.equal(clampToSpec(-3, workers), 1);
  assert.equal(clampToSpec(0.36, share), 0.4);
});

// A form as readParams sees it: inputs by name, each with a value and attributes.
function form(values) {
  const elements = {};
  for (const [name, value] of Object.entries(values)) {
    const attributes = new Map();
    elements[name] = {
      value,
      setAttribute: (key, text) => attributes.set(key, text),
      removeAttribute: (key) => attributes.delete(key),
      invalid: () => attributes.get('aria-invalid') === 'true',
    };
  }
  return { elements };
}

test("readParams clamps, writes the used value back and says why, in the learner's words", () => {
  const inputs = form({ workers: '1e3', latency_ms: '15' });
  const { values, notes, refused } = readParams(inputs, [workers, latency], 'the run');
  assert.equal(refused, false);
  assert.deepEqual(values, [16, 20]);
  assert.deepEqual(notes, [
    'Workers: 1e3 is outside 1–16, so the run uses 16.',
    'Latency: 15 ms is not a multiple of 10 ms, so the run uses 20 ms.',
  ]);
  assert.equal(inputs.elements.workers.value, '16');
  assert.equal(inputs.elements.latency_ms.value, '20');
});

test('readParams refuses what is not a number, marks the input, and still reads the others', () => {
  const inputs = form({ workers: 'eight', latency_ms: ' ' });
  const { values, notes, refused } = readParams(inputs, [workers, latency]);
  assert.equal(refused, true);
  assert.deepEqual(values, []);
  assert.deepEqual(notes, ['Workers needs a number from 1 to 16.', 'Latency needs a number from 0 to 2000 ms.']);
  assert.ok(inputs.elements.workers.invalid() && inputs.elements.latency_ms.invalid());
});

test('readParams reads -0 as 0, with nothing to say where 0 is allowed', () => {
  const { values, notes } = readParams(form({ latency_ms: '-0' }), [latency]);
  assert.ok(Object.is(values[0], 0));
  assert.deepEqual(notes, []);
});

test('readParams quotes -0 as typed where it is out of range, and a value on its step says nothing', () => {
  const tasks = { name: 'tasks', label: 'Downloads', min: 1, max: 64, step: 1 };
  const jitter = { name: 'jitter', label: 'Jitter', min: 0, max: 1, step: 0.1 };
  const { values, notes } = readParams(form({ tasks: '-0', jitter: '0.3' }), [tasks, jitter]);
  assert.deepEqual(values, [1, 0.3]);
  assert.deepEqual(notes, ['Downloads: -0 is outside 1–64, so the demo uses 1.']);
});
