// asyncio's debug mode in the lab: a step that holds the event loop longer than the threshold is
// flagged on the timeline and quoted as asyncio would log it; awaiting holds the loop for no time.
import { declaredDemos, pageOffering } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, runDemo } from '../support/lab.js';

const demo = declaredDemos().find(({ id }) => id === 'downloads');
const where = demo && pageOffering(demo, 'event_loop_blocking');

test(
  'a blocking call is flagged once per download above the threshold, and never below it',
  { tag: '@timed' },
  async ({ reader: page }) => {
    if (!where) throw new Error('No lesson offers the downloads demo with its blocking event loop.');
    await page.goto(where);
    const figure = page
      .locator('figure[data-lab]')
      .filter({ has: page.getByRole('checkbox', { name: 'Event loop with a blocking call' }) })
      .first();
    const models = ['event_loop', 'event_loop_blocking'];
    await runDemo(figure, demo, { tasks: 4, latency_ms: 200, jitter: 0, slow_callback_ms: 100 }, models);
    const blocking = figure.getByRole('region', { name: 'Event loop with a blocking call', exact: true });
    const awaiting = figure.getByRole('region', { name: 'Event loop', exact: true });
    await expect(blocking.locator('.lab-mark.is-slow')).toHaveCount(4);
    // As asyncio names them: main() is Task-1, so the first download is Task-2.
    await expect(blocking.locator('.lab-findings')).toContainText('Executing <Task-2> took 0.2');
    await expect(awaiting.locator('.lab-mark')).toHaveCount(0);
    // Above every step's length, nothing is flagged.
    await runDemo(figure, demo, { tasks: 4, latency_ms: 200, slow_callback_ms: 500 }, models);
    await expect(figure.locator('.lab-mark.is-slow')).toHaveCount(0);
    await expect(figure.locator('.lab-findings')).toHaveCount(0);
  },
);
