// Every model of every declared demo: Stop ends its largest run at once and leaves no worker
// running. "At once" is a ratio: against the run's length where the demo declares one (its
// latency), against the run's own start where it does not (computing).
import { declaredDemos, pageOffering } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { MODELS, demoFigure, largestValues, readRun, settledWorkerCount, startRun } from '../support/lab.js';

for (const demo of declaredDemos()) {
  test.describe(`demo ${demo.id}`, { tag: '@timed' }, () => {
    const largest = largestValues(demo);
    for (const model of demo.models) {
      const where = pageOffering(demo, model);
      if (!where) continue; // demos.spec.js fails for it
      test(`Stop ends a long ${model} run at once and leaves nothing running`, async ({ reader: page }) => {
        test.setTimeout(60_000);
        await page.goto(where);
        const figure = demoFigure(page, demo);
        // The same run stopped at once first: the page keeps the workers a run of this size needs
        // (its pthread pool grows to them, a process pool keeps spares started), so count after that.
        await startRun(figure, demo, largest, [model]);
        await figure.getByRole('button', { name: 'Stop' }).click();
        await expect(figure).toHaveAttribute('data-state', 'ready');
        const workersBefore = await settledWorkerCount(page);
        const pressed = Date.now();
        await startRun(figure, demo, largest, [model]);
        await expect(figure.locator('.lab-bar').first()).toBeVisible();
        const clicked = Date.now();
        const startedIn = clicked - pressed;
        await figure.getByRole('button', { name: 'Stop' }).click();
        await expect(figure).toHaveAttribute('data-state', 'ready');
        const stoppedIn = Date.now() - clicked;
        await expect(figure.getByText('Stopped. Nothing is running now.')).toBeVisible();
        expect((await readRun(figure, model)).wallText).toMatch(/^stopped after/);
        // The largest run lasts minutes; stopping it takes a tiny fraction of that.
        const runMs =
          (largest.tasks * (largest.latency_ms ?? 0)) / (model === 'sequential' ? 1 : (largest.workers ?? 1));
        // Ending a pool of processes means ending up to 16 workers, some still starting: more slack.
        const slack = MODELS[model].backend === 'processes' ? 0.1 : 0.05;
        if (runMs > 0) expect(stoppedIn / runMs, "Stop against the run's length").toBeLessThan(slack);
        // A run of computing has no length known in advance: stopping it takes no longer than
        // starting it did (starting loads workers; stopping ends them), where a run that went on
        // to its end would take minutes.
        else expect(stoppedIn / startedIn, `stopped in ${stoppedIn} ms, started in ${startedIn} ms`).toBeLessThan(2);
        await expect.poll(() => page.workers().length).toBeLessThanOrEqual(workersBefore);
      });
    }
  });
}
