// Studying a finished run, on every demo, with the keyboard alone: step from change to change and
// read the sentence, zoom with the cursor kept in view, read each task's times in the table, and
// download the run as a trace that a trace viewer can open.
import { readFile } from 'node:fs/promises';
import { declaredDemos, widestEmbed } from '../support/course.js';
import { traceExtent, traceProblems } from '../support/trace-format.js';
import { expect, test } from '../support/fixtures.js';
import { axeViolations } from '../support/axe.js';
import { MODELS, demoFigure, endsInDeadlock, runDemo } from '../support/lab.js';

// Presses Tab until `target` has the focus; fails if it never does.
async function tabTo(page, target, limit = 80) {
  for (let i = 0; i < limit; i += 1) {
    if (await target.evaluate((node) => node === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

// Two sums on two threads under the GIL, on the page that offers most of the squares demo's models.
async function gilRun(page) {
  const demo = declaredDemos().find(({ id }) => id === 'squares');
  await page.goto(widestEmbed(demo).page);
  const figure = demoFigure(page, demo);
  await runDemo(figure, demo, { tasks: 2, workers: 2, millions: 100 }, ['gil_threads']);
  return { figure };
}

const cursorLeft = (run) =>
  run
    .locator('.lab-cursor')
    .first()
    .evaluate((node) => node.getBoundingClientRect().left);

for (const demo of declaredDemos().filter(({ embeds }) => embeds.length)) {
  test(
    `demo ${demo.id}: after a run, the keyboard alone steps, zooms, reads the table and downloads the trace`,
    { tag: '@timed' },
    async ({ reader: page }) => {
      test.setTimeout(180_000);
      const embed = widestEmbed(demo);
      await page.goto(embed.page);
      const figure = demoFigure(page, demo);
      await runDemo(figure, demo, { tasks: 3 });
      const runs = figure.locator('.lab-run');
      await expect(runs).toHaveCount(embed.models.length);
      // Where a keyboard user is after pressing Run; each run's controls follow in reading order.
      await figure.getByRole('button', { name: 'Run', exact: true }).focus();

      for (const model of embed.models) {
        const run = figure.getByRole('region', { name: MODELS[model].label, exact: true });
        const scrubber = run.getByRole('slider', { name: 'Time in the run' });
        const now = run.locator('.lab-now');
        const wallMs = Number(await run.locator('output').getAttribute('data-ms'));
        expect(wallMs, model).toBeGreaterThan(0);

        // Step: each press moves the cursor later and says something new.
        await tabTo(page, scrubber);
        const said = [await now.textContent()];
        const at = [Number(await scrubber.inputValue())];
        const lefts = [await cursorLeft(run)];
        for (let i = 0; i < 4; i += 1) {
          await page.keyboard.press('ArrowRight');
          said.push(await now.textContent());
          at.push(Number(await scrubber.inputValue()));
          lefts.push(await cursorLeft(run));
        }
        for (let i = 1; i < at.length; i += 1) {
          expect(at[i], `${model}: step ${i} moves the cursor later`).toBeGreaterThan(at[i - 1]);
          expect(said[i], `${model}: step ${i} changes the sentence`).not.toBe(said[i - 1]);
          expect(lefts[i], `${model}: step ${i} moves the cursor line`).toBeGreaterThanOrEqual(lefts[i - 1]);
        }
        expect(said.at(-1)).toMatch(/^At [\d.]+ m?s: .+\.$/);
        await page.keyboard.press('ArrowLeft');
        expect(Number(await scrubber.inputValue())).toBe(at.at(-2));
        await page.keyboard.press('End');
        await expect(now).toContainText('the end');

        // Zoom about a cursor in the middle of the run: it stays inside the track's view.
        await page.keyboard.press('Home');
        for (let i = 0; i < 8 && Number(await scrubber.inputValue()) < wallMs / 2; i += 1)
          await page.keyboard.press('ArrowRight');
        for (let i = 0; i < 4; i += 1) await page.keyboard.press('+');
        await expect(run.locator('.lab-timeline')).toHaveAttribute('data-zoom', '16');
        const view = await run.locator('.lab-track').nth(1).boundingBox();
        const cursor = await run.locator('.lab-cursor').first().boundingBox();
        expect(cursor.x, `${model}: the zoomed cursor is in view`).toBeGreaterThanOrEqual(view.x - 1);
        expect(cursor.x, `${model}: the zoomed cursor is in view`).toBeLessThanOrEqual(view.x + view.width + 1);
        // Fit: this run across the whole width, however short it is beside the longest.
        await page.keyboard.press('0');
        const longest = Math.max(
          ...(await runs.locator('output').evaluateAll((nodes) => nodes.map((node) => Number(node.dataset.ms)))),
        );
        expect(Number(await run.locator('.lab-timeline').getAttribute('data-zoom'))).toBeCloseTo(longest / wallMs, 3);

        // The trace, downloaded with Enter.
        const download = run.getByRole('button', { name: 'Download trace' });
        await tabTo(page, download);
        const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
        expect(file.suggestedFilename()).toBe(`${demo.id}-${model}.trace.json`);
        const trace = JSON.parse(await readFile(await file.path(), 'utf8'));
        expect(traceProblems(trace), model).toEqual([]);
        expect(traceExtent(trace) / (wallMs * 1000), `${model}: the trace lasts as long as the run`).toBeCloseTo(1, 2);
        const names = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args.name);
        const lanes = await run.locator('.lab-lane-name').allTextContents();
        expect(lanes.length).toBeGreaterThan(0);
        expect(names).toEqual(expect.arrayContaining(lanes));
        const tasksTraced = trace.traceEvents.filter(
          (e) => /^task \d+$/.test(e.name) && (e.ph === 'X' || e.ph === 'b'),
        ).length;
        expect(tasksTraced, model).toBeGreaterThan(0);
        // The table: a row per task, whose states add up to its time, within the run.
        const toggle = run.getByRole('button', { name: /^Each task's times/ });
        await tabTo(page, toggle);
        if ((await toggle.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('Enter');
        await expect(toggle).toHaveAttribute('aria-expanded', 'true');
        const rows = run.locator('.lab-results tbody tr');
        // A deadlock stops a run before its last tasks start; every other run starts all three.
        if (endsInDeadlock(demo)) await expect(rows).not.toHaveCount(0);
        else await expect(rows).toHaveCount(3);
        expect(await rows.count()).toBe(tasksTraced);
        await expect(run.getByRole('table')).toBeVisible();
        for (const row of await rows.all()) {
          const { start, end, running, waiting } = await row.evaluate((node) => node.dataset);
          expect(Number(running) + Number(waiting), `${model}: a task's states add up`).toBeCloseTo(
            Number(end) - Number(start),
            3,
          );
          expect(Number(end)).toBeLessThanOrEqual(wallMs + 1e-6);
        }
        // Why the test is @timed: beside other tests, a run of three tasks once ended its last
        // task at 0.63 of its wall time.
        const lastEnd = Math.max(...(await rows.evaluateAll((nodes) => nodes.map((node) => Number(node.dataset.end)))));
        expect(lastEnd / wallMs, `${model}: the last task ends with the run`).toBeGreaterThan(0.9);
      }
    },
  );
}

test('hovering or focusing a bar says its task, lane, times and states; arrows move between bars', async ({
  reader: page,
}) => {
  const { figure } = await gilRun(page);
  const run = figure.getByRole('region', { name: MODELS.gil_threads.label, exact: true });
  const tip = run.getByRole('tooltip');
  await run.locator('.lab-bar').first().hover();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(
    /^Task \d, (running|waiting for the GIL): [\d.]+ m?s to [\d.]+ m?s, [\d.]+ m?s$|^Task \d on thread \d/,
  );
  const first = run.locator('.lab-bar[tabindex="0"]');
  await expect(first).toHaveCount(1);
  await first.focus();
  await expect(tip).toHaveText(/^Task \d on thread 1: .* to .*; .*running [\d.]+ m?s/);
  // The next bar in reading order, thread by thread, then by start: on thread 2 when each thread
  // took one task, on thread 1 when a busy machine let thread 1 take both before thread 2 began.
  const at = (label) => {
    const [, thread, start, unit] = label.match(/on thread (\d+): ([\d.]+) (m?s) to/);
    return Number(thread) * 1e9 + Number(start) * (unit === 's' ? 1000 : 1);
  };
  const labels = (await run.locator('.lab-bar[aria-label]').evaluateAll((bars) => bars.map((bar) => bar.ariaLabel)))
    .filter((label) => /on thread/.test(label))
    .sort((a, b) => at(a) - at(b));
  expect(labels.length, 'two tasks, two bars at least').toBeGreaterThanOrEqual(2);
  await page.keyboard.press('ArrowRight');
  await expect(tip).toHaveText(labels[1]);
  await expect(run.locator('.lab-bar[tabindex="0"]')).toHaveAttribute('aria-label', labels[1]);
  // With the tooltip shown, the study's controls still pass axe-core's WCAG A and AA rules.
  expect(await axeViolations(page, `#${await figure.getAttribute('id')}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
});

test('a GIL run can be replayed: Play moves the cursor to the end at a fraction of real time', async ({
  reader: page,
}) => {
  const { figure } = await gilRun(page);
  const run = figure.getByRole('region', { name: MODELS.gil_threads.label, exact: true });
  const scrubber = run.getByRole('slider', { name: 'Time in the run' });
  await run.getByRole('combobox', { name: 'Replay speed' }).selectOption('1');
  // The button's names as the page gives them: a short replay can be over before a check from
  // here would see "Pause".
  const play = run.getByRole('button', { name: 'Play' });
  await play.evaluate((button) => {
    window.playNames = [];
    new MutationObserver(() => window.playNames.push(button.getAttribute('aria-label'))).observe(button, {
      attributeFilter: ['aria-label'],
    });
  });
  const started = Date.now();
  await play.click();
  await expect.poll(() => page.evaluate(() => window.playNames), { timeout: 30_000 }).toEqual(['Pause', 'Play']);
  const took = Date.now() - started;
  const wallMs = Number(await run.locator('output').getAttribute('data-ms'));
  expect(Number(await scrubber.inputValue())).toBe(wallMs);
  // At 1×, a replay takes at least the run's own time.
  expect(took / wallMs).toBeGreaterThan(0.9);
  await expect(run.locator('.lab-now')).toContainText('the end');
});

test('with reduced motion, Play jumps from change to change instead of gliding', async ({ reader: page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const demo = declaredDemos().find(({ id }) => id === 'downloads');
  await page.goto(widestEmbed(demo).page);
  const figure = demoFigure(page, demo);
  await runDemo(figure, demo, { tasks: 3, latency_ms: 300 }, ['gil_threads']);
  const run = figure.getByRole('region', { name: MODELS.gil_threads.label, exact: true });
  const scrubber = run.getByRole('slider', { name: 'Time in the run' });
  // The moments, by stepping through them.
  await scrubber.focus();
  const moments = new Set([Number(await scrubber.inputValue())]);
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('ArrowRight');
    moments.add(Number(await scrubber.inputValue()));
  }
  await page.keyboard.press('Home');
  await run.getByRole('combobox', { name: 'Replay speed' }).selectOption('1');
  // What the scrubber showed at each frame of the replay, read in the page: a busy machine slows
  // the test's own round trips, not the page's frames, which draw the replay.
  const shownWhilePlaying = scrubber.evaluate(
    (input) =>
      new Promise((resolve, reject) => {
        const study = input.closest('.lab-study');
        if (!study) return reject(new Error('the scrubber is not in a .lab-study'));
        const shown = new Set();
        let started = false;
        const frame = () => {
          if (study.hasAttribute('data-playing')) {
            started = true;
            shown.add(Number(input.value));
          } else if (started) return resolve([...shown]);
          requestAnimationFrame(frame);
        };
        frame();
      }),
  );
  await run.getByRole('button', { name: 'Play' }).click();
  const seen = await shownWhilePlaying;
  expect(seen.length).toBeGreaterThan(1);
  for (const value of seen) expect(moments.has(value), `${value} ms is a moment`).toBe(true);
});

test("each task's times print even when the table is folded", async ({ reader: page }) => {
  const demo = declaredDemos().find(({ id }) => id === 'downloads');
  await page.goto(widestEmbed(demo).page);
  const figure = demoFigure(page, demo);
  await runDemo(figure, demo, { tasks: 3, latency_ms: 50 });
  const tables = figure.locator('.lab-results table');
  await expect(tables.first()).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  const count = await tables.count();
  expect(count).toBeGreaterThan(2);
  for (let i = 0; i < count; i += 1) await expect(tables.nth(i)).toBeVisible();
  await expect(figure.locator('.lab-study-bar').first()).toBeHidden();
});

test('Ctrl and the wheel zoom the timeline where the pointer is; Shift and the wheel pan it', async ({
  reader: page,
}) => {
  const { figure } = await gilRun(page);
  const timeline = figure.getByRole('region', { name: MODELS.gil_threads.label, exact: true }).locator('.lab-timeline');
  await timeline.scrollIntoViewIfNeeded(); // the pointer goes where the learner sees the timeline
  const box = await timeline.boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect.poll(async () => Number(await timeline.getAttribute('data-zoom'))).toBeGreaterThan(2);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
  const pan = async () => Number(await timeline.evaluate((node) => node.style.getPropertyValue('--pan')));
  const before = await pan();
  await page.keyboard.down('Shift');
  await page.mouse.wheel(0, 200);
  await page.keyboard.up('Shift');
  await expect.poll(pan).toBeGreaterThan(before);
});
