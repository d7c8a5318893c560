// The racy counter ({{< race-counter >}}), on whichever lesson page embeds it, as a learner uses
// it: Run a batch, read each variant's histogram and its table. Its parameters and variants are
// declared once, in wasm/race/race.json, which this reads too.
import { readFileSync, readdirSync } from 'node:fs';
import { PORT_WITHOUT_HEADERS } from '../../playwright.config.js';
import { expect, test } from '../support/fixtures.js';
import { axeViolations } from '../support/axe.js';

const DECLARED = JSON.parse(readFileSync('wasm/race/race.json', 'utf8'));
const label = (id) => DECLARED.variants.find((variant) => variant.id === id).label;
const spec = (name) => DECLARED.params.find((param) => param.name === name);

// The first built lesson page that embeds the counter: the lesson that does is written apart
// from the widget, so the test finds it rather than naming it.
function pageWithTheCounter() {
  for (const slug of readdirSync('public/lessons', { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const html = readFileSync(`public/lessons/${slug.name}/index.html`, 'utf8');
    if (/<figure\b[^>]*\bdata-race=/.test(html)) return `/lessons/${slug.name}/`;
  }
  throw new Error('No page in public/lessons/*/index.html embeds {{< race-counter >}}: nothing to test.');
}
const LESSON = pageWithTheCounter();

const counter = (page) => page.getByRole('figure', { name: DECLARED.title });

async function setValues(figure, values) {
  for (const [name, value] of Object.entries(values)) {
    await figure.getByLabel(spec(name).label, { exact: true }).fill(String(value));
  }
}

async function chooseVariants(figure, ids) {
  for (const variant of DECLARED.variants) {
    await figure.getByRole('checkbox', { name: variant.label, exact: true }).setChecked(ids.includes(variant.id));
  }
}

async function runBatch(figure) {
  await figure.getByRole('button', { name: 'Run' }).click();
  await expect(figure).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(figure.getByRole('button', { name: 'Run' })).toBeEnabled();
}

// A variant's final counts from its table, the histogram's text: { count: runs }.
async function readCounts(figure, id) {
  const region = figure.getByRole('region', { name: label(id), exact: true });
  const details = region.locator('details');
  if (!(await details.evaluate((node) => node.open))) await details.getByText('The final counts as a table').click();
  const counts = {};
  for (const row of await region.locator('table tbody').getByRole('row').all()) {
    const count = Number((await row.getByRole('rowheader').textContent()).replaceAll(',', ''));
    counts[count] = Number(await row.getByRole('cell').first().textContent());
  }
  return { region, counts, summary: await region.locator('.race-summary').textContent() };
}

const number = (n) => n.toLocaleString('en-US');

test(
  'the defaults show the race: many final counts without a lock, the right one with a lock or an atomic add',
  { tag: '@timed' },
  async ({ reader: page }) => {
    test.setTimeout(300_000);
    await page.goto(LESSON);
    const figure = counter(page);
    const value = (name) => spec(name).default;
    const runs = value('runs');
    const right = value('threads') * value('increments');
    await runBatch(figure);
    const figures = {};
    for (const { id } of DECLARED.variants) {
      const { region, counts, summary } = await readCounts(figure, id);
      const values = Object.keys(counts).map(Number);
      figures[id] = summary;
      expect(
        Object.values(counts).reduce((a, b) => a + b, 0),
        id,
      ).toBe(runs);
      expect(Math.max(...values), `${id} never counts more than it was asked to`).toBeLessThanOrEqual(right);
      expect(summary).toMatch(new RegExp(`^Lost updates in \\d+ of ${runs} runs; worst: [\\d,]+ of ${number(right)}`));
      await expect(region.getByRole('img')).toBeVisible();
      await expect(region.getByText(`${number(right)}: right answer`)).toBeVisible();
      if (['gil', 'lock', 'atomic_add'].includes(id)) expect(values, id).toEqual([right]);
    }
    // Whether threads overlap is up to the scheduler: a few more batches of the racy variant alone
    // if the first showed one count only. The bar itself never moves.
    let { counts } = await readCounts(figure, 'free_threaded');
    await chooseVariants(figure, ['free_threaded']);
    for (let retry = 0; retry < 3 && Object.keys(counts).length < 2; ++retry) {
      await runBatch(figure);
      ({ counts } = await readCounts(figure, 'free_threaded'));
    }
    expect(Object.keys(counts).length, 'distinct final counts without a lock, on real threads').toBeGreaterThanOrEqual(
      2,
    );
    console.log(JSON.stringify(figures, null, 1)); // for the record
  },
);

test('out-of-range values are clamped with a message, and a box without a number refuses the run', async ({
  reader: page,
}) => {
  test.setTimeout(120_000);
  await page.goto(LESSON);
  const figure = counter(page);
  await chooseVariants(figure, ['lock']);
  await setValues(figure, { threads: 99, increments: 0, runs: 500 });
  await runBatch(figure);
  const notice = figure.locator('.lab-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(
    `Threads: 99 is outside 1–${spec('threads').max}, so the demo uses ${spec('threads').max}.`,
  );
  await expect(notice).toContainText('Increments per thread: 0 is outside');
  await expect(notice).toContainText(
    `Runs: 500 is outside 1–${spec('runs').max}, so the demo uses ${spec('runs').max}.`,
  );
  await expect(figure.getByLabel('Threads', { exact: true })).toHaveValue(String(spec('threads').max));
  const { counts } = await readCounts(figure, 'lock');
  expect(counts).toEqual({ [spec('threads').max]: spec('runs').max });

  await setValues(figure, { runs: '' });
  await figure.getByRole('button', { name: 'Run' }).click();
  await expect(figure.getByRole('status')).toHaveText('Nothing ran: give every box a number.');
  await expect(notice).toHaveText(`Runs needs a number from 1 to ${spec('runs').max}.`);
  await expect(figure.getByLabel('Runs', { exact: true })).toHaveAttribute('aria-invalid', 'true');
});

test(
  'Stop ends a batch at once, whenever it comes, and a later batch works',
  { tag: '@timed' },
  async ({ reader: page }) => {
    test.setTimeout(120_000);
    await page.goto(LESSON);
    const figure = counter(page);
    const run = figure.getByRole('button', { name: 'Run' });
    const stop = figure.getByRole('button', { name: 'Stop' });
    await setValues(figure, {
      threads: spec('threads').max,
      increments: spec('increments').max,
      runs: spec('runs').max,
    });

    // Before the module has even loaded.
    await run.click();
    await stop.click();
    await expect(figure).toHaveAttribute('data-state', 'stopped');

    // In the middle of the largest batch of each kind of variant: real threads, a GIL, a lock.
    const runs = spec('runs').max;
    const status = figure.getByRole('status');
    const runsDone = async () => Number(/: run (\d+) of \d+$/.exec(await status.textContent())?.[1] ?? 0);
    for (const id of ['free_threaded', 'gil_split', 'lock']) {
      await chooseVariants(figure, [id]);
      const started = Date.now();
      await run.click();
      // Past its first run: a short run may be gone before a poll sees "run 2", so read the number.
      await expect.poll(runsDone, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      const finished = (await runsDone()) - 1; // the status names the run under way
      const elapsed = Date.now() - started;
      // Timed in the page, from the click's arrival to the batch's end: Playwright's own click
      // waits for animation frames, which a page sharing two cores with eight busy threads gets late.
      const timing = figure.evaluate(
        (node) =>
          new Promise((resolve) => {
            let clicked = 0;
            node.querySelector('button[name="stop"]').addEventListener(
              'click',
              () => {
                clicked = performance.now();
              },
              { once: true },
            );
            new MutationObserver((_, observer) => {
              if (node.dataset.state !== 'stopped') return;
              observer.disconnect();
              resolve(performance.now() - clicked);
            }).observe(node, { attributes: true, attributeFilter: ['data-state'] });
          }),
      );
      await stop.click();
      const stoppedIn = Math.round(await timing);
      // "At once" is a ratio: against the whole batch, each run as long as the first ones took (an
      // estimate on the long side: it counts the start). A Stop that waited for the batch to end
      // would take all of it.
      const batchMs = Math.round((elapsed / finished) * runs);
      expect(stoppedIn / batchMs, `${id}: stopped in ${stoppedIn} ms, the batch about ${batchMs} ms`).toBeLessThan(
        0.05,
      );
      await expect(figure.getByRole('region', { name: label(id) }).locator('.race-summary')).toHaveText(
        new RegExp(`^Stopped after \\d+ of ${runs} runs`),
      );
      await expect(run).toBeEnabled();
      console.log(`${id}: stopped in ${stoppedIn} ms; the batch about ${batchMs} ms`);
    }

    await chooseVariants(figure, ['atomic_add']);
    await setValues(figure, { threads: 2, increments: 1000, runs: 5 });
    await runBatch(figure);
    expect((await readCounts(figure, 'atomic_add')).counts).toEqual({ 2000: 5 });
  },
);

test('a batch goes on in a background tab, with no animation frames and slow timers', async ({ tab: page }) => {
  await page.addInitScript(() => {
    window.requestAnimationFrame = () => 0;
    const timeout = window.setTimeout.bind(window);
    window.setTimeout = (callback, ms = 0, ...args) => timeout(callback, Math.max(ms, 1000), ...args);
    Object.defineProperty(document, 'hidden', { get: () => true });
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
  });
  await page.goto(LESSON);
  const figure = counter(page);
  await chooseVariants(figure, ['free_threaded', 'gil']);
  await setValues(figure, { increments: 20_000, runs: 20 });
  await runBatch(figure);
  expect((await readCounts(figure, 'gil')).counts).toEqual({ [4 * 20_000]: 20 });
});

// A browser that allows service workers gets the headers from the site's own (any-host.spec.js).
test.describe('where the browser allows no service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('without the isolation headers, it says why it cannot run and throws nothing', async ({ page }) => {
    await page.goto(`http://127.0.0.1:${PORT_WITHOUT_HEADERS}${LESSON}`);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
    const figure = counter(page);
    await expect(figure).toHaveAttribute('data-state', 'unavailable');
    await expect(figure.locator('.lab-notice')).toHaveText(
      /^This site's host does not send the two headers .* This demo needs threads that share memory: it cannot run without them\.$/,
    );
    await expect(figure.getByRole('status')).toHaveText(/Threads are not available on this page/);
    await expect(figure.getByRole('button', { name: 'Run' })).toBeDisabled();
  });

  test('after a batch, and without isolation, the counter has no accessibility violations', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(LESSON);
    const figure = counter(page);
    await setValues(figure, { increments: 10_000, runs: 10 });
    await runBatch(figure);
    for (const region of await figure.getByRole('region').all()) await region.locator('summary').click();
    for (const address of [LESSON, `http://127.0.0.1:${PORT_WITHOUT_HEADERS}${LESSON}`]) {
      if (address !== LESSON) await page.goto(address);
      expect(await axeViolations(page, '[data-race]'), address).toEqual([]);
    }
  });
});
