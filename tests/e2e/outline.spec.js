// The course follows its outline (site/data/outline.toml): the navigation, the course page and
// previous/next show it in order; a lesson still to come is plain text, never a dead link.
import { lessons, outline } from '../support/lessons.js';
import { expect, sharedPage, test } from '../support/fixtures.js';

const entries = outline();
// Every kind of live demo a lesson can embed: the lab's demos and the latency probes.
const LIVE_DEMOS = 'main figure[data-lab], main [data-probes], main [data-race]';

test('the outline has lessons, some of them written', () => {
  expect(entries.length).toBeGreaterThan(1);
  expect(lessons().length).toBeGreaterThan(0);
});

// What an outline list shows for each entry: a link for a lesson, plain text for one to come.
async function expectOutline(list) {
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(entries.length);
  for (const entry of entries) {
    const item = items.nth(entry.number - 1);
    if (entry.lesson) {
      await expect(item.getByRole('link').first()).toHaveAttribute('href', `/lessons/${entry.lesson}/`);
    } else {
      await expect(item).toContainText(entry.soon);
      await expect(item).toContainText('coming soon');
      await expect(item.getByRole('link')).toHaveCount(0);
    }
  }
}

test('the course page lists the whole outline in order', async ({ tab: page }) => {
  await page.goto('/');
  await expectOutline(page.locator('main .lesson-list'));
});

// Each lesson: its place in the outline; then, walking the course as a learner does, what a lesson
// promises (demos.spec.js runs every embedded demo to the end with its defaults); then its
// knowledge checks, answered. One load of the page for the three, in that order.
for (const lesson of lessons()) {
  test.describe(lesson.slug, () => {
    test.describe.configure({ mode: 'serial' });
    const shared = sharedPage(lesson.page);

    test("the navigation, the lesson's number and previous/next follow the outline", async () => {
      const { page } = shared;
      const nav = page.getByRole('navigation', { name: 'Lessons' });
      await expectOutline(nav);
      await expect(nav.getByRole('link', { name: await page.locator('h1').textContent() })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await expect(page.locator('.lesson-meta')).toContainText(`Lesson ${lesson.number} of ${entries.length}`);

      const all = lessons();
      const at = all.findIndex(({ slug }) => slug === lesson.slug);
      const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
      for (const [rel, neighbour] of [
        ['prev', all[at - 1]],
        ['next', all[at + 1]],
      ]) {
        const link = pager.locator(`a[rel="${rel}"]`);
        if (neighbour) await expect(link).toHaveAttribute('href', neighbour.page);
        else await expect(link).toHaveCount(0);
      }
    });

    test('a whole lesson: transcript, slides, a live demo, its Python, its checks', async () => {
      const { page } = shared;
      const paragraphs = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
      expect(await paragraphs.count()).toBeGreaterThan(3);
      const words = (await paragraphs.locator('.transcript-text').allTextContents())
        .join(' ')
        .split(/\s+/)
        .filter(Boolean).length;
      // 3 to 8 minutes at about 2.3 words a second: the lessons that also teach failure and shutdown
      // (threads, asyncio, processes) run to about 7.5.
      expect(words, 'a 3–8 minute transcript').toBeGreaterThanOrEqual(450);
      expect(words, 'a 3–8 minute transcript').toBeLessThanOrEqual(1100);
      const slides = page
        .getByRole('region', { name: 'Slide deck', exact: true })
        .locator('section[aria-label^="Slide "]');
      await expect(slides).toHaveCount(lesson.slides);
      expect(lesson.slides).toBeGreaterThanOrEqual(5);
      expect(lesson.slides).toBeLessThanOrEqual(14); // asyncio, with failure and cancellation, has 13
      await expect(page.locator(LIVE_DEMOS).first()).toBeVisible();
      const programs = page.locator('.lesson-programs summary');
      expect(await programs.count(), 'the Python it discusses').toBeGreaterThan(0);
      await programs.first().click();
      await expect(page.locator('.lesson-programs pre').first()).toContainText('if __name__ == "__main__":');
      await expect(page.getByRole('region', { name: 'Check your understanding' })).toBeVisible();
    });

    test('its knowledge checks answer by keyboard, each with one right answer and feedback', async () => {
      const { page } = shared;
      const questions = page.getByRole('region', { name: 'Check your understanding' }).getByRole('group');
      const count = await questions.count();
      expect(count, '2 to 4 questions').toBeGreaterThanOrEqual(2);
      expect(count, '2 to 4 questions').toBeLessThanOrEqual(4);
      for (const question of await questions.all()) {
        const form = question.locator('xpath=ancestor::form');
        const verdict = form.getByRole('status');
        const answers = question.getByRole('radio');
        let right = 0;
        // As a learner might: try every answer, with the keyboard alone.
        for (const answer of await answers.all()) {
          await answer.focus();
          await page.keyboard.press('Space');
          await expect(answer).toBeChecked();
          await page.keyboard.press('Tab');
          await expect(form.getByRole('button', { name: 'Check' })).toBeFocused();
          await page.keyboard.press('Enter');
          await expect(verdict).toHaveText(/^(Right|Not quite)\. \S.{10,}/);
          if ((await verdict.textContent()).startsWith('Right.')) right += 1;
        }
        expect(right, await question.locator('legend').textContent()).toBe(1);
      }
    });
  });
}
