// `page`, failing the test on any console error, uncaught exception, failed response or
// request that leaves the site (a missing favicon counts).
import { test as base, expect } from '@playwright/test';
import { PORT, PORT_WITHOUT_HEADERS } from '../../playwright.config.js';

const ORIGIN = `http://127.0.0.1:${PORT}`;
// Both servers' origins: what a test may have left in either is cleared before the next.
const ORIGINS = [ORIGIN, `http://127.0.0.1:${PORT_WITHOUT_HEADERS}`];

export { expect };

// Collects what is wrong on `page` as it happens: the list stays empty on a good page. For a
// page of one's own (shared by the tests of a serial group), check it after each test.
export function watchPage(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') {
      problems.push(`request left the site: ${request.url()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  return problems;
}

// Keeps the page's Content Security Policy violations in window.cspViolations, as the page itself
// sees them: installed on `target` (a page or a context) before any script of a page runs.
export function recordCspViolations(target) {
  return target.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(
        `${event.violatedDirective}: ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = watchPage(page);
    await use(page);
    expect(problems).toEqual([]);
  },

  // The warm tabs. A fresh context and its first page cost about 2.8 s of CPU on this 2-core
  // machine, 1.5 s of it a new renderer starting, measured with nothing else running; a load in a
  // warm tab, or in a new tab of a warm context, about 1.1 s. One context per worker (made again
  // after a failure, as Playwright starts a new worker) serves two fixtures:
  //
  // `reader`: its one tab, for tests that load a page and read it or click through it (a walk over
  // every page, a check per lesson); not for one that adds listeners or init scripts or routes
  // requests (they would stay for the next test).
  //
  // `tab`: a new tab of it, closed after the test, for tests that add listeners, init scripts or
  // routes to their page, open a second tab or visit the other server's origin. Not for a test
  // that needs a context of its own: one that installs a clock, takes the context offline, blocks
  // service workers or sets any other context option by test.use (the shared context would
  // ignore it); those take `page`, a fresh context's.
  //
  // Either way each test starts as a first visit: before the next test the context's HTTP cache
  // and both origins' storage (caches, service worker, local storage) are cleared, the reader's
  // tab is blank at the context's size and media, and the test fails on what went wrong on its
  // pages meanwhile, a CSP violation included. A file's test.use({ readerContext: { … } }), at its
  // top (a worker option, which no group may set), makes the context with those options.
  readerContext: [{}, { scope: 'worker', option: true }],
  readerTab: [
    async ({ browser, readerContext }, use) => {
      const context = await browser.newContext({ baseURL: ORIGIN, ...readerContext });
      await recordCspViolations(context);
      const page = await context.newPage();
      const devtools = await context.newCDPSession(page);
      await use({ context, page, devtools, problems: watchPage(page), viewport: page.viewportSize() });
      await context.close();
    },
    { scope: 'worker' },
  ],
  reader: async ({ readerTab, readerContext }, use) => {
    const { page, problems } = readerTab;
    problems.splice(0);
    await use(page);
    // What the policy blocked on the page the test left (a violation is a console error too; this
    // says which directive), then everything the site kept, as a first visit finds it.
    problems.push(...(await cspViolationsOf(page)));
    await page.goto('about:blank');
    await forgetTheSite(readerTab, readerContext);
    expect(problems.splice(0)).toEqual([]);
  },
  tab: async ({ readerTab, readerContext }, use) => {
    const page = await readerTab.context.newPage();
    const problems = watchPage(page);
    await use(page);
    for (const open of readerTab.context.pages()) {
      if (open === readerTab.page) continue;
      // (A page that crashed or was closed meanwhile has nothing to say.)
      if (!open.isClosed()) problems.push(...(await cspViolationsOf(open).catch(() => [])));
      await open.close();
    }
    await forgetTheSite(readerTab, readerContext);
    expect(problems).toEqual([]);
  },
});

// The CSP violations window.cspViolations kept on `page`, as problems; the tab's session storage
// cleared on the way.
async function cspViolationsOf(page) {
  const violations = await page.evaluate(() => {
    try {
      sessionStorage.clear();
    } catch {
      // A page of no origin (about:blank) has no storage.
    }
    return window.cspViolations ?? [];
  });
  return violations.map((violation) => `CSP violation: ${violation}`);
}

// Leaves the warm context as a first visit finds it: no HTTP cache, nothing either origin kept
// (caches, service workers, storage, cookies), the reader's tab at the context's size and media.
async function forgetTheSite({ page, devtools, viewport }, readerContext) {
  await devtools.send('Network.clearBrowserCache');
  for (const origin of ORIGINS) await devtools.send('Storage.clearDataForOrigin', { origin, storageTypes: 'all' });
  await page.setViewportSize(viewport);
  await page.emulateMedia({
    media: null,
    colorScheme: readerContext.colorScheme ?? 'light',
    reducedMotion: readerContext.reducedMotion ?? 'no-preference',
  });
}

// One page for the tests of a serial group (test.describe.configure({ mode: 'serial' })), opened
// at `path` before the first: for checks that read what one load shows, or go on from where the
// last test left the page, one load instead of one per test. Each test still fails on what went
// wrong on the page while it ran (the first, on what went wrong while it loaded).
export function sharedPage(path = null) {
  const shared = { page: null };
  let context;
  let problems = [];
  test.beforeAll(async ({ browser, baseURL }) => {
    context = await browser.newContext({ baseURL }); // axe-core's builder needs a page of a context
    shared.page = await context.newPage();
    problems = watchPage(shared.page);
    if (path) await shared.page.goto(path);
  });
  test.afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });
  test.afterAll(() => context?.close());
  return shared;
}
