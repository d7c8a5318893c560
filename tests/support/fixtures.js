// `page`, failing the test on any console error, uncaught exception, failed response or
// request that leaves the site (a missing favicon counts).
import { test as base, expect } from '@playwright/test';
import { PORT } from '../../playwright.config.js';

const ORIGIN = `http://127.0.0.1:${PORT}`;

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

  // `reader`: a page for tests that load a page and read it, or click through it (a walk over every
  // page, a check per lesson). One tab per worker, made again after a failure: a test on a fresh
  // context costs about 3 s of CPU on a 2-core machine (a new renderer, its cold first load), a
  // load in a warm tab about half a second. Each test still loads its own page, on a tab left as a
  // fresh one (blank, nothing of the site's kept, the context's size and media), and fails on what
  // went wrong on it meanwhile, a CSP violation included. Not for a test that adds listeners or
  // init scripts, routes requests, installs a clock or goes to another origin. A file's
  // test.use({ readerContext: { … } }), at its top (a worker option, which no group may set),
  // makes its tab with those context options.
  readerContext: [{}, { scope: 'worker', option: true }],
  readerTab: [
    async ({ browser, readerContext }, use) => {
      const context = await browser.newContext({ baseURL: ORIGIN, ...readerContext });
      await recordCspViolations(context);
      const page = await context.newPage();
      const devtools = await context.newCDPSession(page);
      await use({ page, devtools, problems: watchPage(page), viewport: page.viewportSize() });
      await context.close();
    },
    { scope: 'worker' },
  ],
  reader: async ({ readerTab, readerContext }, use) => {
    const { page, devtools, problems, viewport } = readerTab;
    problems.splice(0);
    await use(page);
    // What the policy blocked on the page the test left (a violation is a console error too; this
    // says which directive), then everything the site kept, as a first visit finds it: the tab's
    // session storage, the origin's storage, caches and service worker (a demo's run installs it).
    const violations = await page.evaluate(() => {
      try {
        sessionStorage.clear();
      } catch {
        // A page of no origin (about:blank) has no storage.
      }
      return window.cspViolations ?? [];
    });
    problems.push(...violations.map((violation) => `CSP violation: ${violation}`));
    await page.goto('about:blank');
    await devtools.send('Storage.clearDataForOrigin', { origin: ORIGIN, storageTypes: 'all' });
    await page.setViewportSize(viewport);
    await page.emulateMedia({
      media: null,
      colorScheme: readerContext.colorScheme ?? 'light',
      reducedMotion: readerContext.reducedMotion ?? 'no-preference',
    });
    expect(problems.splice(0)).toEqual([]);
  },
});

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
