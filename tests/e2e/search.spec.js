// Search (Pagefind): what the index holds (the course page, every lesson, every transcript paragraph
// at its time; no print view, no keyboard help, no chrome), a hit in a transcript opening its
// moment, the dialog's keys, its live count, a phone's width, and an index that fails to load.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test as bare } from '@playwright/test';
import { lessons } from '../support/lessons.js';
import { currentParagraph } from '../support/player.js';
import { expect, test } from '../support/fixtures.js';
import { axeViolations } from '../support/axe.js';

// A lesson's transcript as the build reads it (layouts/partials/player/transcript.html):
// paragraphs apart by blank lines, each opening with its time (mm:ss) and maybe a {cue}.
function paragraphs(slug) {
  const file = `content/lessons/${slug}/transcript.md`;
  return readFileSync(file, 'utf8')
    .split(/\r?\n[ \t]*\r?\n/)
    .filter((block) => block.trim())
    .map((block) => {
      const match = /^(\d\d:\d\d)(?:[ \t]+\{[^}]*\})?\s+([^]+)$/.exec(block.trim());
      if (!match) throw new Error(`${file}: a paragraph without its time: ${block.slice(0, 40)}`);
      return { stamp: match[1], text: match[2] };
    });
}

// Every text a page could show besides its transcript: the content, the site's data, the theme's
// templates, the demos' code.
function textFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return textFiles(file);
    return /\.(md|py|toml|html|svg|json|cc|h)$/.test(entry.name) ? [file] : [];
  });
}
const sources = ['content', 'site/data', 'themes/course/layouts', 'wasm/demos']
  .flatMap(textFiles)
  .map((file) => ({ file, text: readFileSync(file, 'utf8').toLowerCase() }));
// How often `text` has a word that starts like `word` does, but for its last three letters at
// most: Pagefind finds words by their stem ("differences" finds "different" too).
const occurrences = (word, text) =>
  text.match(new RegExp(`\\b${word.slice(0, Math.max(5, word.length - 3))}`, 'g'))?.length ?? 0;

// Words (6 letters or more) said in one paragraph of one transcript and written nowhere else at
// all, stem included, longest first: { slug, stamp, word }.
const ownWords = lessons()
  .flatMap(({ slug }) => {
    const transcriptFile = path.join('content/lessons', slug, 'transcript.md');
    return paragraphs(slug).flatMap(({ stamp, text }) =>
      [
        ...new Set(
          text
            .split(/\s+/)
            .map((token) => token.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, ''))
            .filter((word) => /^[a-z]{6,}$/.test(word)),
        ),
      ]
        .filter((word) =>
          sources.every(({ file, text: source }) => occurrences(word, source) === (file === transcriptFile ? 1 : 0)),
        )
        .map((word) => ({ slug, stamp, word })),
    );
  })
  .sort((a, b) => b.word.length - a.word.length || a.word.localeCompare(b.word));

const titleOf = (slug) => {
  const title = /^title:\s*"?(.*?)"?\s*$/m.exec(readFileSync(`content/lessons/${slug}/index.md`, 'utf8'))?.[1];
  if (!title) throw new Error(`content/lessons/${slug}/index.md has no title`);
  return title;
};
const pageOf = (slug) => lessons().find((lesson) => lesson.slug === slug).page;

const searchDialog = (page) => page.getByRole('dialog', { name: 'Search the course' });
const searchField = (page) => searchDialog(page).getByRole('searchbox', { name: 'Search the course' });
const results = (page) => searchDialog(page).getByRole('list', { name: 'Results' }).getByRole('listitem');
const status = (page) => searchDialog(page).getByRole('status');
const COUNT = /^\d+ results?$/;

// Opens search with its key and types `query`, as a person would.
async function search(page, query) {
  await page.keyboard.press('/');
  await expect(searchField(page)).toBeFocused();
  await page.keyboard.type(query);
}

// The result that `link` names, asking for more results until it shows.
async function reveal(page, link) {
  const more = searchDialog(page).getByRole('button', { name: 'More results' });
  await expect(status(page)).toHaveText(COUNT);
  while (!(await link.isVisible()) && (await more.isVisible())) await more.click();
  await expect(link).toBeVisible();
  return link;
}

