// What a lesson costs a reader on first visit: each lesson page, loaded in a fresh browser
// context until its demos are ready and the network is quiet, transfers at most TRANSFER_BUDGET
// compressed, asks no other host for anything, and fetches no file twice from the server. The
// measuring is tests/support/transfer.js, shared with the bench (`make bench` shows the figures).
import { lessons } from '../support/lessons.js';
import { TRANSFER_BUDGET, kb, measureLoad } from '../support/transfer.js';
import { expect, test } from '../support/fixtures.js';

const pages = lessons().map(({ page }) => page);

test('there are lessons to measure', () => {
  expect(pages.length, 'no lesson in site/data/outline.toml').toBeGreaterThan(0);
});

for (const page of pages) {
  test.describe(page, () => {
    let load;
    test.beforeAll(async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      load = await measureLoad(browser, baseURL, page);
    });

    test(`transfers at most ${kb(TRANSFER_BUDGET)} compressed on load`, () => {
      const heaviest = [...load.files]
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, 5)
        .map(({ path, gzip }) => `${path} ${kb(gzip)}`)
        .join(', ');
      expect(load.gzip, `${kb(load.gzip)} in ${load.files.length} files; heaviest: ${heaviest}`).toBeLessThanOrEqual(
        TRANSFER_BUDGET,
      );
    });

    test('asks no other host for anything', () => {
      expect(load.foreign).toEqual([]);
    });

    test('fetches no file twice from the server', () => {
      expect(
        load.repeated,
        `fetched more than once (${load.requests} requests for ${load.files.length} files)`,
      ).toEqual([]);
    });
  });
}
