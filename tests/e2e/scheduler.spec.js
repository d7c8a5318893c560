// The "Be the scheduler" puzzle ({{< scheduler-puzzle >}}), as a learner plays it with the keyboard
// alone: lose an update, then don't; with the lock, find that every order ends at 2. Its programs
// are declared once, in site/data/scheduler.toml, which the model's tests below read too.
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'smol-toml';
import * as puzzle from '../../themes/course/assets/js/scheduler/puzzle.js';
import { expect, test } from '../support/fixtures.js';
import { axeViolations } from '../support/axe.js';
import { drawWholePage } from '../support/whole-page.js';

const DECLARED = parse(readFileSync('site/data/scheduler.toml', 'utf8'));
const LOST = [0, 1, 0, 0, 1, 1]; // t1 load, t2 load, t1 add, t1 store, t2 add, t2 store
const SERIAL = [0, 0, 0, 1, 1, 1];

// Every built lesson that embeds the puzzle (its figure carries data-scheduler).
const PAGES = readdirSync('public/lessons', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .filter(({ name }) =>
    /<figure\b[^>]*\bdata-scheduler=/.test(readFileSync(`public/lessons/${name}/index.html`, 'utf8')),
  )
  .map(({ name }) => `/lessons/${name}/`);
const PAGE = PAGES[0];

test('some lesson embeds the scheduler puzzle', () => {
  expect(PAGES, 'no page in public/lessons/ embeds {{< scheduler-puzzle >}}: nothing below could run').not.toEqual([]);
});

test('pages without the puzzle load neither its script nor its styles', () => {
  for (const { name } of readdirSync('public/lessons', { withFileTypes: true }).filter((entry) =>
    entry.isDirectory(),
  )) {
    if (PAGES.includes(`/lessons/${name}/`)) continue;
    expect(readFileSync(`public/lessons/${name}/index.html`, 'utf8'), name).not.toMatch(
      /scheduler[./][^"' >]*\.(js|css)/,
    );
  }
});

// Every schedule of two threads, as lists of moves, with the state each ends in.
function allSchedules(steps) {
  const done = [];
  const walk = (state, moves) => {
    const legal = puzzle.legalMoves(state);
    if (!legal.length) done.push({ moves, state });
    for (const t of legal) walk(puzzle.step(state, t), [...moves, t]);
  };
  walk(puzzle.start(steps), []);
  return done;
}

test.describe('the model (puzzle.js)', () => {
  test('without a lock, the lost-update schedule ends at 1 and the serial one at 2', () => {
    const lost = puzzle.replay(DECLARED.plain.steps, LOST);
    expect(lost.counter).toBe(1);
    expect(lost.log.map(puzzle.describe)).toEqual([
      'thread 1: load counter → 0',
      'thread 2: load counter → 0',
      'thread 1: add 1 → 1',
      'thread 1: store counter ← 1',
      'thread 2: add 1 → 1',
      'thread 2: store counter ← 1',
    ]);
    expect(puzzle.verdict(puzzle.outcome(lost))).toMatch(
      /^Lost update: both threads added 1, but counter is 1\. Thread 2 read 0 before thread 1 stored 1/,
    );
    expect(puzzle.replay(DECLARED.plain.steps, SERIAL).counter).toBe(2);
    expect(puzzle.outcome(puzzle.replay(DECLARED.plain.steps, LOST.slice(0, -1)))).toBeNull();
  });

  test('without a lock some schedules lose an update; with it, every schedule ends at 2', () => {
    const plain = allSchedules(DECLARED.plain.steps);
    expect(plain).toHaveLength(20); // 6 steps, 3 of each thread: 6!/(3!·3!)
    expect(new Set(plain.map(({ state }) => state.counter))).toEqual(new Set([1, 2]));
    const locked = allSchedules(DECLARED.lock.steps);
    expect(locked).toHaveLength(2); // one thread's whole block, then the other's
    for (const { state } of locked) {
      expect(state.counter).toBe(2);
      expect(puzzle.verdict(puzzle.outcome(state))).toContain('Every order you can pick ends at 2');
    }
  });

  test('with the lock taken, the other thread waits and cannot step', () => {
    const state = puzzle.replay(DECLARED.lock.steps, [0]);
    expect(puzzle.blocker(state, 1)).toEqual({ why: 'lock', holder: 0 });
    expect(puzzle.explainBlocker(1, puzzle.blocker(state, 1))).toBe('Thread 2 waits: thread 1 holds the lock.');
    expect(() => puzzle.step(state, 1)).toThrow(/waits/);
    expect(puzzle.legalMoves(state)).toEqual([0]);
  });
});

// The page's first puzzle, with the parts a test reads.
function parts(page) {
  const figure = page.locator('figure[data-scheduler]').first();
  return {
    figure,
    counter: figure.locator('[data-counter]'),
    status: figure.getByRole('status'),
    outcome: figure.locator('[data-outcome]'),
    log: figure.getByRole('list', { name: 'Steps taken' }).getByRole('listitem'),
    run: (t) =>
      figure.getByRole('button', { name: new RegExp(`^(Run thread ${t}'s next step|Thread ${t} has finished)`) }),
    lockToggle: figure.getByRole('button', { name: 'With a lock' }),
  };
}

// Tabs from the top of the page until the keyboard's focus is on `target`.
async function tabTo(page, target) {
  const handle = await target.elementHandle();
  for (let i = 0; i < 400; i += 1) {
    if (await page.evaluate((element) => document.activeElement === element, handle)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the puzzle');
}

const keys = async (page, moves) => {
  for (const t of moves) await page.keyboard.press(String(t + 1));
};

// The puzzle without the lock, focused by Tab on its lock button, whatever mode it starts in.
async function openPuzzle(page) {
  await page.goto(PAGE);
  const p = parts(page);
  await expect(p.figure).toHaveAttribute('data-ready', '');
  await tabTo(page, p.lockToggle);
  if ((await p.lockToggle.getAttribute('aria-pressed')) === 'true') await page.keyboard.press('l');
  await expect(p.lockToggle).toHaveAttribute('aria-pressed', 'false');
  return p;
}

test('by keyboard: a lost update, undo, reset, then a serial order that ends at 2', async ({ reader: page }) => {
  const p = await openPuzzle(page);
  const program = (t) => p.figure.getByRole('list', { name: `Thread ${t}'s steps` });
  await expect(program(1).locator('[aria-current="step"]')).toContainText('load counter');

  // Keys 1 and 2, with the focus on the lock button inside the puzzle.
  await keys(page, LOST.slice(0, 3));
  await expect(p.status).toHaveText('Step 3: thread 1: add 1 → 1.');
  await expect(program(1).locator('[aria-current="step"]')).toContainText('store counter');
  await expect(program(2).locator('[aria-current="step"]')).toContainText('add 1');
  await expect(p.figure.locator('[data-thread="1"] [data-stack]')).toHaveText('0');
  await keys(page, LOST.slice(3));
  await expect(p.counter).toHaveText('1');
  await expect(p.outcome).toBeVisible();
  await expect(p.outcome).toContainText(
    'Lost update: both threads added 1, but counter is 1. Thread 2 read 0 before thread 1 stored 1',
  );
  await expect(p.status).toContainText('Lost update');
  await expect(p.log).toHaveCount(6);
  await expect(p.log.first()).toHaveText('thread 1: load counter → 0');
  await expect(p.run(1)).toHaveAccessibleName('Thread 1 has finished');
  await expect(p.run(1)).toHaveAttribute('aria-disabled', 'true');

  await page.keyboard.press('u');
  await expect(p.outcome).toBeHidden();
  await expect(p.log).toHaveCount(5);
  await expect(p.counter).toHaveText('1');
  await expect(p.run(2)).toHaveAccessibleName("Run thread 2's next step: store counter");
  await page.keyboard.press('r');
  await expect(p.log).toHaveCount(0);
  await expect(p.counter).toHaveText('0');
  await expect(p.status).toContainText('Reset');

  // The same by Tab and Enter/Space on the buttons: the focus stays on a button that finishes.
  await page.keyboard.press('Tab');
  await expect(p.run(1)).toBeFocused();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Enter');
  await expect(p.run(1)).toBeFocused();
  await page.keyboard.press('Enter'); // thread 1 has finished: nothing happens, and it says so
  await expect(p.status).toHaveText('Thread 1 has finished.');
  await page.keyboard.press('Tab');
  await expect(p.run(2)).toBeFocused();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Space');
  await expect(p.counter).toHaveText('2');
  await expect(p.outcome).toContainText('Correct: counter is 2');
  await expect(p.outcome).toContainText('To lose an update');
  await expect(p.log).toHaveCount(6);

  // Keys do nothing once the focus has left the puzzle.
  await page.keyboard.press('Tab');
  await expect(p.figure.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('r');
  await expect(p.log).toHaveCount(6);
});

test('by keyboard, with the lock: the other thread waits, and every order ends at 2', async ({ reader: page }) => {
  const p = await openPuzzle(page);
  await page.keyboard.press('l');
  await expect(p.lockToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(p.figure.locator('[data-source]')).toHaveText(/with lock:\s+counter \+= 1/);

  await keys(page, [0]); // thread 1 acquires
  await expect(p.figure.locator('[data-holder]')).toHaveText('held by thread 1');
  await expect(p.run(2)).toHaveAttribute('aria-disabled', 'true');
  await expect(p.run(2)).toHaveAccessibleDescription('Thread 2 waits: thread 1 holds the lock.');
  await expect(p.figure.getByText('Thread 2 waits: thread 1 holds the lock.')).toBeVisible();
  await keys(page, [1]);
  await expect(p.status).toHaveText('Thread 2 cannot take the lock. Thread 2 waits: thread 1 holds the lock.');
  await expect(p.log).toHaveCount(1);

  // The lost-update order, pressed regardless: thread 2's presses are refused until the release.
  await keys(page, [0, 1, 0, 0, 1, 1]);
  await expect(p.log).toHaveCount(4);
  await expect(p.run(2)).toHaveAttribute('aria-disabled', 'true');
  await keys(page, [0]); // release
  await expect(p.run(2)).toHaveAttribute('aria-disabled', 'false');
  await keys(page, [1, 1, 1, 1, 1]);
  await expect(p.counter).toHaveText('2');
  await expect(p.outcome).toContainText(
    'Every order you can pick ends at 2: the lock keeps the load-add-store of one thread together',
  );

  // Alternating from the other thread first, by Tab and Enter: still 2.
  await page.keyboard.press('r');
  for (let i = 0; i < 30 && (await p.figure.getAttribute('data-state')) !== 'done'; i += 1) {
    await page.keyboard.press(String(2 - (i % 2)));
  }
  await expect(p.figure).toHaveAttribute('data-state', 'done');
  await expect(p.counter).toHaveText('2');
  await expect(p.log.first()).toHaveText('thread 2: acquire lock');
});

test('the puzzle has no accessibility violations at the start, after a lost update, and with a thread waiting', async ({
  reader: page,
}) => {
  test.setTimeout(120_000); // axe three times over, on a shared machine
  const p = await openPuzzle(page);
  const check = async () => {
    expect(await axeViolations(page, 'figure[data-scheduler]')).toEqual([]);
  };
  await check();
  await keys(page, LOST);
  await expect(p.outcome).toBeVisible();
  await check();
  await page.keyboard.press('l');
  await keys(page, [0]);
  await expect(p.run(2)).toHaveAttribute('aria-disabled', 'true');
  await check();
});

for (const width of [360, 1280]) {
  test(`at ${width} px the page is no wider than the window, at every stage of the puzzle`, async ({
    reader: page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const p = await openPuzzle(page);
    const fits = async (stage) => {
      await drawWholePage(page);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll, stage).toBeLessThanOrEqual(width);
      const box = await p.figure.boundingBox();
      expect(box.x + box.width, stage).toBeLessThanOrEqual(width);
    };
    await fits('start');
    await keys(page, LOST);
    await expect(p.outcome).toBeVisible();
    await fits('lost update');
    await page.keyboard.press('l');
    await keys(page, [0, 1]);
    await fits('a thread waiting for the lock');
  });
}

test('without JavaScript, the puzzle shows its program and state, with its buttons disabled', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(PAGE);
  const p = parts(page);
  const mode = (await p.figure.getAttribute('data-mode')) === 'lock' ? DECLARED.lock : DECLARED.plain;
  await expect(p.figure.getByRole('list', { name: "Thread 1's steps" }).getByRole('listitem')).toHaveText(
    mode.steps.map(({ label, bytecode }) => `${label} ${bytecode}`),
  );
  await expect(p.counter).toHaveText('0');
  for (const button of await p.figure.getByRole('button').all()) await expect(button).toBeDisabled();
  await context.close();
});

test('a click on the puzzle, not only on its buttons, gives it the keys', async ({ reader: page }) => {
  const p = await openPuzzle(page);
  // openPuzzle leaves the focus on a button inside: take it away first, or this proves nothing.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('1');
  await expect(p.log).toHaveCount(0);
  await p.figure.getByRole('list', { name: "Thread 1's steps" }).click();
  await page.keyboard.press('1');
  await expect(p.log).toHaveCount(1);
  await expect(p.log.first()).toHaveText('thread 1: load counter → 0');
});
