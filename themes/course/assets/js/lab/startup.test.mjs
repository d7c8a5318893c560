// startup.js: when each worker of a process pool is ready, by the start method models.json declares.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODELS } from './models.js';
import { firstTaskAfter, firstTaskCpuMs, startupSchedule } from './startup.js';

const sizes = { fork_ms: 10, spawn_ms: 100, forkserver_ms: 50, copy_on_write_ms: 30 };

test('fork: one worker after another, each fork_ms after the last', () => {
  assert.deepEqual(startupSchedule(MODELS.processes_fork.start, sizes, 4, 2), [10, 20, 30, 40]);
});

test('forkserver: the server first, then forks one after another', () => {
  assert.deepEqual(startupSchedule(MODELS.processes_forkserver.start, sizes, 3, 2), [60, 70, 80]);
});

test('spawn: all at once, their start-ups sharing the cores', () => {
  assert.deepEqual(startupSchedule(MODELS.processes_spawn.start, sizes, 4, 2), [200, 200, 200, 200]);
  // No more workers than cores: each has a core to itself.
  assert.deepEqual(startupSchedule(MODELS.processes_spawn.start, sizes, 2, 8), [100, 100]);
});

test('a pool without a declared start method is ready at once', () => {
  assert.deepEqual(startupSchedule(MODELS.processes.start, sizes, 3, 2), [0, 0, 0]);
});

test('fork and forkserver hand out no task before the last fork; spawn as soon as a worker is up', () => {
  assert.equal(firstTaskAfter(MODELS.processes_fork.start, sizes, 4, 2), 40);
  assert.equal(firstTaskAfter(MODELS.processes_forkserver.start, sizes, 3, 2), 80);
  assert.equal(firstTaskAfter(MODELS.processes_spawn.start, sizes, 4, 2), 0);
  assert.equal(firstTaskAfter(MODELS.processes.start, sizes, 3, 2), 0);
});

test("only a forked worker's first task pays for copy-on-write", () => {
  assert.equal(firstTaskCpuMs(MODELS.processes_fork.start, sizes), 30);
  for (const name of ['processes_spawn', 'processes_forkserver', 'processes']) {
    assert.equal(firstTaskCpuMs(MODELS[name].start, sizes), 0, name);
  }
  assert.equal(firstTaskCpuMs(MODELS.processes_fork.start, {}), 0, 'a demo without the parameter');
});
