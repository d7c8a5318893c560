// The latency probes on the latency lesson, as a learner uses them: press Run, read the table.
// Their rows are declared once, in site/data/probes.toml: every declared probe must yield a
// positive, finite figure, in the order physics guarantees; on a page without the isolation
// headers, the probes that need threads say why they cannot run and the others still do.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { PORT_WITHOUT_HEADERS } from '../../playwright.config.js';
import { expect, test } from '../support/fixtures.js';
import { axeViolations } from '../support/axe.js';

const DECLARED = parse(readFileSync('site/data/probes.toml', 'utf8'));
const LESSON = '/lessons/latency/';
const needsThreads = (probe) => probe.needs === 'threads';

const FIGURE = /^\d+(\.\d+)? (ns|µs|ms|s)$/;
const SCALED = /^\d+(\.\d+)? (second|minute|hour|day|month|year)s?$/;

// Presses Run twice in quick succession, as an impatient learner does, and waits for the end.
// Returns the table and what each row measured: { id: ns }, NaN where it shows no figure.
async function runProbes(page, address) {
  const fetches = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/probes/ping.txt')) fetches.push(request.url());
  });
  await page.goto(address);
  const probes = page.getByRole('figure', { name: DECLARED.title });
  const table = probes.getByRole('table', { name: /^Measured in this browser/ });
  const run = probes.getByRole('button', { name: 'Run' });
  await expect(run).toBeEnabled();
  await run.dblclick();
  await expect(probes).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(probes.getByRole('status')).toHaveText(/^Done in \d+(\.\d)? s\./);
  await expect(run).toBeEnabled();
  // One run, whatever the second press did: the fetch probe asked for its file so many times.
  const perRun = Number(
    /median of (\d+) fetches/.exec(await table.getByRole('row').filter({ hasText: 'fetched' }).textContent())[1],
  );
  expect(fetches).toHaveLength(perRun);
  expect(new Set(fetches).size, 'each fetch its own address, past any cache').toBe(perRun);

  const rows = table.locator('tbody').getByRole('row');
  await expect(rows).toHaveCount(DECLARED.probes.length);
  const figures = {};
  for (const probe of DECLARED.probes) {
    const row = rows.filter({ has: page.getByRole('rowheader', { name: probe.label }) });
    await expect(row).toHaveCount(1);
    const ns = await row.locator('td').first().getAttribute('data-ns');
    figures[probe.id] = ns === null ? NaN : Number(ns);
  }
  return { probes, table, rows, figures };
}

async function expectMeasured(rows, probe, ns) {
  expect(Number.isFinite(ns) && ns > 0, `${probe.id}: ${ns}`).toBe(true);
  const cells = rows.filter({ hasText: probe.label }).getByRole('cell');
  await expect(cells.nth(0)).toHaveText(FIGURE);
  await expect(cells.nth(1)).toHaveText(SCALED);
}

test('seven probes are declared, two of them needing threads', () => {
  expect(DECLARED.probes).toHaveLength(7);
  expect(DECLARED.probes.filter(needsThreads).map(({ id }) => id)).toEqual(['atomic_add', 'mutex_handover']);
});

test(
  'on a cross-origin isolated page, every probe measures, in the order physics guarantees',
  { tag: '@timed' },
  async ({ tab: page }) => {
    const { probes, rows, figures } = await runProbes(page, LESSON);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    for (const probe of DECLARED.probes) await expectMeasured(rows, probe, figures[probe.id]);
    expect(figures.sequential_read).toBeLessThan(figures.random_read);
    expect(figures.atomic_add).toBeLessThan(figures.mutex_handover);
    expect(figures.atomic_add).toBeLessThan(figures.worker_round_trip);
    expect(figures.worker_round_trip).toBeLessThan(figures.fetch);
    // The reference figures beside them, labelled as such.
    const reference = probes.getByRole('table', { name: 'For reference: typical figures, not measured here' });
    await expect(reference.locator('tbody').getByRole('row')).toHaveCount(DECLARED.references.length);
    for (const cell of await reference.locator('tbody td').all()) await expect(cell).toHaveText(/^~\d/);
    console.log(await probes.getByRole('status').textContent(), JSON.stringify(figures)); // for the record
  },
);

test('a second run measures again and leaves no extra worker behind', async ({ tab: page }) => {
  const { probes } = await runProbes(page, LESSON);
  const workers = page.workers().length;
  await probes.getByRole('button', { name: 'Run' }).click();
  await expect(probes).toHaveAttribute('data-state', 'running');
  await expect(probes).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(page.workers().length).toBe(workers);
});

// A browser that allows service workers gets the headers from the site's own (any-host.spec.js).
test.describe('where the browser allows no service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test(
    'without the isolation headers, the thread probes say why not and the others measure',
    { tag: '@timed' },
    async ({ page }) => {
      const { probes, rows, figures } = await runProbes(page, `http://127.0.0.1:${PORT_WITHOUT_HEADERS}${LESSON}`);
      expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
      for (const probe of DECLARED.probes) {
        if (!needsThreads(probe)) {
          await expectMeasured(rows, probe, figures[probe.id]);
          continue;
        }
        expect(figures[probe.id], probe.id).toBeNaN();
        const reason = rows.filter({ hasText: probe.label }).getByRole('cell');
        await expect(reason).toHaveText(DECLARED.unavailable.threads);
      }
      await expect(probes.locator('.lab-notice')).toHaveText(
        /^This site's host does not send the two headers .* The probes that need threads say so in their rows; the others measure as usual\.$/,
      );
      expect(figures.sequential_read).toBeLessThan(figures.random_read);
      expect(figures.worker_round_trip).toBeLessThan(figures.fetch);
      console.log(await probes.getByRole('status').textContent(), JSON.stringify(figures));
    },
  );

  test('after a run, with and without isolation, the probes have no accessibility violations', async ({ page }) => {
    for (const address of [LESSON, `http://127.0.0.1:${PORT_WITHOUT_HEADERS}${LESSON}`]) {
      await runProbes(page, address);
      expect(await axeViolations(page, '[data-probes]'), address).toEqual([]);
    }
  });
});
