// The deadlock demo: two threads take two locks in opposite orders; the lab finds the cycle, names
// it on the page and ends the run by itself; in one order, the same transfers all finish.
import { declaredDemos } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, readRun, runDemo, startRun } from '../support/lab.js';

const demo = declaredDemos().find(({ id }) => id === 'deadlock');
const OPPOSITE = 0;
const ONE_ORDER = 1;

test.describe('the deadlock demo', { tag: '@timed' }, () => {
  test.beforeEach(() => {
    if (!demo?.page) throw new Error('No lesson embeds the deadlock demo (wasm/demos/deadlock).');
  });

  test('ends a deadlocked run by itself, names the cycle, and runs again in one lock order', async ({
    reader: page,
  }) => {
    await page.goto(demo.page);
    const figure = demoFigure(page, demo);
    // No Stop pressed: the run must end on its own.
    await runDemo(figure, demo, { tasks: 2, workers: 2, lock_order: OPPOSITE, hold_ms: 100 });
    await expect(figure.locator('.lab-message')).toContainText('Deadlock');
    for (const run of await figure.locator('.lab-run').all()) {
      await expect(run.locator('h3 output')).toContainText('deadlocked');
      // Which thread takes which transfer is the pool's race: on a busy machine thread 2 may
      // start first. Either way the cycle is the same, one lock each.
      await expect(run.locator('.lab-findings')).toContainText(
        /thread 1 holds A and waits for B; thread 2 holds B and waits for A|thread 1 holds B and waits for A; thread 2 holds A and waits for B/,
      );
      await expect(run.locator('.lab-bar.is-deadlocked')).toHaveCount(2);
    }
    // The same page, no reload: one lock order lets every transfer finish.
    await runDemo(figure, demo, { tasks: 4, workers: 4, lock_order: ONE_ORDER, hold_ms: 50 });
    await expect(figure.locator('.lab-message')).toContainText('Done');
    await expect(figure.locator('.lab-findings')).toHaveCount(0);
    for (const model of demo.embeds[0].models) {
      const run = await readRun(figure, model);
      expect(run.wallText).not.toContain('deadlocked');
      expect(run.results).toBe(4);
    }
    // Threads that had to wait for lock A are drawn waiting for it.
    await expect(figure.locator('.lab-seg.is-lock').first()).toBeAttached();
  });

  test('a thread waiting outside the cycle is released too, and Stop ends a long wait for a lock', async ({
    reader: page,
  }) => {
    await page.goto(demo.page);
    const figure = demoFigure(page, demo);
    await runDemo(figure, demo, { tasks: 3, workers: 3, lock_order: OPPOSITE, hold_ms: 100 });
    // Which pool thread took which transfer varies; the cycle is always one A-then-B and one B-then-A.
    const findings = figure.locator('.lab-findings').first();
    await expect(findings).toContainText(/thread \d holds A and waits for B/);
    await expect(findings).toContainText(/thread \d holds B and waits for A/);
    // One order, long holds: the other threads wait for lock A when the learner presses Stop.
    await startRun(figure, demo, { tasks: 4, workers: 4, lock_order: ONE_ORDER, hold_ms: 1000 });
    await expect(figure.locator('.lab-seg.is-lock').first()).toBeAttached();
    await figure.getByRole('button', { name: 'Stop' }).click();
    await expect(figure).toHaveAttribute('data-state', 'ready');
    await expect(figure.locator('.lab-message')).toContainText('Stopped');
  });
});
