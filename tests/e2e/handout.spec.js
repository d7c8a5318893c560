// A printed lesson is a handout (themes/course/assets/css/handout.css): its text, every slide as
// static content, the whole transcript, the code, the checks with their answers; no controls and
// no site around it; a demo as its title, description and the address where it runs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';

const all = lessons();

// What the bundle declares, for the page to show all of: its Python files, and its questions,
// each a "## " line of checks.md (layouts/partials/checks/parse.html).
function bundle(slug) {
  const dir = path.join('content/lessons', slug);
  const files = readdirSync(dir);
  const checks = files.includes('checks.md')
    ? readFileSync(path.join(dir, 'checks.md'), 'utf8').match(/^##[ \t]/gm).length
    : 0;
  return { python: files.filter((file) => file.endsWith('.py')), checks };
}

// Whatever a person could press, type in or open, or the site around the lesson, shown on the
// page: described, so that a failure names it. A summary only counts while it shows its marker.
const visibleControls = (page) =>
  page
    .locator('button, input, select, textarea, summary, [role="toolbar"], nav, .site-header, .skip-link')
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.checkVisibility())
        .filter((element) => element.tagName !== 'SUMMARY' || getComputedStyle(element).display === 'list-item')
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}.${element.className} ${element.textContent.trim().slice(0, 40)}`,
        ),
    );

test('there are lessons to print', () => {
  expect(all.length).toBeGreaterThan(0);
});

for (const lesson of all) {
  test(`${lesson.slug} prints as a handout`, async ({ tab: page, baseURL }) => {
    const declared = bundle(lesson.slug);
    await page.goto(lesson.page);
    await page.emulateMedia({ media: 'print' });

    await test.step('every slide, as static content', async () => {
      const slides = page.getByRole('region', { name: 'Slides', exact: true }).locator('.handout-slide');
      await expect(slides).toHaveCount(lesson.slides);
      for (const slide of await slides.all()) await expect(slide).toBeVisible();
      await expect(page.locator('.player .deck')).toBeHidden();
    });

    await test.step('the whole transcript, with its times', async () => {
      const transcript = page.getByRole('list', { name: 'Transcript' });
      const paragraphs = transcript.locator(':scope > li');
      expect(await paragraphs.count()).toBeGreaterThan(0);
      for (const paragraph of await paragraphs.all()) {
        await expect(paragraph).toBeVisible();
        await expect(paragraph.locator('.stamp')).toHaveText(/^\d\d:\d\d$/);
      }
      const box = await transcript.evaluate((list) => ({
        maxHeight: getComputedStyle(list).maxHeight,
        clipped: list.scrollHeight > list.clientHeight + 1,
      }));
      expect(box).toEqual({ maxHeight: 'none', clipped: false });
    });

    await test.step('every check with its right answer marked and explained', async () => {
      const checks = page.locator('form[data-check]');
      await expect(checks).toHaveCount(declared.checks);
      for (const check of await checks.all()) {
        const right = check.locator('label', { has: page.locator('input[data-right]') });
        await expect(right).toBeVisible();
        const marks = await check
          .locator('label')
          .evaluateAll((labels) =>
            labels.map(
              (label) =>
                `${label.querySelector('input').hasAttribute('data-right')} ${getComputedStyle(label, '::before').content}`,
            ),
          );
        expect(marks.filter((mark) => mark.startsWith('true'))).toEqual(['true "✓"']);
        expect(marks.filter((mark) => mark.endsWith('"✓"'))).toHaveLength(1);
        const value = await right.locator('input').getAttribute('value');
        const why = await check
          .locator(`template[data-feedback="${value}"]`)
          .evaluate((template) => template.content.textContent.trim());
        await expect(check.locator('.check-why')).toBeVisible();
        await expect(check.locator('.check-why')).toHaveText(why);
      }
    });

    await test.step("the code: the lesson's programs and each demo's C++, unfolded", async () => {
      const programs = page.locator('.lesson-programs details');
      await expect(programs).toHaveCount(declared.python.length);
      for (const [i, name] of declared.python.entries()) {
        await expect(programs.nth(i).locator('summary')).toContainText(name);
      }
      // Every folded code prints unfolded, but an exercise's solution, which the handout leaves out.
      for (const code of await page.locator('main details:not(.exercise-solution) pre').all())
        await expect(code).toBeVisible();
      for (const solution of await page.locator('main .exercise-solution').all()) await expect(solution).toBeHidden();
    });

    await test.step('a demo as its title, its description and where it runs', async () => {
      for (const demo of await page.locator('main figure.lab').all()) {
        await expect(demo.locator('figcaption strong')).toBeVisible();
        const id = await demo.getAttribute('id');
        const where = new URL(`${lesson.page}${id ? `#${id}` : ''}`, baseURL).href;
        await expect(demo.getByRole('link', { name: where, exact: true })).toBeVisible();
        const shown = await demo
          .locator('form, table, .lab-runs, .lab-message')
          .evaluateAll((parts) =>
            parts.filter((part) => part.checkVisibility()).map((part) => part.className || part.tagName),
          );
        expect(shown).toEqual([]);
      }
    });

    await test.step('no controls, and no site around the lesson', async () => {
      expect(await visibleControls(page)).toEqual([]);
    });
  });
}

test("a lesson prints light, whatever the screen's theme", async ({ reader: page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(all[0].page);
  const colours = () =>
    page.evaluate(() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]);
  const light = await colours();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  const dark = await colours();
  expect(dark).not.toEqual(light);
  await page.emulateMedia({ media: 'print' });
  expect(await colours()).toEqual(light);
});

test('a lesson prints to a PDF of several pages', async ({ reader: page }) => {
  const lesson = all[0];
  await page.goto(lesson.page);
  await page.waitForLoadState('networkidle');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBeGreaterThan(1);
});
