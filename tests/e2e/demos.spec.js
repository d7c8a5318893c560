// Every declared demo, on the page that shows it, runs to the end and can run again.
import { declaredDemos } from '../support/course.js';
import { expect, test } from './fixtures.js';
import { demoFigure, readRun, runDemo } from './lab.js';

const MODEL_LABELS = { sequential: 'One after another', threads: 'Thread pool' };

for (const demo of declaredDemos()) {
  test.describe(`demo ${demo.id}`, () => {
    const defaults = Object.fromEntries(demo.params.map((spec) => [spec.name, spec.default]));

    test('is shown on a page', () => {
      expect(demo.page, `no page embeds {{< demo "${demo.id}" >}}`).toBeTruthy();
    });

    test('runs every model to the end with its defaults, twice without a reload', async ({ page }) => {
      await page.goto(demo.page);
      const figure = demoFigure(page, demo);
      for (const attempt of [1, 2]) {
        await runDemo(figure, demo);
        for (const model of demo.models) {
          const run = await readRun(figure, MODEL_LABELS[model]);
          const lanes = model === 'sequential' ? 1 : Math.min(defaults.workers, defaults.tasks);
          expect(run.wallMs, `${model}, run ${attempt}`).toBeGreaterThan(0);
          expect(run.lanes, `${model}, run ${attempt}`).toBe(lanes);
          expect(run.results, `${model}, run ${attempt}`).toBe(defaults.tasks);
        }
      }
    });
  });
}