test('some transcript words are said once and written nowhere else', () => {
  expect(ownWords, 'no transcript word belongs to one paragraph alone').not.toEqual([]);
});

test('a hit in a transcript opens its lesson at that paragraph', async ({ reader: page }) => {
  const [{ slug, stamp, word }] = ownWords;
  await page.goto('/');
  await search(page, word);
  const name = `${titleOf(slug)} Transcript, ${stamp}`;
  const hit = await reveal(page, searchDialog(page).getByRole('link', { name }));
  await expect(
    results(page)
      .filter({ has: page.getByRole('link', { name }) })
      .locator('mark'),
  ).toContainText([new RegExp(word, 'i')]);
  await hit.click();
  await expect(page).toHaveURL(`${pageOf(slug)}#t=${stamp}`);
  await expect(searchDialog(page)).toBeHidden();
  await expect(currentParagraph(page)).toHaveAttribute('id', `t-${stamp.replace(':', '-')}`);
  await expect(currentParagraph(page)).toContainText(new RegExp(`\\b${word}\\b`, 'i'));
});

test('a hit on the page being read moves its player to that paragraph', async ({ reader: page }) => {
  const { slug, stamp, word } = ownWords.find((own) => own.stamp !== '00:00');
  await page.goto(pageOf(slug));
  await expect(currentParagraph(page)).toHaveAttribute('id', 't-00-00');
  await search(page, word);
  await (
    await reveal(page, searchDialog(page).getByRole('link', { name: `${titleOf(slug)} Transcript, ${stamp}` }))
  ).click();
  await expect(page).toHaveURL(`${pageOf(slug)}#t=${stamp}`);
  await expect(currentParagraph(page)).toContainText(new RegExp(`\\b${word}\\b`, 'i'));
});

