// Every page of the site loads cleanly: no console errors, nothing fetched from elsewhere.
import { sitePages } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';

for (const path of sitePages()) {
  test(`${path} loads without errors`, async ({ reader: page }) => {
    await page.goto(path);
    await expect(page.locator('h1')).toBeVisible();
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await page.waitForLoadState('networkidle');
  });
}

for (const path of ['/print.html', '/lessons/latency/print.html']) {
  test(`${path} (a print view) loads without errors`, async ({ reader: page }) => {
    await page.goto(path);
    await expect(page.locator('.print-slide').first()).toBeVisible();
  });
}

test("an unknown address shows the course's own 404 page", async ({ browser }) => {
  // Its own page and fixture: the 404 status is the point here, not a problem.
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto('/no-such-lesson/');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'course page' })).toHaveAttribute('href', '/');
  expect(errors).toEqual([]);
  await page.close();
});
