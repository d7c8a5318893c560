// Every page passes axe-core's WCAG A and AA rules: what a screen reader or a keyboard needs.
import AxeBuilder from '@axe-core/playwright';
import { sitePages } from '../support/course.js';
import { expect, test } from './fixtures.js';

for (const path of sitePages()) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
    expect(found).toEqual([]);
  });
}

test('a demo after a run, with its timelines and chart, has no accessibility violations', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/lessons/choosing/');
  const figure = page.locator('#demo-pages');
  await expect(figure).toHaveAttribute('data-state', 'ready');
  await figure.getByRole('spinbutton', { name: /^Pages/ }).fill('3');
  await figure.getByRole('button', { name: 'Run' }).click();
  await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const results = await new AxeBuilder({ page }).include('#demo-pages').withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  expect(found).toEqual([]);
});