// Pagefind matches a word it does not know to near ones, so "no results" proves little: the index
// itself is read, through the script the dialog loads.
test('the index holds the course page, each lesson and each transcript paragraph, and no more', async ({
  reader: page,
}) => {
  const lesson = lessons()[0];
  await page.goto(lesson.page);
  const records = await page.evaluate(
    async (url) => {
      const pagefind = await import(url);
      const all = await pagefind.search(null);
      return Promise.all(
        all.results.map(async (result) => {
          const { url: address, content, meta } = await result.data();
          return { address, content, meta };
        }),
      );
    },
    await page.locator('dialog[data-search]').getAttribute('data-pagefind'),
  );

  const expected = [
    '/',
    ...lessons().flatMap(({ slug, page: address }) => [
      address,
      ...paragraphs(slug).map(({ stamp }) => `${address}#t=${stamp}`),
    ]),
  ];
  expect(records.map(({ address }) => address).sort()).toEqual(expected.sort());
  for (const { slug, page: address } of lessons()) {
    const title = titleOf(slug);
    expect(records.find((record) => record.address === address).meta.title).toBe(title);
    for (const { stamp } of paragraphs(slug)) {
      expect(records.find((record) => record.address === `${address}#t=${stamp}`).meta).toEqual({ title, time: stamp });
    }
  }

  // The lesson's own record: not its keyboard help, its player's controls, the site's chrome, nor
  // its transcript (whose paragraphs are records of their own). Only phrases the lesson's files
  // never use are looked for, and there must be some.
  const own = readdirSync(path.join('content/lessons', lesson.slug))
    .map((file) => readFileSync(path.join('content/lessons', lesson.slug, file), 'utf8'))
    .join('\n')
    .toLowerCase();
  const chrome = (
    await page
      .locator(
        ['.player-help dd', '.player-controls button', '.skip-link', '.site-header', '.lessons-nav a'].join(', '),
      )
      .allTextContents()
  )
    .map((text) => text.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  const lookedFor = chrome.filter((text) => !own.includes(text.toLowerCase()));
  expect(lookedFor.length, 'phrases of the help and the chrome to look for').toBeGreaterThan(3);
  const content = records.find((record) => record.address === lesson.page).content;
  expect(lookedFor.filter((text) => content.includes(text))).toEqual([]);
  const firstParagraph = (await page.locator('.transcript li .transcript-text').first().textContent()).trim();
  expect(firstParagraph.length).toBeGreaterThan(20);
  expect(content).not.toContain(firstParagraph.slice(0, 40));
});

test('Enter opens the first result; the arrows walk the results', async ({ reader: page }) => {
  await page.goto('/');
  // A word of the course page and of several lessons.
  await search(page, 'threads');
  await expect(status(page)).toHaveText(COUNT);
  expect(await results(page).count()).toBeGreaterThan(2);
  const links = searchDialog(page).getByRole('link');
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(searchField(page)).toBeFocused();

  // A new search: the count says when its results are in.
  await searchField(page).fill('');
  await expect(status(page)).toBeEmpty();
  await page.keyboard.type(ownWords[0].word);
  await expect(status(page)).toHaveText(COUNT);
  const first = await links.first().getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(first);
});

test('the count of results is announced, and the open dialog passes axe', async ({ reader: page }) => {
  await page.goto('/');
  await search(page, 'asyncio');
  await expect(status(page)).toHaveText(COUNT);
  const count = Number((await status(page).textContent()).split(' ')[0]);
  // Ten at a time: "More results" shows the rest.
  await expect(results(page)).toHaveCount(Math.min(count, 10));
  expect(await axeViolations(page, 'dialog[data-search]')).toEqual([]);
  await searchField(page).fill('zzzqqq');
  await expect(status(page)).toHaveText('No results for “zzzqqq”.');
  await expect(results(page)).toHaveCount(0);
});

test('Esc closes search and gives the focus back', async ({ reader: page }) => {
  await page.goto('/');
  const button = page.getByRole('button', { name: 'Search' });
  // Opened with / when nothing had the focus, it goes to the Search button.
  await page.keyboard.press('/');
  await expect(searchField(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(searchDialog(page)).toBeHidden();
  await expect(button).toBeFocused();

  await button.blur();
  await button.click();
  await expect(searchField(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(searchDialog(page)).toBeHidden();
  await expect(button).toBeFocused();

  // Opened with / from a link in the page, it goes back to that link.
  const link = page.getByRole('main').getByRole('link').first();
  await link.focus();
  await page.keyboard.press('/');
  await expect(searchDialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(link).toBeFocused();
});

test('a click outside the dialog closes it, one on its own background does not', async ({ reader: page }) => {
  await page.goto('/');
  await search(page, 'threads');
  const more = searchDialog(page).getByRole('button', { name: 'More results' });
  await expect(more).toBeVisible();
  const box = await searchDialog(page).boundingBox();
  // Beside "More results": the dialog's own background, whose clicks go to the dialog as the
  // backdrop's do.
  const beside = await more.boundingBox();
  await page.mouse.click(box.x + 4, beside.y + beside.height / 2);
  await expect(searchDialog(page)).toBeVisible();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height + 20);
  await expect(searchDialog(page)).toBeHidden();
});

test('/ typed in the search field is a slash', async ({ reader: page }) => {
  await page.goto('/');
  await search(page, 'io');
  await page.keyboard.type('/');
  await expect(searchField(page)).toHaveValue('io/');
});

test('at 360 px the dialog and its results fit the screen', async ({ tab: page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await search(page, 'concurrent');
  await expect(results(page).first()).toBeVisible();
  const widths = await page.evaluate(() => {
    const dialog = document.querySelector('dialog[data-search]');
    return { page: document.documentElement.scrollWidth, dialog: dialog.scrollWidth, fits: dialog.clientWidth };
  });
  expect(widths.page).toBeLessThanOrEqual(360);
  expect(widths.dialog).toBeLessThanOrEqual(widths.fits);
});

// Not the usual fixture: this test makes the index fail to load on purpose, and that fixture
// fails a test on the 404 it causes. It checks that nothing else went wrong.
bare('without its index, search says so and nothing throws', async ({ page }) => {
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/\b404\b/.test(message.text())) problems.push(message.text());
  });
  await page.route('**/pagefind/pagefind.js', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/');
  await search(page, 'threads');
  await expect(status(page)).toHaveText(/^Search is not available: its index did not load\./);
  await expect(results(page)).toHaveCount(0);
  expect(problems).toEqual([]);
});
