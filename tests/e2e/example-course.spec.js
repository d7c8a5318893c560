// A second course on the same theme and lab (tests/example-course: two lessons on Go's goroutines,
// its own words for the lab's models): it builds, and a learner can take it without meeting a word
// of the Python course, outside the demo's own C++.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PYTHON_WORDS } from '../support/course.js';
import { reachDemo } from '../support/lab.js';
import { startServer } from '../support/start-server.js';
import { expect, test } from '../support/fixtures.js';

const SITE = 'tests/example-course/site';
const BUILD = 'build/example-course';
const PORT = 8937;
const origin = `http://127.0.0.1:${PORT}`;
const wording = readFileSync(`${SITE}/data/lab/wording.toml`, 'utf8');
const label = (model) => new RegExp(`\\[${model}\\]\\s*label = "([^"]+)"`).exec(wording)[1];

// Serial: one worker builds the course and serves it on PORT for the file's tests (once in each
// project), where two would build into one folder and both listen on PORT.
test.describe.configure({ mode: 'serial' });

let server;
test.beforeAll(async () => {
  execFileSync('hugo', ['--source', SITE, '--minify', '--cleanDestinationDir', '--quiet'], { stdio: 'pipe' });
  server = await startServer(PORT, { args: ['--root', BUILD] });
});
test.afterAll(() => server?.kill());

test('the wording declares the labels this test looks for', () => {
  expect(label('sequential')).toBeTruthy();
  expect(label('threads')).toBeTruthy();
});

test(
  'a learner takes the second course: outline, player, cue, demo in its own words',
  { tag: '@timed' },
  async ({ page }) => {
    await page.goto(`${origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Go Concurrency, a Taste');
    const lessons = page.locator('.lesson-list > li');
    await expect(lessons).toHaveCount(2);
    await lessons.first().getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Goroutines wait together');
    await expect(page.locator('.player[data-ready]')).toBeVisible();
    await expect(page.locator('.lesson-programs summary')).toHaveText('The Go program: fetch.go');

    // The transcript's cue loads its values into the demo; the demo names its models in this
    // course's words, and a goroutine each overlaps the waiting.
    const figure = page.locator('#demo-fetch_parse');
    await reachDemo(figure, 60_000);
    await page
      .getByRole('button', { name: /Load into the demo/ })
      .first()
      .click();
    await expect(figure.getByRole('checkbox', { name: label('sequential'), exact: true })).toBeChecked();
    await expect(figure.getByRole('checkbox', { name: label('threads'), exact: true })).toBeChecked();
    await figure.getByRole('button', { name: 'Run' }).click();
    await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const oneByOne = figure.getByRole('region', { name: label('sequential'), exact: true });
    const goroutines = figure.getByRole('region', { name: label('threads'), exact: true });
    await expect(oneByOne).toBeVisible();
    await expect(goroutines).toBeVisible();
    const sequential = await oneByOne.locator('output').getAttribute('data-ms');
    const concurrent = await goroutines.locator('output').getAttribute('data-ms');
    expect(Number(concurrent) / Number(sequential), 'waits overlap: 8 waits on 4 goroutines at a time').toBeLessThan(
      0.6,
    );
    await expect(goroutines.locator('.lab-results tbody tr[data-finished="true"]')).toHaveCount(8);
  },
);

test("the course's own [terms] replace the lab's in the demo's script", async ({ page }) => {
  // No model of these lessons shows them on screen, so read what the page's lab script carries.
  const own = /\[terms\][^[]*slow_step_message = "([^"]+)"/.exec(wording)?.[1];
  expect(own, 'data/lab/wording.toml gives a slow_step_message').toBeTruthy();
  await page.goto(`${origin}/`);
  await page.locator('.lesson-list > li').first().getByRole('link').click();
  const src = await page.locator('script[type="module"][src*="/js/lab/"]').getAttribute('src');
  const script = await (await fetch(new URL(src, origin))).text();
  expect(script.includes(own), `the script carries "${own}"`).toBe(true);
  // The lab's own message for the same warning (wasm/runtime/lab/terms.toml) is gone.
  expect(script.includes('Executing <Task-'), "the script carries the lab's own slow-step message").toBe(false);
});

test('no page of the second course shows a word of the Python course', async ({ page }) => {
  const sitemap = await (await fetch(`${origin}/sitemap.xml`)).text();
  const pages = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => new URL(loc).pathname);
  expect(pages.length).toBeGreaterThanOrEqual(3);
  for (const path of pages) {
    await page.goto(`${origin}${path}`);
    // What a learner reads, the demo's C++ source (the lab's demo, shared) left out.
    const text = await page.locator('body').evaluate((body) => {
      const copy = body.cloneNode(true);
      for (const source of copy.querySelectorAll('.lab-source')) source.remove();
      return copy.innerText;
    });
    expect(text, path).not.toMatch(PYTHON_WORDS);
    expect(await page.title(), path).not.toMatch(PYTHON_WORDS);
  }
});
