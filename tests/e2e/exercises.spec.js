// The lessons' exercises as a learner meets them (partials/exercises/exercises.html): each one
// declared in a lesson's exercises.toml shows on its lesson with its goal, the program to start
// from, its hints one at a time, the command that checks it and a solution only on request; on
// paper, every hint and no solution. Their checkers are tested in tests/python/test_exercises.py.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { declaredDemos } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, runDemo } from '../support/lab.js';

const OUTLINE = parse(readFileSync('site/data/outline.toml', 'utf8')).lessons.filter((entry) => entry.lesson);
const DECLARED = OUTLINE.flatMap(({ lesson }) => {
  const file = `content/lessons/${lesson}/exercises.toml`;
  return existsSync(file)
    ? parse(readFileSync(file, 'utf8')).exercises.map((exercise) => ({ ...exercise, lesson }))
    : [];
});

test('exercises are declared', () => {
  expect(DECLARED.length).toBeGreaterThanOrEqual(7);
});

for (const lesson of new Set(DECLARED.map((exercise) => exercise.lesson))) {
  test(`${lesson}: each exercise shows its goal, its start, its hints one at a time, its command, and its solution on request`, async ({
    reader: page,
  }) => {
    await page.goto('/lessons/');
    await page.locator(`a[href$="/lessons/${lesson}/"]`).first().click();
    const mine = DECLARED.filter((exercise) => exercise.lesson === lesson);
    await expect(page.locator('.exercise')).toHaveCount(mine.length);
    for (const exercise of mine) {
      const card = page.getByRole('article', { name: exercise.title });
      await expect(card.locator('.exercise-goal')).not.toBeEmpty();
      await expect(card.locator('summary', { hasText: 'Start from' })).toContainText(`${exercise.id}.py`);
      await expect(card.locator('.exercise-command')).toHaveText(`python3 check.py ${exercise.id}`);
      const hints = card.locator('.exercise-hints li');
      await expect(hints).toHaveCount(exercise.hints.length);
      await expect(hints.locator('visible=true')).toHaveCount(0);
      for (let shown = 1; shown <= exercise.hints.length; shown += 1) {
        await card.getByRole('button', { name: new RegExp(`hint \\(${shown} of ${exercise.hints.length}\\)`) }).click();
        await expect(hints.locator('visible=true')).toHaveCount(shown);
      }
      await expect(card.getByRole('button', { name: /hint/ })).toBeHidden();
      const solution = card.locator('.exercise-solution');
      await expect(solution.locator('pre')).toBeHidden();
      await solution.locator('summary').click();
      await expect(solution.locator('pre')).toBeVisible();
    }
  });
}

test('on paper, an exercise keeps every hint and leaves out its solution', async ({ reader: page }) => {
  const [first] = DECLARED;
  await page.goto(`/lessons/${first.lesson}/`);
  await page.emulateMedia({ media: 'print' });
  const card = page.locator(`#exercise-${first.id}`);
  await expect(card.locator('.exercise-hints li').first()).toBeVisible();
  await expect(card.locator('.exercise-hints li')).toHaveCount(first.hints.length);
  for (const hint of await card.locator('.exercise-hints li').all()) await expect(hint).toBeVisible();
  await expect(card.locator('.exercise-solution')).toBeHidden();
});

test('an exercise marked solved counts toward its lesson and on the course page, and stays solved', async ({
  reader: page,
}) => {
  test.setTimeout(120_000);
  const lesson = 'race-conditions';
  const demo = declaredDemos().find(({ embeds }) => embeds.some((embed) => embed.page === `/lessons/${lesson}/`));
  expect(demo, `a demo on ${lesson}`).toBeTruthy();
  const total = DECLARED.length;
  await page.goto('/');
  await expect(page.locator('.course-progress [data-progress-summary]')).toHaveText(
    `0 of ${OUTLINE.length} lessons complete, 0 of ${total} exercises solved`,
  );
  await page.goto(`/lessons/${lesson}/`);
  await expect(page.locator('#outline [data-progress-summary]')).toHaveText(
    `0 of ${OUTLINE.length} lessons complete, 0 of ${total} exercises solved`,
  );
  const step = page.locator('[data-lesson-progress] [data-step="solved"]');
  await expect(step).not.toHaveClass(/is-done/);
  const card = page.locator('#exercise-lost-update');
  await card.getByRole('button', { name: 'Mark as solved' }).click();
  await expect(card.getByRole('button', { name: /Solved/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(step).toHaveClass(/is-done/);
  await expect(page.locator('#outline [data-progress-summary]')).toHaveText(
    `0 of ${OUTLINE.length} lessons complete, 1 of ${total} exercises solved`,
  );
  // Solving one counts as the transcript's end or the checks would: with a demo run, the lesson is complete.
  const tasks = demo.params.find(({ name }) => name === 'tasks');
  await runDemo(demoFigure(page, demo), demo, tasks ? { tasks: tasks.min } : {});
  await expect(page.locator('[data-lesson-progress]')).toHaveClass(/is-done/, { timeout: 30_000 });
  await page.goto('/');
  await expect(page.locator('.course-progress [data-progress-summary]')).toHaveText(
    `1 of ${OUTLINE.length} lessons complete, 1 of ${total} exercises solved`,
  );
  await page.goto(`/lessons/${lesson}/`);
  await expect(page.locator('#exercise-lost-update').getByRole('button', { name: /Solved/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page
    .locator('#exercise-lost-update')
    .getByRole('button', { name: /Solved/ })
    .click();
  await expect(page.locator('#outline [data-progress-summary]')).toContainText(`0 of ${total} exercises solved`);
});
