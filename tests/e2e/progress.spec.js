// A learner's progress, as they make it: run a demo, then answer the checks or reach the end of
// the transcript; the outline marks the lesson, the course page offers to resume, reset forgets.
import { declaredDemos } from '../support/course.js';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, runDemo } from '../support/lab.js';

const all = lessons();
// A lesson with a lab demo and checks: the first that embeds one of the declared demos.
const demos = declaredDemos().filter(({ embeds }) => embeds.length);
const withDemo = all.find(({ page }) => demos.some(({ embeds }) => embeds.some((embed) => embed.page === page)));
const demoOn = (lesson) => demos.find(({ embeds }) => embeds.some(({ page }) => page === lesson.page));

const outlineEntry = (page, lesson) =>
  page.getByRole('navigation', { name: 'Lessons' }).locator(`li[data-lesson="${lesson.slug}"]`);
const progressBox = (page) => page.getByRole('region', { name: 'Your progress' });

test('the lessons used here exist', () => {
  expect(withDemo, 'a lesson that embeds a lab demo').toBeTruthy();
  expect(all.length).toBeGreaterThan(2);
});

// Every check answered as a learner would: try each answer until the verdict says "Right".
async function answerEveryCheck(page) {
  const forms = page.locator('form[data-check]');
  expect(await forms.count()).toBeGreaterThan(0);
  for (const form of await forms.all()) {
    for (const answer of await form.getByRole('radio').all()) {
      await answer.check();
      await form.getByRole('button', { name: 'Check' }).click();
      if ((await form.getByRole('status').textContent()).startsWith('Right.')) break;
    }
    await expect(form.getByRole('status')).toHaveText(/^Right\./);
  }
}

async function runTheLessonsDemo(page, lesson) {
  const demo = demoOn(lesson);
  const figure = demoFigure(page, demo);
  const tasks = demo.params.find(({ name }) => name === 'tasks');
  await runDemo(figure, demo, tasks ? { tasks: tasks.min } : {});
}

test('a lesson completed by running a demo and answering its checks is marked everywhere, after a reload', async ({
  reader: page,
}) => {
  test.setTimeout(120_000);
  await page.goto(withDemo.page);
  const box = progressBox(page);
  await expect(box.getByRole('button', { name: 'Mark as complete' })).toBeVisible();

  await answerEveryCheck(page);
  // Answers alone are not enough: the lesson also asks for a demo run.
  await expect(box.getByRole('status')).not.toHaveText(/completed this lesson/);
  await expect(outlineEntry(page, withDemo)).not.toHaveClass(/is-done/);

  await runTheLessonsDemo(page, withDemo);
  await expect(box.getByRole('status')).toHaveText('You have completed this lesson.');
  await expect(box.locator('[data-step="ran"]')).toHaveClass(/is-done/);
  await expect(box.locator('[data-step="answered"]')).toHaveClass(/is-done/);

  await page.reload();
  await expect(outlineEntry(page, withDemo)).toHaveClass(/is-done/);
  await expect(outlineEntry(page, withDemo).getByRole('link')).toHaveAccessibleName(/completed/);
  await expect(page.getByRole('navigation', { name: 'Lessons' })).toContainText(`1 of ${all.length} lessons complete`);

  // The course page shows the mark and where to go on: the next lesson not done.
  await page.getByRole('link', { name: 'Python Concurrency, Hands-On' }).first().click();
  await expect(page.locator(`main li[data-lesson="${withDemo.slug}"]`)).toHaveClass(/is-done/);
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', '1');
  const next = all[all.indexOf(withDemo) + 1];
  await expect(page.locator('[data-resume]')).toHaveAttribute('href', next.page);
});

test('reaching the end of the transcript, after a demo run, completes a lesson too', async ({ reader: page }) => {
  test.setTimeout(120_000);
  await page.goto(withDemo.page);
  await runTheLessonsDemo(page, withDemo);
  await expect(progressBox(page).getByRole('status')).not.toHaveText(/completed this lesson/);
  const last = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem').last();
  await last.locator('.stamp').click();
  await expect(last).toHaveAttribute('aria-current', 'true');
  await expect(progressBox(page).getByRole('status')).toHaveText('You have completed this lesson.');
});

