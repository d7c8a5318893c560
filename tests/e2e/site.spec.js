// The course site around the lessons: the outline, themes, keys and small screens, tried as a
// learner does: by keyboard alone, on a 360 px phone, in the dark.
import { declaredDemos, sitePages, widestEmbed } from '../support/course.js';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, runDemo, smallValues } from '../support/lab.js';

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
  page,
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

test('the lesson keys do nothing while the learner types in a field', async ({ page }) => {
  const lesson = all[1];
  await page.goto(lesson.page);
  const field = page.locator('main input[type="number"]').first();
  await field.focus();
  await page.keyboard.press('n');
  await page.keyboard.press('?');
  await expect(page).toHaveURL(new RegExp(`${lesson.page}$`));
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('? lists the keys of the site and of the lesson; Escape closes the list', async ({ page }) => {
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

test('the theme: dark and light by choice, auto by the system, remembered across pages', async ({ page }) => {
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

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  // How much wider than the screen the page is, and the first elements that stick out (what may
  // scroll inside its own box does not count: the deck, code, a timeline, a wide table).
  const overflow = (page) =>
    page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')]
        .filter((node) => node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .filter((node) => !node.closest('.reveal, pre, .lab-timeline, .table-scroll'));
      return {
        over: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        culprits: wide
          .slice(0, 3)
          .map((node) => `${node.tagName.toLowerCase()}.${node.className}: ${node.textContent.slice(0, 40)}`)
          .join('; '),
      };
    });
  const expectFits = async (page, what) => {
    const { over, culprits } = await overflow(page);
    expect(over, `px wider than the screen${what}: ${culprits}`).toBeLessThanOrEqual(0);
  };

  for (const path of pages) {
    test(`${path}: nothing is wider than the screen, and every control is a finger wide`, async ({ page }) => {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expectFits(page, '');
      // The outline starts closed, and opens over nothing wider.
      const toggle = page.getByRole('button', { name: 'Lessons' });
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(page.getByRole('navigation', { name: 'Lessons' })).toBeHidden();
      await toggle.click();
      await expect(page.getByRole('navigation', { name: 'Lessons' })).toBeVisible();
      await expectFits(page, ', outline open');
      // WCAG 2.5.8: a target at least 24 × 24 px. A box or a radio counts with its label.
      const { measured, small } = await page.evaluate(() => {
        const targets = [
          ...document.querySelectorAll(
            'button, select, input, summary, .stamp, .outline a, .prev-next a, .downloads a',
          ),
        ]
          .filter((element) => element.checkVisibility() && element.type !== 'range')
          .map((element) => (/^(checkbox|radio)$/.test(element.type) && element.closest('label')) || element);
        return {
          measured: targets.length,
          small: targets
            .map((target) => ({ target, box: target.getBoundingClientRect() }))
            .filter(({ box }) => box.width < 24 || box.height < 24)
            .map(
              ({ target, box }) =>
                `${target.tagName.toLowerCase()}.${target.className} "${target.textContent.trim().slice(0, 24)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
            ),
        };
      });
      // Every page has at least the header's buttons: a selector that found nothing proves nothing.
      expect(measured, 'controls measured').toBeGreaterThan(2);
      expect(small).toEqual([]);
    });
  }

  for (const path of lessons().map((lesson) => `${lesson.page}print.html`)) {
    test(`${path} (a print view) fits without sideways scrolling`, async ({ page }) => {
      await page.goto(path);
      await expectFits(page, '');
    });
  }

  test('a demo after a run of every model fits too', async ({ page }) => {
    test.setTimeout(120_000);
    const demo = declaredDemos()
      .filter(({ embeds }) => embeds.length)
      .reduce((a, b) => (widestEmbed(b).models.length > widestEmbed(a).models.length ? b : a));
    await page.goto(widestEmbed(demo).page);
    await runDemo(demoFigure(page, demo), demo, smallValues(demo));
    await expectFits(page, ' after a run');
  });
});

test("a demo's C++ is fetched when the learner opens it, highlighted, and not before", async ({ page }) => {
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
