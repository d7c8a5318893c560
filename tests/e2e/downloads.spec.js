// The downloads demo, on the page that offers most of its models: simulated downloads, one after another and
// on a thread pool under the GIL. (Every demo clamps what is out of range: demos.spec.js; the messages'
// words: themes/course/assets/js/lab/params.test.mjs.)
import { declaredDemos, widestEmbed } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import {
  MODELS,
  demoFigure,
  inputValue,
  reachDemo,
  readRun,
  runDemo,
  settledWorkerCount,
  startRun,
} from '../support/lab.js';

const demo = declaredDemos().find(({ id }) => id === 'downloads');
// The page that offers most of its models: one after another and a thread pool among them.
const where = widestEmbed(demo).page;

test(
  '8 downloads on 8 threads take under a third of the time of one after another',
  { tag: '@timed' },
  async ({ reader: page }) => {
    await page.goto(where);
    const figure = demoFigure(page, demo);
    await runDemo(figure, demo, { tasks: 8, workers: 8, latency_ms: 200 }, ['sequential', 'gil_threads']);
    const sequential = await readRun(figure, 'sequential');
    const threads = await readRun(figure, 'gil_threads');
    expect(threads.wallMs * 3).toBeLessThan(sequential.wallMs);
    expect(threads.lanes).toBe(8);
    await expect(figure.locator('.lab-results tbody tr').first()).toContainText('1,000');
    await expect(figure.locator('.lab-verdict')).toContainText('faster than one after another');
  },
);

// A lower bound only: a busy machine makes a run longer, never shorter than its waits.
test('on an event loop, a connection limit holds the other downloads back: 8 on 2 connections wait 4 times', async ({
  reader: page,
}) => {
  const embed = demo.embeds.find(({ models }) => models.includes('event_loop'));
  await page.goto(embed.page);
  const figure = demoFigure(page, demo);
  await reachDemo(figure);
  await expect(figure.getByLabel('Connections at once')).toBeVisible();
  await runDemo(figure, demo, { tasks: 8, latency_ms: 200, connections: 2 }, ['event_loop']);
  const limited = await readRun(figure, 'event_loop');
  expect(limited.results).toBe(8);
  expect(limited.wallMs / (4 * 200), 'four rounds of two downloads').toBeGreaterThan(0.95);
});

test("a cue clicked during a run leaves the run's values alone, and each result says what it ran with", async ({
  tab: page,
}) => {
  await page.goto(where);
  const figure = demoFigure(page, demo);
  await startRun(figure, demo, { tasks: 5, latency_ms: 2000 }, ['sequential']);
  await expect(figure.locator('.lab-bar').first()).toBeVisible();
  const cue = page
    .getByRole('list', { name: 'Transcript' })
    .getByRole('button', { name: /Load into the demo/ })
    .and(page.locator(`[data-demo="${demo.id}"]`))
    .first();
  await cue.click();
  await expect(figure.locator('.lab-message')).toContainText('A run is going on');
  expect(await inputValue(figure, demo, 'tasks')).toBe('5');
  await figure.getByRole('button', { name: 'Stop' }).click();
  await expect(figure).toHaveAttribute('data-state', 'ready');
  // One after another has no workers: its line leaves them out.
  await expect(figure.getByRole('region', { name: 'One after another' }).locator('.lab-values')).toHaveText(
    "Ran with Downloads 5 · Latency 2000 ms · Jitter 0 ± · Seed 1 · Python's own work per download 0 ms",
  );
});

test('a value that is not a number refuses the run', async ({ reader: page }) => {
  await page.goto(where);
  const figure = demoFigure(page, demo);
  await reachDemo(figure);
  await figure.getByRole('spinbutton', { name: /^Threads or processes/ }).fill('');
  await figure.getByRole('button', { name: 'Run' }).click();
  await expect(figure.getByText('Threads or processes needs a number from 1 to 16')).toBeVisible();
  await expect(figure.getByRole('region')).toHaveCount(0);
});

test('Reset brings back the defaults and clears the runs', async ({ reader: page }) => {
  await page.goto(where);
  const figure = demoFigure(page, demo);
  await runDemo(figure, demo, { tasks: 2, latency_ms: 10 });
  await figure.getByRole('button', { name: 'Reset' }).click();
  expect(await inputValue(figure, demo, 'tasks')).toBe('8');
  await expect(figure.getByRole('region')).toHaveCount(0);
});

test('twenty runs in a row leak no workers and no memory', async ({ reader: page }) => {
  test.setTimeout(120_000);
  await page.goto(where);
  const figure = demoFigure(page, demo);
  // gc() is there because playwright.config.js starts Chromium with --expose-gc.
  const heap = () =>
    page.evaluate(() => {
      gc();
      return performance.memory.usedJSHeapSize;
    });
  const measure = async () => ({ workers: await settledWorkerCount(page), heap: await heap() });
  await runDemo(figure, demo, { tasks: 4, workers: 4, latency_ms: 10 });
  const early = await measure();
  for (let run = 2; run <= 20; run += 1) await runDemo(figure, demo);
  const late = await measure();
  expect(late.workers).toBe(early.workers);
  expect(late.heap / early.heap).toBeLessThan(1.5);
});

// Starting a Web Worker costs a browser far more than a fork costs an OS (js/lab/runtime.js): a
// pool keeps as many workers started as its run used, and the next run starts none of its own.
test("a process pool's next run takes the workers its last run left started, and starts none", async ({
  reader: page,
}) => {
  const embed = demo.embeds.find(({ models }) => models.includes('processes'));
  expect(embed, 'a page offers the downloads on a process pool').toBeTruthy();
  await page.goto(embed.page);
  const figure = demoFigure(page, demo);
  await reachDemo(figure);
  const demoWorkers = await settledWorkerCount(page);
  const values = { tasks: 4, workers: 4, latency_ms: 10 };
  await runDemo(figure, demo, values, ['processes']);
  expect(await settledWorkerCount(page), 'four started for the next run').toBe(demoWorkers + 4);
  const startedBefore = new Set(page.workers());
  await startRun(figure, demo, { ...values, latency_ms: 5000 }, ['processes']);
  const pool = figure.getByRole('region', { name: MODELS.processes.label, exact: true });
  // Every process has its task under way: the pool is all there.
  await expect(pool.locator('.lab-lane').filter({ has: page.locator('.lab-bar') })).toHaveCount(4);
  const startedDuring = page.workers().filter((worker) => !startedBefore.has(worker));
  expect(startedDuring.map((worker) => worker.url())).toEqual([]);
  await figure.getByRole('button', { name: 'Stop' }).click();
  await expect(figure).toHaveAttribute('data-state', 'ready');
});
