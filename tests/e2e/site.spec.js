// The course site around the lessons: the outline, themes and keys, tried as a learner does: by
// keyboard alone, in the dark. (On a 360 px phone: phone.spec.js.)
import { sitePages } from '../support/course.js';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';

const all = lessons();
const pages = sitePages();

test('the site has pages and lessons to walk', () => {
  expect(pages.length).toBeGreaterThan(all.length);
  expect(all.length).toBeGreaterThan(2);
});

// Whether the element that has the focus shows it: an outline or a ring of some width.
const focusShows = (page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { shown: false, what: 'nothing focused' };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const ring = style.boxShadow !== 'none';
    const what = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
    return { shown: outline || ring, what };
  });

// Presses Tab until `target` has the focus, checking on the way that every stop shows its focus.
async function tabTo(page, target, limit = 400) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const { shown, what } = await focusShows(page);
    expect(shown, `the focus shows on ${what}`).toBe(true);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`${limit} presses of Tab did not reach ${target}`);
}

test('keyboard only: skip to the lesson, play the transcript, run the demo, answer a check, go on', async ({
  reader: page,
}) => {
  test.setTimeout(120_000);
  const lesson = all.find(({ slug }) => slug === 'io-threading') ?? all[1];
  const next = all[all.indexOf(lesson) + 1];
  await page.goto(lesson.page);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');

  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'false');

  const figure = page.locator('main figure.lab[data-lab]').first();
  const run = figure.getByRole('button', { name: 'Run' });
  await tabTo(page, run);
  await page.keyboard.press('Enter');
  await expect(figure).toHaveAttribute('data-state', 'running');
  await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });

  const check = page.locator('form[data-check]').first();
  await tabTo(page, check.getByRole('radio').first());
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(check.getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(check.getByRole('status')).toHaveText(/^(Right|Not quite)\./);

  await page.keyboard.press('n');
  await expect(page).toHaveURL(new RegExp(`${next.page}$`));
  // As a learner would, once the next page is there: its keys work once its scripts have run.
  await page.waitForLoadState('load');
  await page.keyboard.press('p');
  await expect(page).toHaveURL(new RegExp(`${lesson.page}$`));
});

test('the lesson keys do nothing while the learner types in a field', async ({ reader: page }) => {
  const lesson = all[1];
  await page.goto(lesson.page);
  const field = page.locator('main input[type="number"]').first();
  await field.focus();
  await page.keyboard.press('n');
  await page.keyboard.press('?');
  await expect(page).toHaveURL(new RegExp(`${lesson.page}$`));
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('? lists the keys of the site and of the lesson; Escape closes the list', async ({ reader: page }) => {
  await page.goto(all[0].page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const what of ['Search the course', 'Next lesson', 'Previous lesson', 'Play or pause the transcript']) {
    await expect(help).toContainText(what);
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The course page lists only the site's keys, from the header's button.
  await page.goto('/');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(help).toContainText('Next lesson');
  await expect(help).not.toContainText('Play or pause');
});

test('the theme: dark and light by choice, auto by the system, remembered across pages', async ({ reader: page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(all[0].page);
  const light = await background();
  const picker = page.getByRole('combobox', { name: 'Theme' });
  await expect(picker).toHaveValue('auto');
  await picker.selectOption('dark');
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('link').nth(1).click();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  expect(await background()).toBe(dark);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('auto');
  expect(await background()).toBe(light);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe(dark);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  expect(await background()).toBe(light);
});

test("a demo's C++ is fetched when the learner opens it, highlighted, and not before", async ({ tab: page }) => {
  const fetched = [];
  page.on('request', (request) => {
    if (/\/demos\/.+\.cc\.fragment\.[0-9a-f]+\.html$/.test(request.url())) fetched.push(request.url());
  });
  await page.goto('/lessons/');
  await page.locator('a[href$="/lessons/gil/"]').first().click();
  const source = page.locator('figure.lab details.lab-source').first();
  await expect(source).toBeAttached();
  expect(fetched, 'nothing fetched before the learner opens it').toEqual([]);
  await source.locator('summary').click();
  await expect(source.locator('pre.chroma code.language-cpp')).toContainText('run_task');
  await expect(source.locator('pre.chroma .k').first()).toBeVisible();
  expect(fetched).toHaveLength(1);
  // Closed and opened again: the code stays, fetched once.
  await source.locator('summary').click();
  await source.locator('summary').click();
  await expect(source.locator('pre.chroma')).toHaveCount(1);
  expect(fetched).toHaveLength(1);
});

test("a demo's C++ opened before the page's scripts ran is fetched once they run", async ({ tab: page }) => {
  // The demos' script held back, as a busy phone runs it late, while the learner opens the code.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  let heldBack = 0;
  await page.route(/\/js\/lab\/demos\.[0-9a-f]+\.js$/, async (route) => {
    heldBack += 1;
    await held;
    await route.continue();
  });
  // Neither the load event nor DOMContentLoaded comes before a module script has run.
  await page.goto('/lessons/gil/', { waitUntil: 'commit' });
  const source = page.locator('figure.lab details.lab-source').first();
  await source.locator('summary').click();
  await expect(source).toHaveAttribute('open', '');
  expect(heldBack, "the demos' script was asked for, and held").toBe(1);
  release();
  await expect(source.locator('pre.chroma code.language-cpp')).toContainText('run_task');
});
