// The walking skeleton's demo: simulated downloads, one after another and on a thread pool.
import { declaredDemos } from '../support/course.js';
import { PORT_WITHOUT_HEADERS } from '../../playwright.config.js';
import { expect, test } from './fixtures.js';
import { demoFigure, inputValue, readRun, runDemo } from './lab.js';

const demo = declaredDemos().find(({ id }) => id === 'downloads');

test('the page is cross-origin isolated, so threads can run', async ({ page }) => {
  await page.goto(demo.page);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test('8 downloads on 8 threads take under a third of the time of one after another', async ({ page }) => {
  await page.goto(demo.page);
  const figure = demoFigure(page, demo);
  await runDemo(figure, demo, { tasks: 8, workers: 8, latency_ms: 200 });
  const sequential = await readRun(figure, 'One after another');
  const threads = await readRun(figure, 'Thread pool');
  expect(threads.wallMs * 3).toBeLessThan(sequential.wallMs);
  expect(threads.lanes).toBe(8);
  await expect(figure.locator('.lab-results tbody tr').first()).toContainText('1,000');
  await expect(figure.locator('.lab-verdict')).toContainText('faster than one after another');
});

test('out-of-range numbers are clamped, and the page says so', async ({ page }) => {
  await page.goto(demo.page);
  const figure = demoFigure(page, demo);
  await runDemo(figure, demo, { tasks: 4, workers: 100000, latency_ms: -5 });
  await expect(figure.getByText('Threads: 100000 is outside 1–16')).toBeVisible();
  await expect(figure.getByText('Latency: -5 ms is outside 0–2000 ms')).toBeVisible();
  expect(await inputValue(figure, demo, 'workers')).toBe('16');
  expect(await inputValue(figure, demo, 'latency_ms')).toBe('0');
  expect((await readRun(figure, 'Thread pool')).lanes).toBe(4);
});

test('a value that is not a number refuses the run', async ({ page }) => {
  await page.goto(demo.page);
  const figure = demoFigure(page, demo);
  await expect(figure.getByRole('button', { name: 'Run' })).toBeEnabled();
  await figure.getByRole('spinbutton', { name: /^Threads/ }).fill('');
  await figure.getByRole('button', { name: 'Run' }).click();
  await expect(figure.getByText('Threads needs a number from 1 to 16')).toBeVisible();
  await expect(figure.getByRole('region')).toHaveCount(0);
});

test('without the isolation headers the demo explains why it cannot run', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT_WITHOUT_HEADERS}${demo.page}`);
  const figure = demoFigure(page, demo);
  await expect(figure.getByText(/served with the Cross-Origin-Opener-Policy/)).toBeVisible();
  await expect(figure.getByRole('button', { name: 'Run' })).toBeDisabled();
});