test('"Resume where you left off" opens the lesson at the paragraph the learner was on', async ({ reader: page }) => {
  const lesson = all[2];
  await page.goto(lesson.page);
  const paragraph = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem').nth(3);
  const stamp = (await paragraph.locator('.stamp').textContent()).trim();
  await paragraph.locator('.stamp').click();
  await page.goto('/');
  const resume = page.getByRole('link', { name: /^Resume where you left off/ });
  await expect(resume).toHaveAttribute('href', `${lesson.page}#t=${stamp}`);
  await resume.click();
  await expect(page).toHaveURL(new RegExp(`${lesson.page}#t=${stamp}$`));
  await expect(page.getByRole('list', { name: 'Transcript' }).getByRole('listitem').nth(3)).toHaveAttribute(
    'aria-current',
    'true',
  );
  // Opening the lesson again from the outline, without a time, does not forget the place.
  await page.getByRole('navigation', { name: 'Lessons' }).locator(`li[data-lesson="${lesson.slug}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`${lesson.page}$`));
  await page.goto('/');
  await expect(page.getByRole('link', { name: /^Resume where you left off/ })).toHaveAttribute(
    'href',
    `${lesson.page}#t=${stamp}`,
  );
});

test('marking by hand, then Reset on the course page, forgets everything', async ({ reader: page }) => {
  const [first, second] = all;
  for (const lesson of [first, second]) {
    await page.goto(lesson.page);
    await progressBox(page).getByRole('button', { name: 'Mark as complete' }).click();
    await expect(progressBox(page).getByRole('button', { name: 'Mark as not complete' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(outlineEntry(page, lesson)).toHaveClass(/is-done/);
  }
  await page.goto('/');
  await expect(page.locator('.course-progress')).toContainText(`2 of ${all.length} lessons complete`);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.getByRole('button', { name: 'Keep my progress' }).click();
  await expect(page.locator('.course-progress')).toContainText(`2 of ${all.length} lessons complete`);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.locator('.course-progress')).toContainText(`0 of ${all.length} lessons complete`);
  await expect(page.getByRole('link', { name: 'Start the course' })).toHaveAttribute('href', first.page);
  await page.reload();
  await expect(page.locator('main li.is-done')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();
});

test('a lesson marked not complete again starts over', async ({ reader: page }) => {
  const [lesson] = all;
  await page.goto(lesson.page);
  await progressBox(page).getByRole('button', { name: 'Mark as complete' }).click();
  await progressBox(page).getByRole('button', { name: 'Mark as not complete' }).click();
  await page.reload();
  await expect(outlineEntry(page, lesson)).not.toHaveClass(/is-done/);
  await expect(progressBox(page).getByRole('button', { name: 'Mark as complete' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
});

test('with storage blocked, progress works for the page and the page says it will not be kept', async ({
  tab: page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const [lesson] = all;
  await page.goto(lesson.page);
  await expect(page.getByRole('status').filter({ hasText: /progress and settings last only/ })).toBeVisible();
  await progressBox(page).getByRole('button', { name: 'Mark as complete' }).click();
  await expect(outlineEntry(page, lesson)).toHaveClass(/is-done/);
  await page.goto('/');
  await expect(page.getByRole('status').filter({ hasText: /progress and settings last only/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();
});

test('a progress record that is not ours (edited by hand, another version) is set aside, not thrown', async ({
  tab: page,
}) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('course-progress', '{"lessons": 42, "last": {"lesson": 7}} trailing');
      sessionStorage.setItem('seeded', 'yes');
    }
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Start the course' })).toBeVisible();
  await page.goto(all[0].page);
  await expect(progressBox(page).getByRole('button', { name: 'Mark as complete' })).toBeVisible();
});
