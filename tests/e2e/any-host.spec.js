// A host that sends no headers (tests/support/serve.mjs --without-headers, like GitHub Pages):
// the site's service worker ([params] isolationServiceWorker, js/site/isolation.js) isolates the
// page after one reload and the threaded models run; where the browser allows no service worker,
// the page falls back and says why; on a host that sends the headers, the helper does nothing.
import { PORT_WITHOUT_HEADERS } from '../../playwright.config.js';
import { declaredDemos } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { MODELS, demoFigure, expectedLanes, modelBox, reachDemo, readRun, runDemo } from '../support/lab.js';

const LESSON = '/lessons/io-threading/';
const ANOTHER_LESSON = '/lessons/race-conditions/';
const WITHOUT_HEADERS = `http://127.0.0.1:${PORT_WITHOUT_HEADERS}`;
const DEMO = declaredDemos().find(({ id }) => id === 'downloads');
const THREADED = 'gil_threads';

// How many documents the tab has opened since, counted as each commits: a reload may come before
// the first document's load event, which then never fires.
function countLoads(page) {
  const loads = { count: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads.count += 1;
  });
  return loads;
}
const navigationType = (page) => page.evaluate(() => performance.getEntriesByType('navigation')[0].type);
const isolated = (page) => page.evaluate(() => self.crossOriginIsolated);

test('the lesson this file visits offers a threaded model', () => {
  expect(DEMO.embeds.find(({ page }) => page === LESSON)?.models).toContain(THREADED);
  expect(MODELS[THREADED].backend).toBe('threads');
});

test('without the headers, the first visit reloads once, then threads run; the next page needs no reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const loads = countLoads(page);
  await page.goto(WITHOUT_HEADERS + LESSON);
  await expect.poll(() => loads.count, { timeout: 30_000 }).toBe(2);
  await page.waitForLoadState('load');
  expect(await navigationType(page)).toBe('reload');
  expect(await isolated(page)).toBe(true);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${WITHOUT_HEADERS}/sw.js`);

  const figure = demoFigure(page, DEMO);
  await expect(modelBox(figure, THREADED)).toBeEnabled();
  await expect(figure.locator('.lab-notice')).toBeHidden();
  // The threaded build runs only on an isolated page (lab/runtime.js): a run with a lane per
  // thread is one that ran on threads. (How much faster is demos.spec.js's business: a page's
  // first threaded run also starts the threads.)
  await runDemo(figure, DEMO, { tasks: 4, workers: 4 }, [THREADED]);
  const threads = await readRun(figure, THREADED);
  expect(threads.results).toBe(4);
  expect(threads.lanes).toBe(expectedLanes(THREADED, 4, 4));
  expect(loads.count, 'no reload while the demo ran').toBe(2);

  // Once installed, the helper answers every page from its first load.
  await page.goto(WITHOUT_HEADERS + ANOTHER_LESSON);
  expect(await navigationType(page)).toBe('navigate');
  expect(await isolated(page)).toBe(true);
  await expect(page.locator('[data-race]')).toHaveAttribute('data-state', 'ready');
  expect(loads.count).toBe(3);
  await expect(page.locator('html')).not.toHaveAttribute('data-isolation');
});

test('without the headers, a page with nothing on threads installs the helper without a reload, and the next page is isolated from its first load', async ({
  page,
}) => {
  const loads = countLoads(page);
  await page.goto(`${WITHOUT_HEADERS}/`);
  await expect(page.locator('html')).toHaveAttribute('data-isolation', 'installed');
  expect(await isolated(page)).toBe(false);
  expect(loads.count).toBe(1);
  await page.goto(WITHOUT_HEADERS + LESSON);
  expect(await isolated(page)).toBe(true);
  expect(await navigationType(page)).toBe('navigate');
  await expect(modelBox(demoFigure(page, DEMO), THREADED)).toBeEnabled();
  expect(loads.count).toBe(2);
});

test.describe('where the browser allows no service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('without the headers, the page runs single-threaded, once, and says why', async ({ page }) => {
    const loads = countLoads(page);
    await page.goto(WITHOUT_HEADERS + LESSON);
    await expect(page.locator('html')).toHaveAttribute('data-isolation', 'unavailable');
    expect(await isolated(page)).toBe(false);
    const figure = demoFigure(page, DEMO);
    await expect(modelBox(figure, THREADED)).toBeDisabled();
    await expect(figure.locator('.lab-notice')).toBeVisible();
    await expect(figure.locator('.lab-notice')).toHaveText(
      /^This site's host does not send the two headers .* and this browser did not let the site install the helper that adds them \(a service worker\), as happens in a private window .*The models that need threads are switched off; the others run as usual\.$/,
    );
    await runDemo(figure, DEMO, { tasks: 2 }, ['sequential']);
    expect((await readRun(figure, 'sequential')).results).toBe(2);
    expect(loads.count).toBe(1);
  });
});

test('where reloads bypass the helper, the page reloads once, not again, and says why', async ({ page }) => {
  // As DevTools' "Bypass for network" does: the worker installs, but no page comes through it.
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.setBypassServiceWorker', { bypass: true });
  const loads = countLoads(page);
  await page.goto(WITHOUT_HEADERS + LESSON);
  await expect(page.locator('html')).toHaveAttribute('data-isolation', 'bypassed', { timeout: 30_000 });
  // The reloaded page says so from a deferred script, before its own load event.
  await expect.poll(() => loads.count).toBe(2);
  expect(await isolated(page)).toBe(false);
  const notice = demoFigure(page, DEMO).locator('.lab-notice');
  await expect(notice).toHaveText(
    /^This site's host does not send the two headers .* is installed, but this page did not come through it, .* The models that need threads are switched off; the others run as usual\.$/,
  );
  // "bypassed" is the helper's last word on this page (it registers nothing more), and the demo
  // starts single-threaded: no reload came after the first.
  await reachDemo(demoFigure(page, DEMO));
  expect(loads.count).toBe(2);
});

test('with the headers, the helper changes nothing: isolated from the start, no reload, nothing registered', async ({
  page,
}) => {
  const loads = countLoads(page);
  await page.goto(LESSON);
  expect(await isolated(page)).toBe(true);
  await reachDemo(demoFigure(page, DEMO));
  // The helper's script is on the page, and it left no trace.
  await expect(page.locator('script[data-service-worker]')).toHaveCount(1);
  await expect(page.locator('html')).not.toHaveAttribute('data-isolation');
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
  expect(page.context().serviceWorkers()).toEqual([]);
  expect(await navigationType(page)).toBe('navigate');
  expect(loads.count).toBe(1);
});
