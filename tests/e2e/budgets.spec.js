// What a lesson costs a reader on first visit: each lesson page, loaded in a fresh browser
// context, transfers at most TRANSFER_BUDGET compressed on load; read down to its end (its demos
// loaded and ready, the network quiet), it has asked no other host for anything and fetched no
// file twice from the server. The measuring is tests/support/transfer.js, shared with the bench
// (`make bench` shows the figures).
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

    // A demo's builds wait for the learner to come near it (js/lab/runtime.js); each lesson's
    // first demo is further down than that on load, and reading to the end loads them.
    test('loads no demo before the learner comes near it', () => {
      const wasm = ({ path }) => path.endsWith('.wasm');
      expect(load.files.filter(wasm).map(({ path }) => path)).toEqual([]);
      if (load.demos > 0) expect(load.read.files.filter(wasm).length).toBeGreaterThan(0);
    });

    test('asks no other host for anything, on load or read to its end', () => {
      expect(load.foreign).toEqual([]);
    });

    test('fetches no file twice from the server, read to its end', () => {
      expect(
        load.read.repeated,
        `fetched more than once (${load.read.requests} requests for ${load.read.files.length} files)`,
      ).toEqual([]);
    });
  });
}
