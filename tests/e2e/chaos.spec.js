// What a careless learner or a hostile visitor does in five minutes: follows the transcript's
// time links and reloads, leaves a long run in a background tab, blocks the site's storage,
// presses Stop at any moment, opens odd addresses (a 360 px phone: phone.spec.js). Each of these
// broke the site once; these tests keep them fixed.
import { declaredDemos, pageOffering, widestEmbed } from '../support/course.js';
import { lessons } from '../support/lessons.js';
import { expect, test, watchPage } from '../support/fixtures.js';
import {
  MODELS,
  demoFigure,
  endsInDeadlock,
  largestValues,
  readRun,
  runDemo,
  smallValues,
  startRun,
} from '../support/lab.js';
import { currentParagraph, currentSlide, slideLabel, transcript } from '../support/player.js';

const hashOf = (page) => new URL(page.url()).hash;
const stampOf = async (paragraph) => (await paragraph.locator('.stamp').textContent()).trim();

test.describe('time links', () => {
  for (const lesson of lessons()) {
    test(`${lesson.slug}: a stamp and a paragraph give one address, and a reload returns to it`, async ({
      reader: page,
    }) => {
      await page.goto(lesson.page);
      const paragraphs = transcript(page).getByRole('listitem');
      const count = await paragraphs.count();
      expect(count, 'a transcript to walk').toBeGreaterThan(2);

      // The last paragraph's stamp, clicked as a learner clicks it.
      const last = paragraphs.nth(count - 1);
      const lastStamp = await stampOf(last);
      const lastSlide = await last.getAttribute('data-slide');
      await last.getByRole('link', { name: lastStamp }).click();
      await expect(last).toHaveAttribute('aria-current', 'true');
      await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(lastSlide, lesson));
      expect(hashOf(page)).toBe(`#t=${lastStamp}`);
      await page.reload();
      await expect(currentParagraph(page).locator('.stamp')).toHaveText(lastStamp);
      await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(lastSlide, lesson));

      // A click on another paragraph's text writes the same kind of address.
      const second = paragraphs.nth(1);
      const secondStamp = await stampOf(second);
      await second.locator('.transcript-text').click();
      expect(hashOf(page)).toBe(`#t=${secondStamp}`);
      await page.reload();
      await expect(currentParagraph(page).locator('.stamp')).toHaveText(secondStamp);

      // Moved on by a key, the player goes back when the same stamp is clicked again.
      await last.getByRole('link', { name: lastStamp }).click();
      await page.getByRole('heading', { level: 1 }).click();
      await page.keyboard.press('ArrowLeft');
      await expect(currentSlide(page)).not.toHaveAttribute('aria-label', slideLabel(lastSlide, lesson));
      await last.getByRole('link', { name: lastStamp }).click();
      await expect(last).toHaveAttribute('aria-current', 'true');
      await expect(currentSlide(page)).toHaveAttribute('aria-label', slideLabel(lastSlide, lesson));
    });
  }
});

// A background tab, as Chromium treats one: no animation frames at all, timers at most once a
// second, document.hidden. (Headless Chromium cannot put a page in the background itself.)
async function installBackgroundTab(page) {
  await page.addInitScript(() => {
    const frame = window.requestAnimationFrame.bind(window);
    const timeout = window.setTimeout.bind(window);
    const interval = window.setInterval.bind(window);
    let hidden = false;
    let held = [];
    Object.defineProperty(document, 'hidden', { get: () => hidden });
    Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
    window.requestAnimationFrame = (callback) => {
      if (!hidden) return frame(callback);
      held.push(callback);
      return 0;
    };
    window.setTimeout = (callback, ms = 0, ...args) => timeout(callback, hidden ? Math.max(ms, 1000) : ms, ...args);
    window.setInterval = (callback, ms = 0, ...args) => interval(callback, hidden ? Math.max(ms, 1000) : ms, ...args);
    const toggle = (value) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
      if (!hidden) for (const callback of held.splice(0)) frame(callback);
    };
    window.backgroundTab = { hide: () => toggle(true), show: () => toggle(false) };
  });
}

const needsThreads = (model) => MODELS[model].backend === 'threads';

// Presses Stop whether or not the run is still going (it may end first), then checks that the
// page tells the truth: "Stopped" beside a stopped run, "Done" beside one with every task done.
async function stopAndExpectAnHonestEnd(figure, model, tasks) {
  await figure.getByRole('button', { name: 'Stop' }).click({ force: true }); // a no-op once disabled
  await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  const run = await readRun(figure, model);
  if (/^stopped after/.test(run.wallText)) {
    await expect(figure.locator('.lab-message')).toHaveText('Stopped. Nothing is running now.');
  } else {
    await expect(figure.locator('.lab-message')).toHaveText(/^Done\./);
    expect(run.results).toBe(tasks);
  }
}

