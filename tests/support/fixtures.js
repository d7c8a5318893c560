// `page`, failing the test on any console error, uncaught exception, failed response or
// request that leaves the site (a missing favicon counts).
import { test as base, expect } from '@playwright/test';

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

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = watchPage(page);
    await use(page);
    expect(problems).toEqual([]);
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
