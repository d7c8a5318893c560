// Every declared demo, on the page that shows it: every model runs to the end with the defaults,
// with a lane per worker; a page without the isolation headers runs what needs no shared memory
// and explains the rest. (Stop's bound, a timed check: demo-stop.spec.js.)
import { PORT_WITHOUT_HEADERS } from '../../playwright.config.js';
import { declaredDemos, widestEmbed } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import {
  MODELS,
  concerns,
  demoFigure,
  endsInDeadlock,
  failsByDefault,
  expectedLanes,
  inputFor,
  modelBox,
  reachDemo,
  readRun,
  runDemo,
  startRun,
} from '../support/lab.js';

const needsThreads = (model) => MODELS[model].backend === 'threads';

for (const demo of declaredDemos()) {
  test.describe(`demo ${demo.id}`, () => {
    const defaults = Object.fromEntries(demo.params.map((spec) => [spec.name, spec.default]));
    const failing = failsByDefault(demo);
    // The deadlock demo's defaults take two locks in opposite orders: its runs end deadlocked,
    // with no transfer finished (deadlock.spec.js reads what they show).
    const deadlocks = endsInDeadlock(demo);

    test('every model it declares is offered on some page', () => {
      expect(demo.embeds.length, `no page embeds {{< demo "${demo.id}" >}}`).toBeGreaterThan(0);
      const offered = new Set(demo.embeds.flatMap(({ models }) => models));
      expect([...offered].sort()).toEqual([...demo.models].sort());
    });

    for (const embed of demo.embeds) {
      test(`on ${embed.page}, runs every model it offers to the end with its defaults, a lane per worker`, async ({
        reader: page,
      }) => {
        test.setTimeout(180_000);
        await page.goto(embed.page);
        const figure = page.locator(`figure#${embed.figure}`);
        // A parameter shows where some offered model uses it, and each run names only its own.
        const shown = demo.params.filter((spec) => embed.models.some((model) => concerns(model, spec.name)));
        for (const spec of demo.params) {
          await expect(inputFor(figure, spec), spec.name)[shown.includes(spec) ? 'toBeVisible' : 'toBeHidden']();
        }
        await runDemo(figure, demo);
        for (const model of embed.models) {
          const run = await readRun(figure, model);
          const said = await figure
            .getByRole('region', { name: MODELS[model].label, exact: true })
            .locator('.lab-values')
            .textContent();
          for (const spec of shown)
            expect(said.includes(`${spec.label} `), `${model} names ${spec.name}`).toBe(concerns(model, spec.name));
          expect(run.wallMs, model).toBeGreaterThan(0);
          expect(run.lanes, model).toBe(expectedLanes(model, defaults.tasks, defaults.workers ?? 1));
          if (failing) {
            expect(run.ended, model).toBe(defaults.tasks);
            expect(run.results, model).toBeLessThan(defaults.tasks);
          } else {
            expect(run.results, model).toBe(deadlocks ? 0 : defaults.tasks);
          }
          expect(run.wallText.includes('deadlocked'), model).toBe(deadlocks);
        }
        // Runs that deadlocked have no wall time to compare.
        const chart = figure.getByRole('figure', { name: 'Wall time of each model' });
        if (deadlocks) await expect(chart).toHaveCount(0);
        else if (embed.models.length > 1) await expect(chart.getByRole('listitem')).toHaveCount(embed.models.length);
      });
    }

    if (demo.embeds.length === 0) return; // the first test fails for it
    // A browser that allows service workers gets the headers from the site's own (any-host.spec.js).
    test.describe('where the browser allows no service worker', () => {
      test.use({ serviceWorkers: 'block' });

      test('without the isolation headers, runs what needs no shared memory', async ({ page }) => {
        test.setTimeout(120_000);
        const { page: where, models } = widestEmbed(demo);
        await page.goto(`http://127.0.0.1:${PORT_WITHOUT_HEADERS}${where}`);
        const figure = demoFigure(page, demo);
        expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
        await reachDemo(figure);
        const threaded = models.filter(needsThreads);
        const others = models.filter((model) => !needsThreads(model));
        for (const model of threaded) await expect(modelBox(figure, model)).toBeDisabled();
        const explanation = figure.getByText(
          /^This site's host does not send the two headers \(Cross-Origin-Opener-Policy/,
        );
        if (threaded.length) await expect(explanation).toBeVisible();
        if (others.length === 0) return;
        await runDemo(figure, demo, { tasks: 2 }, others);
        for (const model of others) {
          const run = await readRun(figure, model);
          // A demo that fails by default may fail one of the two: each still ends.
          expect(failsByDefault(demo) ? run.ended : run.results, model).toBe(2);
        }
        // Reset brings the defaults back, not the threaded models, and keeps the explanation.
        await figure.getByRole('button', { name: 'Reset' }).click();
        for (const model of threaded) await expect(modelBox(figure, model)).not.toBeChecked();
        if (threaded.length) await expect(explanation).toBeVisible();
      });
    });
  });
}

// Numbers far outside every range: each is clamped where the learner can see it, and the run
// that follows uses the clamped values.
for (const demo of declaredDemos().filter(({ embeds }) => embeds.length)) {
  test(`demo ${demo.id} clamps enormous and negative numbers, and says so`, async ({ reader: page }) => {
    // The clamped run is the largest there is: on a busy machine it may end before Stop is pressed,
    // after seconds of computing.
    test.setTimeout(120_000);
    const [{ page: where, models }] = demo.embeds;
    await page.goto(where);
    const figure = demoFigure(page, demo);
    // A select's values are its choices: nothing to type out of range there.
    const numeric = demo.params.filter((spec) => !spec.choices);
    const huge = Object.fromEntries(numeric.map((spec) => [spec.name, spec.name === 'tasks' ? -3 : 1e12]));
    await startRun(figure, demo, huge, [models[0]]);
    for (const spec of numeric) {
      if (!(await inputFor(figure, spec).isVisible())) continue; // a parameter this page's models do not use
      const expected = spec.name === 'tasks' ? spec.min : spec.max;
      await expect(figure.getByText(new RegExp(`${spec.label}: .* is outside`))).toBeVisible();
      await expect(inputFor(figure, spec)).toHaveValue(String(expected));
    }
    // The clamped run may have ended while the messages were read (a single task, say).
    const stop = figure.getByRole('button', { name: 'Stop' });
    if (await stop.isEnabled()) await stop.click().catch(() => {});
    await expect(figure).toHaveAttribute('data-state', 'ready');
  });
}
