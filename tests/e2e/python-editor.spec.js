// A lesson's program edited and run in the page, as a learner does it: nothing of the runtime
// loads until asked; "Edit and run" loads it with its progress in bytes; typed edits run, reset,
// survive a reload (and stay in memory where storage is blocked); Stop ends a busy loop and a long
// sleep; errors point at the learner's lines; the runs are drawn on the lab's timeline; a program
// that needs threads or processes says why, where its model is and how to run it. Which programs
// run in the page is site/data/programs.toml, read here too. Pyodide's cold start takes seconds
// (about 8 on a busy two-core machine): the tests that run programs share one page.
import { readFileSync } from 'node:fs';
import { test as plainTest } from '@playwright/test';
import { parse } from 'smol-toml';
import { PORT_WITHOUT_HEADERS } from '../../playwright.config.js';
import { traceProblems } from '../support/trace-format.js';
import { expect, sharedPage, test } from '../support/fixtures.js';
import { axeViolations } from '../support/axe.js';
import { drawWholePage } from '../support/whole-page.js';

const declared = parse(readFileSync('site/data/programs.toml', 'utf8'));
const lessonPath = (lesson) => `/lessons/${lesson}/`;
// Loading and starting the runtime, cold, with room for a loaded machine.
const COLD_MS = 90_000;
// Stop's check is a ratio to what the learner would otherwise wait: the programs Stop ends sleep a
// minute or loop for good. The goal is 200 ms; the room up to a 60th of the minute is for
// the page's own rendering on a busy two-core machine.
const WAIT_S = 60;
const STOP_SLACK = 1 / 60;
const stopAgainstWait = (ms) => ms / (WAIT_S * 1000);
// The runtime's files and the runner's bundle: neither may load before the learner asks.
const HEAVY = /\/pyodide\/|\/js\/python\/runner\./;

const programBox = (page, file) =>
  page.locator('details.code-file').filter({ has: page.locator('summary code', { hasText: file }) });
const runnerOf = (page, file) => page.getByRole('group', { name: `Edit and run ${file}` });
const editorOf = (runner) => runner.getByRole('textbox', { name: /^Code of / });
const statusOf = (runner) => runner.locator('.program-status');
const consoleOf = (runner) => runner.getByRole('log');

// A runner on the shared page has run a program and drawn it: the tests before did, or this does.
async function afterARun(page) {
  if (await page.locator('.program-runner .lab-timeline').count()) return;
  await runAndWait(page, await readyRunner(page, 'io-asyncio', 'blocking_asyncio.py'));
}

// Opens a program's runner: its fold, then "Edit and run".
async function openRunner(page, file) {
  const box = programBox(page, file);
  await box.locator('summary').click();
  await box.getByRole('button', { name: 'Edit and run' }).click();
  const runner = runnerOf(page, file);
  await expect(editorOf(runner)).toBeVisible();
  return runner;
}

// The runtime has loaded: the runner says so (its Run button is enabled from the start).
const ready = (runner) => expect(runner).toHaveAttribute('data-state', 'ready', { timeout: COLD_MS });

// The shared page at a lesson, with a program's runner open and its runtime ready: what the tests
// before left, or made here when a test runs on its own (`-g`).
async function readyRunner(page, lesson, file) {
  if (new URL(page.url()).pathname !== lessonPath(lesson)) await page.goto(lessonPath(lesson));
  const runner = runnerOf(page, file);
  if (!(await runner.isVisible())) await openRunner(page, file);
  await ready(runner);
  return runner;
}

// Replaces the whole program by typing it, line by line, as a learner would. The editor indents
// after a colon by itself: a line's own indentation is typed only where it differs (`dedent`).
async function typeProgram(page, runner, lines) {
  await editorOf(runner).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    if (line.dedent) for (let k = 0; k < line.dedent; k += 1) await page.keyboard.press('Backspace');
    await page.keyboard.type(line.text ?? line);
  }
}

// Sets a field by keyboard: select what it holds, type the new value.
async function typeInto(field, value) {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(String(value));
}

