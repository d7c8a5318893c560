// Every page of the site loads cleanly: no console errors, nothing fetched from elsewhere.
import { sitePages } from '../support/course.js';
import { expect, test } from './fixtures.js';

for (const path of sitePages()) {
  test(`${path} loads without errors`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await page.waitForLoadState('networkidle');
  });
}

for (const path of ['/print.html', '/lessons/latency/print.html']) {
  test(`${path} (a print view) loads without errors`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('.print-slide').first()).toBeVisible();
  });
}
