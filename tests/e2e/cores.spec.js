// The cores models, read off the timeline as a learner reads it: on one core the tasks are all in
// progress but never compute at the same instant; with a core each, they compute side by side.
import { declaredDemos, pageOffering } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { MODELS, demoFigure, runDemo } from '../support/lab.js';

const demo = declaredDemos().find(({ id }) => id === 'cores');
const TASKS = 3;

// Each task's running stretches, in pixels along the timeline: its bar less its waits for a core.
async function runningSlices(figure, model) {
  const run = figure.getByRole('region', { name: MODELS[model].label, exact: true });
  return run.locator('.lab-bar:not(.is-startup)').evaluateAll((bars) =>
    bars.map((bar) => {
      const { left, right } = bar.getBoundingClientRect();
      const waits = [...bar.querySelectorAll('.lab-seg.is-core')]
        .map((seg) => seg.getBoundingClientRect())
        .sort((a, b) => a.left - b.left);
      const slices = [];
      let from = left;
      for (const wait of waits) {
        if (wait.left > from) slices.push([from, wait.left]);
        from = Math.max(from, wait.right);
      }
      if (right > from) slices.push([from, right]);
      return { left, right, slices };
    }),
  );
}

// The longest stretch, in pixels, during which two different tasks both run.
function mostOverlap(tasks) {
  let most = 0;
  for (let a = 0; a < tasks.length; a += 1) {
    for (let b = a + 1; b < tasks.length; b += 1) {
      for (const [aFrom, aTo] of tasks[a].slices) {
        for (const [bFrom, bTo] of tasks[b].slices) most = Math.max(most, Math.min(aTo, bTo) - Math.max(aFrom, bFrom));
      }
    }
  }
  return most;
}

// Several runs, at time slices short beside a task's work (200 million steps, 80-160 ms here), so
// that each task gets several: two tasks drawn running at once showed in about one run in three
// on a busy machine, when a thread that had to wait for the core was descheduled between logging
// its start and its wait. The model now logs both at one instant (wasm/runtime/lab/cores.cc).
const ONE_CORE_RUNS = [10, 5, 10, 5, 10];

test(
  'one core: every task is in progress at once, but no two ever compute at the same instant',
  { tag: '@timed' },
  async ({ reader: page }) => {
    test.setTimeout(240_000);
    expect(demo, 'wasm/demos/cores is declared').toBeTruthy();
    await page.goto(pageOffering(demo, 'one_core'));
    const figure = demoFigure(page, demo);
    for (const [round, quantum] of ONE_CORE_RUNS.entries()) {
      await runDemo(figure, demo, { tasks: TASKS, quantum_ms: quantum, millions: 200 }, ['one_core']);
      const tasks = await runningSlices(figure, 'one_core');
      expect(tasks, `run ${round + 1}`).toHaveLength(TASKS);
      // All in progress together: each task starts before any has finished.
      const firstEnd = Math.min(...tasks.map((t) => t.right));
      for (const task of tasks) expect(task.left, `run ${round + 1}`).toBeLessThan(firstEnd);
      // Taking turns: many slices each, and never two running at once (a pixel of rounding aside).
      for (const task of tasks) expect(task.slices.length, `run ${round + 1}`).toBeGreaterThan(2);
      expect(mostOverlap(tasks), `run ${round + 1}: px during which two tasks both run`).toBeLessThanOrEqual(1.5);
    }
  },
);

test('a core for every task: the tasks compute side by side', { tag: '@timed' }, async ({ reader: page }) => {
  test.setTimeout(120_000);
  await page.goto(pageOffering(demo, 'many_cores'));
  const figure = demoFigure(page, demo);
  // Twice, as the lesson says to: the first run after the demo loads can be slower while the
  // browser compiles its code. Seen once in a fresh run, in the first run: task 1 computed from 3
  // to 173 ms, tasks 2 and 3 took 70 ms from 41 ms, so they overlapped for less than half of it.
  const values = { tasks: TASKS, cores: TASKS, quantum_ms: 10, millions: 100 };
  await runDemo(figure, demo, values, ['many_cores']);
  await runDemo(figure, demo, values, ['many_cores']);
  const tasks = await runningSlices(figure, 'many_cores');
  expect(tasks).toHaveLength(TASKS);
  const width = Math.max(...tasks.map((t) => t.right)) - Math.min(...tasks.map((t) => t.left));
  // Running together for most of the run, not by turns.
  expect(mostOverlap(tasks) / width).toBeGreaterThan(0.5);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(figure.getByText(`This device has ${cores}.`)).toBeVisible();
});