// Runs with Ctrl+Enter from the editor and waits for the end: the status says how it went.
// (data-runs counts the runs that ended: a quick run may end before Stop could be seen.)
async function runAndWait(page, runner, { timeout = 60_000 } = {}) {
  const before = Number((await runner.getAttribute('data-runs')) ?? 0);
  await editorOf(runner).click();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(runner).toHaveAttribute('data-runs', String(before + 1), { timeout });
  await expect(runner.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
}

// Presses Stop and measures, in the page, from the click to the status saying "Stopped".
async function stopAndMeasure(page, runner) {
  await page.evaluate(() => {
    const status = document.querySelector('.program-runner[data-state="running"] .program-status');
    const button = status.closest('.program-runner').querySelector('.program-run-button');
    window.stopTiming = new Promise((resolve) => {
      let clicked = 0;
      button.addEventListener(
        'click',
        () => {
          clicked = performance.now();
        },
        { capture: true, once: true },
      );
      new MutationObserver((_, observer) => {
        if (clicked && status.textContent.startsWith('Stopped')) {
          observer.disconnect();
          resolve(performance.now() - clicked);
        }
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
  });
  await runner.getByRole('button', { name: 'Stop' }).click();
  await expect(statusOf(runner)).toHaveText(/^Stopped/);
  return page.evaluate(() => window.stopTiming);
}

test.describe('on load', () => {
  for (const lesson of ['io-synchronous', 'io-asyncio']) {
    test(`${lesson}: the page fetches nothing of the runtime or the editor until asked`, async ({ tab: page }) => {
      const fetched = [];
      page.on('request', (request) => fetched.push(request.url()));
      await page.goto(lessonPath(lesson));
      await page.waitForLoadState('networkidle');
      const runnable = Object.entries(declared.lessons[lesson]).filter(([, entry]) => entry.in_page);
      expect(runnable.length, 'the lesson has programs that run in the page').toBeGreaterThan(0);
      for (const [file] of runnable) {
        await programBox(page, file).locator('summary').click();
        await expect(programBox(page, file).getByRole('button', { name: 'Edit and run' })).toBeVisible();
      }
      await page.waitForTimeout(500);
      expect(fetched.length).toBeGreaterThan(0);
      expect(fetched.filter((url) => HEAVY.test(url))).toEqual([]);
    });
  }
});

test('every lesson program is declared: "Edit and run", or why not, a link to its live model and the command', async ({
  tab: page,
}) => {
  test.setTimeout(180_000); // every lesson page, each with its demos starting
  const lessons = Object.entries(declared.lessons);
  expect(lessons.length).toBeGreaterThan(5);
  for (const [lesson, programs] of lessons) {
    await page.goto(lessonPath(lesson));
    for (const [file, entry] of Object.entries(programs)) {
      const box = programBox(page, file);
      await box.locator('summary').click();
      if (entry.in_page) {
        await expect(box.getByRole('button', { name: 'Edit and run' }), `${lesson}/${file}`).toBeVisible();
        continue;
      }
      await expect(box.getByRole('button', { name: 'Edit and run' })).toHaveCount(0);
      const note = box.locator('.program-not-here');
      for (const need of entry.needs) await expect(note, `${lesson}/${file}`).toContainText(declared.needs[need]);
      const link = note.getByRole('link', { name: 'Its live model runs on this page' });
      await expect(link).toHaveAttribute('href', `#${entry.model}`);
      await expect(page.locator(`[id="${entry.model}"]`), `${lesson}/${file}: its model`).toHaveCount(1);
      await expect(note.locator('code').last()).toHaveText(entry.command);
    }
  }
});

test('a program with threads says so before any run, and its link leads to the live model', async ({ tab: page }) => {
  const entry = declared.lessons['io-threading']['io_threads.py'];
  expect(entry.needs).toContain('threads');
  await page.goto(lessonPath('io-threading'));
  const box = programBox(page, 'io_threads.py');
  await box.locator('summary').click();
  await expect(box.locator('.program-not-here')).toContainText('cannot start threads');
  await expect(box.locator('.program-not-here')).toContainText('python3 page_server.py');
  await box.getByRole('link', { name: 'Its live model runs on this page' }).click();
  await expect(page).toHaveURL(new RegExp(`#${entry.model}$`));
  await expect(page.locator(`#${entry.model}`)).toBeInViewport();
});

test('with storage blocked, edits stay for the page, the page says they will not be kept, and nothing throws', async ({
  tab: page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await page.goto(lessonPath('io-synchronous'));
  const runner = await openRunner(page, 'io_sync.py');
  await editorOf(runner).click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('# kept in memory\n');
  await expect(editorOf(runner)).toContainText('# kept in memory');
  await expect(page.getByRole('status').filter({ hasText: /progress and settings last only/ })).toBeVisible();
  await page.waitForTimeout(500); // past the save's delay: setSetting ran, and did not throw
});

test('by keyboard alone: Tab indents in the editor, and Escape then Tab leaves it, as the hint says', async ({
  tab: page,
}) => {
  await page.goto(lessonPath('io-synchronous'));
  const runner = await openRunner(page, 'io_sync.py');
  await expect(runner.locator('.program-hint')).toContainText('press Escape, then Tab');
  await expect(editorOf(runner)).toBeFocused(); // "Edit and run" hands the keyboard to the editor
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('Tab');
  await page.keyboard.type('x = 1');
  await expect(runner.locator('.cm-line').first()).toHaveText(/^ {4}x = 1/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editorOf(runner)).not.toBeFocused();
  await expect(runner.getByRole('textbox', { name: 'Arguments' })).toBeFocused();
});

test('arguments with an open quote and network values out of range are refused or clamped, and said', async ({
  tab: page,
}) => {
  await page.goto(lessonPath('io-synchronous'));
  const runner = await openRunner(page, 'io_sync.py');
  const args = runner.getByRole('textbox', { name: 'Arguments' });
  await typeInto(args, `"http://127.0.0.1/`);
  await args.press('Enter');
  await expect(statusOf(runner)).toContainText('unclosed double quote');
  await expect(args).toHaveAttribute('aria-invalid', 'true');
  await expect(runner.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await typeInto(args, '--workers 4');
  const latency = runner.getByRole('spinbutton', { name: /Latency/ });
  const jitter = runner.getByRole('spinbutton', { name: /Jitter/ });
  await typeInto(latency, 5000);
  await typeInto(jitter, 2);
  await jitter.press('Enter');
  await expect(statusOf(runner)).toContainText('Latency: 5000 ms is outside 0–2000 ms, so the run uses 2000 ms.');
  await expect(statusOf(runner)).toContainText('Jitter: 2 is outside 0–1, so the run uses 1.');
  await expect(latency).toHaveValue('2000');
  await expect(jitter).toHaveValue('1');
  await expect(args).not.toHaveAttribute('aria-invalid');
});

test('every program declared to run in the page runs there, unchanged, with its arguments', async ({ tab: page }) => {
  test.setTimeout(10 * COLD_MS);
  const runnable = Object.entries(declared.lessons)
    .map(([lesson, programs]) => [lesson, Object.entries(programs).filter(([, entry]) => entry.in_page)])
    .filter(([, programs]) => programs.length);
  expect(runnable.length).toBeGreaterThan(2);
  for (const [lesson, programs] of runnable) {
    await page.goto(lessonPath(lesson));
    for (const [file, entry] of programs) {
      const runner = await openRunner(page, file);
      await expect(runner.getByRole('textbox', { name: 'Arguments' })).toHaveValue((entry.args ?? []).join(' '));
      await ready(runner);
      await typeInto(runner.getByRole('spinbutton', { name: /Latency/ }), 10); // 80 downloads one after another
      await runAndWait(page, runner, { timeout: 120_000 });
      await expect(runner, `${lesson}/${file}: ${await statusOf(runner).innerText()}`).toHaveAttribute(
        'data-status',
        'ok',
      );
      await expect(consoleOf(runner)).not.toContainText('Traceback');
      await expect(consoleOf(runner)).not.toHaveText('');
    }
  }
});

// Without the fixture's watch: a runtime file that answers 404 is what this test is about, and the
// browser logs it.
plainTest('a runtime that cannot load says what failed, in plain words, and Try again loads it', async ({ page }) => {
  plainTest.setTimeout(2 * COLD_MS);
  await page.route('**/pyodide/**', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto(lessonPath('io-synchronous'));
  const runner = await openRunner(page, 'io_sync.py');
  await expect(runner).toHaveAttribute('data-state', 'error', { timeout: COLD_MS });
  await expect(runner.locator('.program-loading-text')).toHaveText(
    /^The runtime could not load: .*404.* Check the connection, then try again\.$/,
  );
  await expect(editorOf(runner)).toBeVisible(); // the program can still be read and edited
  await page.unroute('**/pyodide/**');
  await runner.getByRole('button', { name: 'Try again' }).click();
  await ready(runner);
  await typeProgram(page, runner, ['print("loaded at last")']);
  await runAndWait(page, runner);
  await expect(consoleOf(runner)).toHaveText(/loaded at last/);
});

test.describe(
  'on a page that is not cross-origin isolated (no shared memory for the interrupt)',
  { tag: '@timed' },
  () => {
    test.use({ serviceWorkers: 'block' }); // the isolation helper would reload the page isolated

    test('Stop ends the worker at once, says so, and a fresh one runs the next program', async ({ page }) => {
      test.setTimeout(2 * COLD_MS);
      await page.goto(`http://127.0.0.1:${PORT_WITHOUT_HEADERS}${lessonPath('io-synchronous')}`);
      expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
      const runner = await openRunner(page, 'io_sync.py');
      await ready(runner);
      await typeProgram(page, runner, ['while True:', 'pass']);
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(runner.getByRole('button', { name: 'Stop' })).toBeVisible();
      await page.waitForTimeout(500);
      const ms = await stopAndMeasure(page, runner);
      console.log(`Stop without isolation, click to "Stopped": ${Math.round(ms)} ms`);
      expect(stopAgainstWait(ms), 'Stop against the wait it ended').toBeLessThan(STOP_SLACK);
      await expect(statusOf(runner)).toContainText('a fresh one loads for the next run');
      await ready(runner);
      await typeProgram(page, runner, ['print("runs again")']);
      await runAndWait(page, runner);
      await expect(consoleOf(runner)).toHaveText(/runs again/);
    });
  },
);

test.describe('running programs, on one page', { tag: '@timed' }, () => {
  test.describe.configure({ mode: 'serial' });
  const shared = sharedPage();

  test('Edit and run loads the runtime with its progress in bytes, and a typed edit runs', async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS + 60_000);
    const fetched = [];
    page.on('request', (request) => fetched.push(request.url()));
    await page.goto(lessonPath('io-synchronous'));
    await page.waitForLoadState('networkidle');
    expect(fetched.filter((url) => HEAVY.test(url))).toEqual([]);
    const clicked = Date.now();
    const runner = await openRunner(page, 'io_sync.py');
    // In bytes while they come (python-runtime.spec checks each step), then Python starting.
    await expect(runner.locator('.program-loading-text')).toHaveText(
      /^(Loading the runtime: \d+\.\d of \d+\.\d MB|Loaded \d+\.\d MB\. Starting Python…)$/,
    );
    await expect(runner.locator('progress')).toBeVisible();
    // The learner edits and presses Run while the runtime still loads: the run waits for it.
    await typeInto(runner.getByRole('spinbutton', { name: /Latency/ }), 20);
    await editorOf(runner).click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('print("edited in the page")\n');
    await expect(runner).toHaveAttribute('data-state', 'loading');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(statusOf(runner)).toHaveText('The program runs as soon as the runtime is ready.');
    await expect(runner).toHaveAttribute('data-runs', '1', { timeout: COLD_MS });
    console.log(
      `Edit and run, click to the end of a run pressed while loading (cold): ${((Date.now() - clicked) / 1000).toFixed(1)} s`,
    );
    expect(
      fetched.some((url) => /\/pyodide\//.test(url)),
      'the runtime came from the site',
    ).toBe(true);
    await expect(consoleOf(runner)).toContainText('edited in the page');
    await expect(consoleOf(runner)).toContainText(/Downloaded 80 sites in \d+\.\d\d seconds/);
    await expect(statusOf(runner)).toHaveText(/^Done in \d+\.\d\d s\.$/);
    // One lane, the main thread; its downloads waited on I/O.
    const timeline = runner.locator('.lab-timeline');
    await expect(timeline.locator('.lab-lane')).toHaveCount(1);
    await expect(timeline.locator('.lab-lane-name')).toHaveText('main thread');
    await expect(timeline.locator('.lab-seg.is-io')).not.toHaveCount(0);
    await expect(runner.locator('.lab-now')).toContainText('main thread');
  });

  test("Reset brings the lesson's version back, one undo brings the edit back, and edits survive a reload", async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS + 30_000);
    const runner = await readyRunner(page, 'io-synchronous', 'io_sync.py');
    await editorOf(runner).click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('print("kept across a reload")\n');
    await runner.getByRole('button', { name: 'Reset' }).click();
    await expect(editorOf(runner)).not.toContainText('kept across a reload');
    await expect(statusOf(runner)).toContainText('Back to the lesson');
    await editorOf(runner).click();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(editorOf(runner)).toContainText('print("kept across a reload")');
    await page.waitForTimeout(500); // the edit is saved a moment after the last keystroke
    await page.reload();
    const again = await openRunner(page, 'io_sync.py');
    await expect(editorOf(again)).toContainText('print("kept across a reload")');
    await expect(statusOf(again)).toContainText('Your edited version');
    await ready(again);
  });

  test("a syntax error and an exception show the learner's line numbers, which lead to the line", async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS);
    const runner = await readyRunner(page, 'io-synchronous', 'io_sync.py');
    await typeProgram(page, runner, ['x = 1', 'def broken(:', 'pass']);
    await runAndWait(page, runner);
    await expect(statusOf(runner)).toContainText('line 2');
    await expect(consoleOf(runner)).toContainText('SyntaxError');
    await typeProgram(page, runner, [
      'def fails():',
      'raise ValueError("from line 2")',
      { text: 'fails()', dedent: 1 },
    ]);
    await runAndWait(page, runner);
    await expect(statusOf(runner)).toContainText('at line 2: ValueError: from line 2');
    const link = consoleOf(runner).getByRole('button', { name: 'File "io_sync.py", line 3' });
    await expect(link).toBeVisible();
    await expect(consoleOf(runner).getByRole('button', { name: 'File "io_sync.py", line 2' })).toBeVisible();
    await link.click();
    await expect(editorOf(runner)).toBeFocused();
    await expect(runner.locator('.cm-activeLine')).toHaveText('fails()');
  });

  test('Stop ends a busy loop and a long sleep, and a new run works after', async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS + 60_000);
    const runner = await readyRunner(page, 'io-synchronous', 'io_sync.py');
    const figures = {};
    for (const [name, lines] of [
      ['while True: pass', ['while True:', 'pass']],
      [`time.sleep(${WAIT_S})`, ['import time', `time.sleep(${WAIT_S})`]],
    ]) {
      await typeProgram(page, runner, lines);
      await editorOf(runner).click();
      await page.keyboard.press('ControlOrMeta+Enter');
      await expect(runner.getByRole('button', { name: 'Stop' })).toBeVisible();
      await page.waitForTimeout(500); // let it get going
      const ms = await stopAndMeasure(page, runner);
      figures[name] = Math.round(ms);
      expect(stopAgainstWait(ms), `${name}: click to "Stopped", against the wait it ended`).toBeLessThan(STOP_SLACK);
      await ready(runner);
    }
    test.info().annotations.push({ type: 'stop', description: JSON.stringify(figures) });
    console.log(`Stop, click to "Stopped" (ms): ${JSON.stringify(figures)}`);
    await typeProgram(page, runner, ['print("a new run after Stop")']);
    await runAndWait(page, runner);
    await expect(consoleOf(runner)).toHaveText(/a new run after Stop/);
    await expect(statusOf(runner)).toHaveText(/^Done/);
  });

  test('a flood of prints keeps the page responsive and the console says what it dropped', async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS + 60_000);
    const runner = await readyRunner(page, 'io-synchronous', 'io_sync.py');
    await typeProgram(page, runner, ['for i in range(200_000):', 'print("line", i)']);
    await runAndWait(page, runner);
    await expect(consoleOf(runner)).toContainText('line 199999');
    await expect(consoleOf(runner)).toContainText(/earlier lines not shown/);
    const lines = await consoleOf(runner).getAttribute('data-lines');
    expect(Number(lines)).toBeLessThanOrEqual(2000);
  });

  test('a thousand tasks of thirty steps each: the timeline draws the first ones and says what it left out', async () => {
    const { page } = shared;
    test.setTimeout(180_000); // 64,000 traced steps: 7 s here on a quiet machine, 33 s on a busy one
    const runner = await readyRunner(page, 'io-synchronous', 'io_sync.py');
    await typeProgram(page, runner, [
      'import asyncio',
      'async def spin(n):',
      'for _ in range(n):',
      'await asyncio.sleep(0)',
      { text: 'async def main():', dedent: 2 },
      'await asyncio.gather(*(spin(30) for _ in range(1000)))',
      { text: 'asyncio.run(main())', dedent: 1 },
      'print("all done")',
    ]);
    await runAndWait(page, runner);
    await expect(consoleOf(runner)).toHaveText(/all done/);
    await expect(runner.locator('.program-run-view')).toContainText(
      /left out [\d,]+ more, so that the page stays quick/,
    );
    const bars = await runner.locator('.lab-timeline .lab-bar').count();
    expect(bars).toBeGreaterThan(0);
    expect(bars).toBeLessThanOrEqual(200);
  });

  test('asyncio downloads: a row per task on the event loop, in about latency × ⌈N / limit⌉', async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS + 60_000);
    await page.goto(lessonPath('io-asyncio'));
    const runner = await openRunner(page, 'io_asyncio.py');
    await ready(runner);
    // 20 pages of the stand-in page server, at most `limit` at a time: the waits overlap, about
    // ⌈N / limit⌉ × latency, never less, and far from one after another's N × latency. (What the
    // downloads cost besides their waits, fetching a page of the site and tracing, grows on a
    // machine busy with other tests: hence the room above.)
    const latency = 500;
    const pages = 20;
    const limit = 4;
    const urls = Array.from({ length: pages }, (_, i) => `http://127.0.0.1:8000/page/${i}`).join(' ');
    await typeInto(runner.getByRole('textbox', { name: 'Arguments' }), `--workers ${limit} ${urls}`);
    await typeInto(runner.getByRole('spinbutton', { name: /Latency/ }), latency);
    await runAndWait(page, runner);
    await expect(statusOf(runner)).toHaveText(/^Done/);
    const seconds = Number(/Downloaded 20 sites in (\d+\.\d+) seconds/.exec(await consoleOf(runner).innerText())[1]);
    const ideal = (latency / 1000) * Math.ceil(pages / limit);
    const oneAfterAnother = (latency / 1000) * pages;
    console.log(
      `asyncio, ${pages} pages, ${limit} at a time, ${latency} ms: ${seconds} s, ` +
        `${(seconds / ideal).toFixed(2)} × latency × ⌈N / limit⌉, ${(seconds / oneAfterAnother).toFixed(2)} × N × latency`,
    );
    expect(seconds / ideal, `${seconds} s against ${ideal} s`).toBeGreaterThan(0.95);
    expect(seconds / oneAfterAnother, `${seconds} s against ${oneAfterAnother} s one after another`).toBeLessThan(0.6);
    const timeline = runner.locator('.lab-timeline');
    await expect(timeline.locator('.lab-lane-name')).toHaveText('event loop');
    // The main coroutine and a task per download, each a bar of its own.
    await expect(timeline.locator('.lab-bar:not(.is-startup)')).toHaveCount(pages + 1);
    await expect(timeline.locator('.lab-seg.is-io')).not.toHaveCount(0);
    // Each task's times say how it ended: a program's tasks report no result to show.
    const table = runner.locator('.lab-results table');
    await expect(table.locator('thead th').nth(2)).toHaveText('Ended');
    expect(await table.locator('tbody tr td:nth-of-type(2)').allTextContents()).toEqual(
      Array(pages + 1).fill('finished'),
    );
    // The run leaves as a trace, as a demo's does: a track per task of the loop.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      runner.getByRole('button', { name: 'Download trace' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('io_asyncio.trace.json');
    const trace = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(traceProblems(trace)).toEqual([]);
    const tracks = trace.traceEvents.filter((event) => event.ph === 'M' && event.name === 'thread_name');
    expect(tracks.length).toBeGreaterThan(pages);
  });

  test('a time.sleep inside a coroutine shows as blocking the loop while the other tasks wait', async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS + 60_000);
    const runner = await readyRunner(page, 'io-asyncio', 'blocking_asyncio.py');
    await typeInto(runner.getByRole('textbox', { name: 'Arguments' }), '--blocking --tasks 3 --wait 0.2');
    await runAndWait(page, runner);
    await expect(consoleOf(runner)).toContainText('time.sleep: 3 tasks');
    const timeline = runner.locator('.lab-timeline');
    await expect(timeline.locator('.lab-seg.is-blocked').first()).toBeAttached();
    expect(await timeline.locator('.lab-seg.is-blocked').count(), 'a blocking call per task').toBeGreaterThanOrEqual(3);
    await expect(runner.locator('.lab-legend')).toContainText('blocking the loop');
    await expect(runner.locator('.lab-findings')).toContainText('slow step');
    await expect(runner.locator('.lab-where')).toContainText('blocked by a blocking call');
  });

  test('the runner after a run, at 360 px: nothing wider than the screen', async () => {
    const { page } = shared;
    test.setTimeout(COLD_MS + 60_000);
    await afterARun(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await drawWholePage(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'px wider than the screen').toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`the runner, its console and timeline have no accessibility violations, ${colorScheme}`, async () => {
      const { page } = shared;
      test.setTimeout(COLD_MS + 60_000);
      await afterARun(page);
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page, '.lesson-programs')).toEqual([]);
    });
  }
});
