// The page side of running a lesson's program, without a page: splitting its arguments, the
// console's cap, tracebacks, and a run's events (as the worker sends them) made into the lab's
// record, sentence, table and trace. The events here are made up, in the shape the worker posts
// (themes/course/assets/js/python/worker.js); tests/e2e/python-editor.spec.js runs real programs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { events as CODES } from '@params';
import { RunRecord } from '../../themes/course/assets/js/lab/record.js';
import { traceOf } from '../../themes/course/assets/js/lab/trace.js';
import { splitArguments, joinArguments } from '../../themes/course/assets/js/python/args.js';
import { LineBuffer } from '../../themes/course/assets/js/python/console.js';
import { programModel } from '../../themes/course/assets/js/python/run-view.js';
import { lastLine } from '../../themes/course/assets/js/python/traceback.js';
import { traceProblems } from '../support/trace-format.js';

test('arguments split as a shell splits them', () => {
  const cases = [
    ['', []],
    ['  --workers   4 ', ['--workers', '4']],
    [`io 'two words' "say \\"hi\\"" a\\ b`, ['io', 'two words', 'say "hi"', 'a b']],
    [`'' ""`, ['', '']],
    [`--name='x y'z`, ['--name=x yz']],
  ];
  for (const [line, args] of cases) assert.deepEqual(splitArguments(line), { args, error: null }, line);
  for (const line of [`'open`, `"open`, `a "b c`]) {
    const { args, error } = splitArguments(line);
    assert.equal(args, null, line);
    assert.match(error, /unclosed (single|double) quote/, line);
  }
  const tricky = ['plain', 'with space', "it's", '', '$HOME'];
  assert.deepEqual(splitArguments(joinArguments(tricky)).args, tricky);
});

test('the console keeps the last lines of a flood and counts the rest', () => {
  const buffer = new LineBuffer(100);
  const flood = Array.from({ length: 100_000 }, (_, i) => `line ${i}\n`).join('');
  // In pieces, as the worker batches them, some cut mid-line.
  for (let at = 0; at < flood.length; at += 7919) buffer.write('stdout', flood.slice(at, at + 7919));
  assert.equal(buffer.lines.length, 100);
  assert.equal(buffer.dropped, 99_900);
  assert.equal(buffer.lines[0].text, 'line 99900');
  assert.equal(buffer.lines.at(-1).text, 'line 99999');
  buffer.clear();
  buffer.write('stdout', 'no newline yet');
  buffer.write('stdout', ', now\n');
  buffer.write('stderr', 'an error\n');
  assert.deepEqual(buffer.lines, [
    { stream: 'stdout', text: 'no newline yet, now' },
    { stream: 'stderr', text: 'an error' },
  ]);
});

test("a traceback's last frame in the learner's file is the line to show", () => {
  const text = [
    'Traceback (most recent call last):',
    '  File "io_sync.py", line 66, in <module>',
    '  File "io_sync.py", line 12, in main',
    '  File "/lib/requests.py", line 40, in get',
    'ValueError: no',
  ].join('\n');
  assert.equal(lastLine(text, 'io_sync.py'), 12);
  assert.equal(lastLine('  File "io_sync.py", line 5\n    def (\nSyntaxError: invalid syntax', 'io_sync.py'), 5);
  assert.equal(lastLine('KeyboardInterrupt', 'io_sync.py'), null);
});

// An asyncio run as the worker reports it: one lane (the loop), task 0 the main coroutine, three
// downloads that overlap their waits, and a fourth task whose step blocks the loop with time.sleep.
function asyncioRun() {
  const t0 = 1_000_000;
  const e = (at, kind, task, value = 0) => ({ time: t0 + at, kind: CODES[kind], lane: 0, task, value });
  const list = [e(0, 'run_start', -1, 1), e(0, 'task_start', 0), e(0, 'step_start', 0)];
  for (const task of [1, 2, 3]) list.push(e(1, 'task_start', task));
  list.push(e(2, 'step_end', 0));
  for (const task of [1, 2, 3]) {
    list.push(e(2 + task, 'step_start', task), e(2 + task, 'io_start', task), e(3 + task, 'step_end', task));
  }
  list.push(
    e(6, 'task_start', 4),
    e(7, 'step_start', 4),
    e(7, 'blocked_start', 4),
    e(307, 'blocked_end', 4),
    e(307, 'step_end', 4),
    e(307, 'slow_step', 4, 300),
    e(307, 'task_end', 4, 0),
  );
  for (const task of [1, 2, 3]) {
    list.push(
      e(307 + task, 'io_end', task),
      e(307 + task, 'step_start', task),
      e(308 + task, 'step_end', task),
      e(308 + task, 'task_end', task, 1024),
    );
  }
  list.push(e(312, 'step_start', 0), e(313, 'step_end', 0), e(313, 'task_end', 0, 0), e(313, 'run_end', -1, 0));
  return { t0, list };
}

test("a learner's asyncio run becomes the lab's record: a task per row, waits and the blocking call", () => {
  const { t0, list } = asyncioRun();
  const model = programModel('io_asyncio.py');
  model.lane = 'event loop';
  const events = list.slice(0, -1).map((event) => ({ ...event, at: event.time - t0 }));
  const record = new RunRecord({ events, wallMs: 313, lanes: 1, laneName: model.laneName });
  const times = record.taskTimes();
  assert.equal(times.length, 5);
  assert.ok(
    times.every((task) => task.outcome === 'done'),
    'every task finished',
  );
  // The downloads waited on I/O through the blocking call: it held the loop for 300 ms.
  for (const id of [1, 2, 3]) assert.ok(times[id].byState.io > 290, `task ${id} waited on I/O`);
  assert.ok(times[4].byState.blocked >= 300, 'task 4 blocked the loop');
  assert.match(
    record.sentence(100),
    /the event loop is stuck in task 5's blocking call; task 1 is ready; tasks 2, 3 and 4 wait on I\/O/,
  );
  assert.match(record.summary(), /event loop spent \d+% of the run blocked by a blocking call/);
  const trace = traceOf(record, model, { program: 'io_asyncio.py' });
  assert.deepEqual(traceProblems(trace), []);
  // A track per task: an event loop's tasks overlap.
  const tracks = trace.traceEvents.filter((event) => event.ph === 'M' && event.name === 'thread_name');
  assert.ok(tracks.length >= 6, 'the loop and a track per task');
});

test('a sequential run is one lane, the main thread, with its downloads as I/O', () => {
  const model = programModel('io_sync.py');
  const e = (at, kind, value = 0) => ({ at, kind: CODES[kind], lane: 0, task: 0, value });
  const events = [
    e(0, 'task_start'),
    e(1, 'io_start'),
    e(201, 'io_end'),
    e(202, 'io_start'),
    e(402, 'io_end'),
    e(403, 'task_end'),
  ];
  const record = new RunRecord({ events, wallMs: 403, lanes: 1, laneName: model.laneName });
  assert.equal(model.laneName(0), 'main thread');
  assert.match(record.sentence(100), /^At 100 ms: the main thread waits on I\/O \(task 1\)\.$/);
  assert.ok(record.taskTimes()[0].byState.io === 400);
});