test.describe('a background tab', () => {
  // Each threaded model once, in the first demo that offers it and whose defaults finish (the
  // deadlock demo's end deadlocked, on purpose): the background is the same for every demo.
  const seen = new Set();
  const runs = declaredDemos()
    .filter((demo) => !endsInDeadlock(demo))
    .flatMap((demo) => demo.models.filter(needsThreads).map((model) => [demo, model, pageOffering(demo, model)]))
    .filter(([, model, where]) => where && !seen.has(model) && seen.add(model));
  test('there are threaded runs to leave in the background', () => expect(runs.length).toBeGreaterThan(0));

  // A learner with several tabs: the runs of a group start in tabs of their own, go to the
  // background together and come back 10 s later (waited once per group): ten of the background's
  // one-a-second timer ticks, with no animation frame and document.hidden all the while.
  const GROUP = 4;
  const groups = Array.from({ length: Math.ceil(runs.length / GROUP) }, (_, i) =>
    runs.slice(i * GROUP, (i + 1) * GROUP),
  );
  for (const group of groups) {
    const names = group.map(([demo, model]) => `${demo.id}/${model}`).join(', ');
    test(`the largest runs of ${names} survive 10 s in background tabs; Stop and a new run work`, async ({
      context,
    }) => {
      test.setTimeout(60_000 + group.length * 60_000);
      const tabs = [];
      for (const [demo, model, where] of group) {
        const page = await context.newPage();
        const problems = watchPage(page);
        await installBackgroundTab(page);
        await page.goto(where);
        const figure = demoFigure(page, demo);
        const largest = largestValues(demo);
        await startRun(figure, demo, largest, [model]);
        await expect(figure.locator('.lab-bar').first()).toBeVisible();
        await page.evaluate(() => window.backgroundTab.hide());
        tabs.push({ page, problems, figure, demo, model, largest });
      }
      await tabs[0].page.waitForTimeout(10_000);
      for (const { page } of tabs) await page.evaluate(() => window.backgroundTab.show());

      for (const { page, problems, figure, demo, model, largest } of tabs) {
        // The run finished in the background, every task done, or is still going and stops.
        await stopAndExpectAnHonestEnd(figure, model, largest.tasks);
        const values = smallValues(demo);
        await runDemo(figure, demo, values, [model]);
        await expect(figure.locator('.lab-message'), model).toHaveText(/^Done\./);
        const run = await readRun(figure, model);
        expect(run.results, model).toBe(values.tasks);
        expect(run.wallText, model).not.toMatch(/stopped/);
        expect(problems, model).toEqual([]);
        await page.close();
      }
    });
  }
});

// A page whose own thread is busy (a long script, a slow extension) reads nothing at all: no
// message, no frame. The threads go on logging, more than the ring holds; none may be lost.
test('a page busy for 20 s during a run under the GIL loses no event; then Stop works', async ({ reader: page }) => {
  test.setTimeout(120_000);
  const underGil = declaredDemos().filter((demo) => pageOffering(demo, 'gil_threads'));
  const demo = underGil.find(({ workload }) => workload === 'cpu') ?? underGil[0];
  await page.goto(pageOffering(demo, 'gil_threads'));
  const figure = demoFigure(page, demo);
  // The most work, and the most hand-overs of the GIL: its shortest switch interval.
  const largest = { ...largestValues(demo), switch_interval_ms: 1 };
  await startRun(figure, demo, largest, ['gil_threads']);
  await expect(figure.locator('.lab-seg.is-gil').first()).toBeAttached({ timeout: 15_000 });
  const before = await figure.locator('.lab-seg.is-gil').count();
  await page.evaluate(() => {
    for (const end = Date.now() + 20_000; Date.now() < end;);
  });
  // The hand-overs made meanwhile reach the page: 1000 segments are 2000 events, half the ring.
  await expect
    .poll(() => figure.locator('.lab-seg.is-gil').count(), { timeout: 15_000 })
    .toBeGreaterThan(before + 1000);
  await stopAndExpectAnHonestEnd(figure, 'gil_threads', largest.tasks);
  const values = smallValues(demo);
  await runDemo(figure, demo, values, ['gil_threads']);
  expect((await readRun(figure, 'gil_threads')).results).toBe(values.tasks);
});

