// record.js: a run's events become each task's states end to end, each lane's state at any moment,
// and the moments where something changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kind } from './events.js';
import { RunRecord } from './record.js';

const event = (at, kind, lane, task, value = 0) => ({ at, kind, lane, task, value });
const lanes = (names) => ({ lanes: names.length, laneName: (i) => names[i] });

// Two downloads on two threads under one global lock: each waits 100 ms for the network; the second
// waits 5 ms for the lock when its answer comes back, while the first runs.
const threads = new RunRecord({
  wallMs: 130,
  holdsGil: true,
  ...lanes(['thread 1', 'thread 2']),
  events: [
    event(0, Kind.run_start, -1, 0, 2),
    event(0, Kind.task_start, 0, 0),
    event(0, Kind.io_start, 0, 0),
    event(1, Kind.task_start, 1, 1),
    event(1, Kind.io_start, 1, 1),
    event(100, Kind.io_end, 0, 0),
    event(101, Kind.io_end, 1, 1),
    event(101, Kind.gil_wait_start, 1, 1),
    event(106, Kind.gil_wait_end, 1, 1),
    event(110, Kind.task_end, 0, 0, 42),
    event(120, Kind.task_end, 1, 1, 43),
    event(130, Kind.run_end, -1, 0, 0),
  ],
});

test('every task is cut into states that cover it end to end', () => {
  for (const task of threads.tasks) {
    assert.equal(task.spans[0].start, task.start);
    assert.equal(task.spans.at(-1).end, task.end);
    for (let i = 1; i < task.spans.length; i += 1) assert.equal(task.spans[i].start, task.spans[i - 1].end);
  }
  assert.deepEqual(
    threads.tasks[1].spans.map(({ state, start, end }) => [state, start, end]),
    [
      ['io', 1, 101],
      ['gil', 101, 106],
      ['running', 106, 120],
    ],
  );
});

test('a task ended with its result is finished, with that result', () => {
  assert.deepEqual(
    threads.tasks.map(({ finished, result, outcome }) => [finished, result, outcome]),
    [
      [true, 42, 'done'],
      [true, 43, 'done'],
    ],
  );
});

test("each lane's state at a moment, and the sentence for it", () => {
  assert.equal(threads.laneAt(0, 50).state, 'io');
  assert.equal(threads.laneAt(1, 103).state, 'gil');
  assert.equal(threads.laneAt(0, 125).state, 'done');
  // Tasks are counted from 1 in what a learner reads.
  assert.match(threads.describeLane(0, 105), /^thread 1 runs task 1, holding /);
});

test('the moments where something changed, in order, from 0 to the end', () => {
  assert.deepEqual(threads.moments, [0, 1, 100, 101, 106, 110, 120, 130]);
});

test("a task the run stopped before it finished is not finished, and lasts to the run's end", () => {
  const stopped = new RunRecord({
    wallMs: 50,
    ...lanes(['main thread']),
    events: [event(0, Kind.task_start, 0, 0), event(0, Kind.io_start, 0, 0)],
  });
  assert.equal(stopped.tasks[0].finished, false);
  assert.equal(stopped.tasks[0].end, 50);
  assert.equal(stopped.laneAt(0, 49).state, 'io');
});
