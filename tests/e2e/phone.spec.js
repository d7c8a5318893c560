// On a 360 px phone, every page and print view fits the screen and every control is a finger
// wide, a demo too after a run of every model (WCAG 1.4.10 reflow, 2.5.8 target size).
import { declaredDemos, sitePages, widestEmbed } from '../support/course.js';
import { currentParagraph, currentSlide, slideLabel } from '../support/player.js';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, runDemo, smallValues } from '../support/lab.js';
import { drawWholePage } from '../support/whole-page.js';

const pages = sitePages();

// A phone's screen and touch, for the tests' own pages and for the reader's tab.
const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
test.use({ ...PHONE, readerContext: PHONE });

// How much wider than the screen the page is, and the first elements that stick out (what may
// scroll inside its own box does not count: the deck, code, a timeline, a wide table).
const overflow = async (page) => {
  await drawWholePage(page);
  return page.evaluate(() => {
    const wide = [...document.querySelectorAll('body *')]
      .filter((node) => node.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .filter((node) => !node.closest('.deck, pre, .lab-timeline, .table-scroll'));
    return {
      over: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      culprits: wide
        .slice(0, 3)
        .map((node) => `${node.tagName.toLowerCase()}.${node.className}: ${node.textContent.slice(0, 40)}`)
        .join('; '),
    };
  });
};
const expectFits = async (page, what) => {
  const { over, culprits } = await overflow(page);
  expect(over, `px wider than the screen${what}: ${culprits}`).toBeLessThanOrEqual(0);
};

for (const path of pages) {
  test(`${path}: nothing is wider than the screen, and every control is a finger wide`, async ({ reader: page }) => {
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
        ...document.querySelectorAll('button, select, input, summary, .stamp, .outline a, .prev-next a, .downloads a'),
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
  test(`${path} (a print view) fits without sideways scrolling`, async ({ reader: page }) => {
    await page.goto(path);
    await expectFits(page, '');
  });
}

test('a demo after a run of every model fits too', async ({ tab: page }) => {
  test.setTimeout(120_000);
  const demo = declaredDemos()
    .filter(({ embeds }) => embeds.length)
    .reduce((a, b) => (widestEmbed(b).models.length > widestEmbed(a).models.length ? b : a));
  await page.goto(widestEmbed(demo).page);
  await runDemo(demoFigure(page, demo), demo, smallValues(demo));
  await expectFits(page, ' after a run');
});

// A finger on the screen, as the phone reports it (touch events through the DevTools protocol):
// Chromium makes the pointer events from them, and decides whether the page scrolls.
async function drag(page, from, to) {
  const cdp = await page.context().newCDPSession(page);
  const at = (share) => [{ x: from.x + (to.x - from.x) * share, y: from.y + (to.y - from.y) * share }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (const share of [0.2, 0.4, 0.6, 0.8, 1]) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(share) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('a sideways swipe turns the deck, and the transcript follows; an upward one scrolls the page', async ({
  reader: page,
}) => {
  const [lesson] = lessons();
  await page.goto(lesson.page);
  await expect(page.locator('.player[data-ready]')).toBeAttached();
  const box = await page.locator('.deck').boundingBox();
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const left = { x: middle.x - 80, y: middle.y };
  const right = { x: middle.x + 80, y: middle.y };
  await drag(page, right, left);
  await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(2, lesson));
  await expect(currentParagraph(page)).toHaveAttribute('data-slide', '2');
  await drag(page, left, right);
  await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(1, lesson));
  await expect(currentParagraph(page)).toHaveAttribute('data-slide', '1');
  const scrolled = await page.evaluate(() => window.scrollY);
  await drag(page, { x: middle.x, y: middle.y + 60 }, { x: middle.x + 20, y: middle.y - 60 });
  await expect.poll(() => page.evaluate(() => window.scrollY), 'the page scrolled').toBeGreaterThan(scrolled);
  await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(1, lesson));
});