test.describe('blocked storage', () => {
  const [lesson] = lessons();

  test('when the site may not use storage at all, the player still works and says settings are not kept', async ({
    tab: page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto(lesson.page);
    const third = transcript(page).getByRole('listitem').nth(2);
    const stamp = await stampOf(third);
    await page.goto('about:blank');
    await page.goto(`${lesson.page}#t=${stamp}`);
    await expect(third).toHaveAttribute('aria-current', 'true');
    await expect(page.getByRole('status').filter({ hasText: /settings/i })).toHaveCount(1);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('1.5');
    await page.getByRole('checkbox', { name: 'Captions' }).check();
    await expect(page.locator('.player-captions')).toBeVisible();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('combobox', { name: 'Speed' })).toHaveValue('1.5');
  });

  test('when storage is full, changing the speed or the captions still works', async ({ tab: page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.goto(lesson.page);
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
    await page.getByRole('checkbox', { name: 'Captions' }).check();
    await page.getByRole('checkbox', { name: 'Captions' }).uncheck();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('0.75');
    await expect(page.locator('.player-captions')).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: /settings/i })).toHaveCount(1);
  });
});

// A deterministic spread of moments, so that a failure can be replayed.
function moments(count, seed) {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((state / 2 ** 31) * 200);
  });
}

test.describe('Stop at any moment', () => {
  for (const demo of declaredDemos().filter(({ embeds }) => embeds.length)) {
    test(`${demo.id}: Stop pressed 0-200 ms after Run, many times, always stops every model`, async ({
      reader: page,
    }) => {
      test.setTimeout(240_000);
      const { page: where, models } = widestEmbed(demo);
      await page.goto(where);
      const figure = demoFigure(page, demo);
      // Start and stop once with every model checked, so every pool the page keeps is loaded.
      await startRun(figure, demo, largestValues(demo));
      await figure.getByRole('button', { name: 'Stop' }).click();
      await expect(figure).toHaveAttribute('data-state', 'ready');
      const delays = moments(4 * models.length, demo.id.length);
      for (const [i, delay] of delays.entries()) {
        const model = models[i % models.length];
        for (const other of models) {
          await figure.getByRole('checkbox', { name: MODELS[other].label, exact: true }).setChecked(other === model);
        }
        // Run, Stop, Run again as soon as the page allows, Stop again: from inside the page,
        // since a test's own clicks take longer than these moments.
        const moment = `${model}, Stop ${delay} ms after Run`;
        await figure.evaluate(async (node, ms) => {
          const run = node.querySelector('button[type="submit"]');
          const stop = node.querySelector('button[name="stop"]');
          const wait = (time) => new Promise((resolve) => setTimeout(resolve, time));
          run.click();
          await wait(ms);
          stop.click();
          while (run.disabled) await wait(1);
          run.click();
          await wait(200 - ms);
          stop.click();
        }, delay);
        await expect(figure, moment).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
        await expect(figure.locator('.lab-message'), moment).toHaveText('Stopped. Nothing is running now.');
        for (const output of await figure.locator('.lab-run output').all()) {
          await expect(output, moment).toHaveText(/^stopped after/);
        }
        await expect(figure.getByRole('button', { name: 'Stop' })).toBeDisabled();
      }
      // Then a normal run of every model finishes with every task done.
      const values = smallValues(demo);
      await runDemo(figure, demo, values, models);
      await expect(figure.locator('.lab-message')).toHaveText(/^Done\./);
      for (const model of models) expect((await readRun(figure, model)).results, model).toBe(values.tasks);
    });
  }
});

test.describe('odd addresses', () => {
  const [lesson] = lessons();
  const addresses = [
    '?transition=a%20b',
    '?display=none',
    '?embedded=false',
    '?controls=false&progress=false&slideNumber=false',
    '?print-pdf',
    '?dependencies=%5B%5D&width=1',
    '?t=00:36',
    '#t=99:59',
    '#t=-1',
    '#t=00:60',
    '#t=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    '#t=%E0%A4%A',
    '#/2/1',
    '#t=',
    `#t=${'9'.repeat(400)}:00`,
    '#%',
    '?a=%ZZ#t=00%3a00',
  ];
  for (const address of addresses) {
    test(`${lesson.page}${address} shows the lesson with its deck in place`, async ({ reader: page }) => {
      await page.goto(`${lesson.page}${address}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(currentSlide(page)).toBeVisible();
      const deck = await page.locator('.deck').boundingBox();
      expect(deck.height).toBeGreaterThan(100);
      await expect(currentParagraph(page)).toHaveCount(1);
      // And the player still answers: a paragraph shows its slide.
      const paragraph = transcript(page).getByRole('listitem').last();
      await paragraph.locator('.transcript-text').click();
      await expect(currentSlide(page)).toHaveAttribute(
        'aria-label',
        slideLabel(await paragraph.getAttribute('data-slide'), lesson),
      );
    });
  }
});
