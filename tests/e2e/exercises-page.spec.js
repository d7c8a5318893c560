// The exercises checked in the page's Python (runs = "page" in a lesson's exercises.toml), as a
// learner does it: open the program, press "Edit and check here", Check the starting program and
// read why it fails, type the fix into the editor, Check again, and see the lesson's progress move.
// And every such exercise, in the page: its start fails and its solution passes, as they do with
// check.py on the learner's machine (tests/python/test_exercises.py).
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { expect, test } from '../support/fixtures.js';

const OUTLINE = parse(readFileSync('site/data/outline.toml', 'utf8')).lessons.filter((entry) => entry.lesson);
const IN_PAGE = OUTLINE.flatMap(({ lesson }) => {
  const file = `content/lessons/${lesson}/exercises.toml`;
  return existsSync(file)
    ? parse(readFileSync(file, 'utf8'))
        .exercises.filter((e) => e.runs === 'page')
        .map((e) => ({ ...e, lesson }))
    : [];
});
const source = (exercise, solution = false) =>
  readFileSync(`content/lessons/${exercise.lesson}/exercises/${solution ? 'solutions/' : ''}${exercise.id}.py`, 'utf8');

test.describe.configure({ mode: 'serial' });

test('some exercises are checked in the page', () => {
  expect(IN_PAGE.length).toBeGreaterThanOrEqual(4);
});

async function openChecker(page, exercise) {
  const card = page.locator(`#exercise-${exercise.id}`);
  await card.locator('summary', { hasText: 'Start from' }).click();
  await card.getByRole('button', { name: 'Edit and check here' }).click();
  await expect(card.locator('.program-runner')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  return card;
}

async function check(card, runs) {
  await card.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(card.locator('.program-runner')).toHaveAttribute('data-runs', String(runs), { timeout: 60_000 });
  return card.locator('.program-status').textContent();
}

test(
  'a learner fixes an exercise by typing in the editor: a failing verdict, then a pass, and the lesson counts it',
  { tag: '@timed' },
  async ({ tab: page }) => {
    test.setTimeout(180_000);
    const exercise = IN_PAGE.find(({ id }) => id === 'at-most-three');
    expect(exercise).toBeTruthy();
    await page.goto('/lessons/');
    await page.locator(`a[href$="/lessons/${exercise.lesson}/"]`).first().click();
    const card = await openChecker(page, exercise);
    expect(await check(card, 1)).toBe('Not yet: Up to 12 downloads ran at once; the limit is 3.');
    await expect(card).toHaveAttribute('data-checked', 'fail');
    const step = page.locator('[data-lesson-progress] [data-step="solved"]');
    await expect(step).not.toHaveClass(/is-done/);
    // The run is drawn on the timeline: the event loop's lane.
    await expect(card.locator('.program-runs')).toContainText('event loop');

    // The fix, typed: the session opens at most AT_ONCE connections.
    const lines = source(exercise).split('\n');
    const at = lines.findIndex((line) => line.includes('aiohttp.ClientSession() as session'));
    expect(at).toBeGreaterThan(0);
    await card.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < at; i += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let i = 0; i < ') as session:'.length; i += 1) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('connector=aiohttp.TCPConnector(limit=AT_ONCE)');
    await expect(card.locator('.cm-content')).toContainText(
      'ClientSession(connector=aiohttp.TCPConnector(limit=AT_ONCE)) as session:',
    );

    expect(await check(card, 2)).toMatch(
      /^Passed: At most 3 downloads at once \(the limit is 3\), all 12 in \d+\.\d\d s\.$/,
    );
    await expect(card).toHaveAttribute('data-checked', 'pass');
    await expect(step).toHaveClass(/is-done/);
    await expect(card.getByRole('button', { name: /Solved/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('#outline [data-progress-summary]')).toContainText('1 of ');
    await expect(page.locator('#outline [data-progress-summary]')).toContainText(' exercises solved');
  },
);

// One test per lesson, so that each has its own time limit (a page that never answers makes its
// start wait for the checker's time limit).
for (const lesson of new Set(IN_PAGE.map((exercise) => exercise.lesson))) {
  test(
    `in the page, ${lesson}: every starting program fails its check and every solution passes`,
    { tag: '@timed' },
    async ({ tab: page }) => {
      test.setTimeout(240_000);
      await page.goto(`/lessons/${lesson}/`);
      for (const exercise of IN_PAGE.filter((e) => e.lesson === lesson)) {
        const card = await openChecker(page, exercise);
        const failed = await check(card, 1);
        expect(failed, `${exercise.id}, its start`).toMatch(/^Not yet: /);
        // The solution, pasted over the start (Ctrl+A, then the text as a paste inserts it).
        await card.locator('.cm-content').click();
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText(source(exercise, true));
        const passed = await check(card, 2);
        expect(passed, `${exercise.id}, its solution`).toMatch(/^Passed: /);
      }
    },
  );
}
