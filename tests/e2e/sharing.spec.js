// Sharing: what search engines and link previews read on every page of the sitemap (title,
// description, canonical, Open Graph, Twitter card, the social image), the sitemap and robots.txt,
// the 404 page, and the "Give feedback" link under each lesson.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test as plainTest } from '@playwright/test';
import { parse } from 'smol-toml';
import { sitePages } from '../support/course.js';
import { lessons } from '../support/lessons.js';
import { expect, test } from '../support/fixtures.js';

const sitemapAddresses = () =>
  [...readFileSync('public/sitemap.xml', 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc]) => loc);

// The file in public/ that an absolute address of the site names.
const publicFile = (address) => path.join('public', decodeURIComponent(new URL(address).pathname));

// A PNG's size, read from its header: the signature, then the IHDR chunk (width, height).
function pngSize(file) {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// The tags of the page open in `page`, as a crawler reads them.
const readHead = (page) =>
  page.evaluate(() => {
    const meta = (key) => document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.content;
    return {
      title: document.title,
      description: meta('description'),
      canonical: document.querySelector('link[rel="canonical"]')?.href,
      ogTitle: meta('og:title'),
      ogDescription: meta('og:description'),
      ogType: meta('og:type'),
      ogUrl: meta('og:url'),
      ogSiteName: meta('og:site_name'),
      ogImage: meta('og:image'),
      ogImageWidth: meta('og:image:width'),
      ogImageHeight: meta('og:image:height'),
      ogImageAlt: meta('og:image:alt'),
      twitterCard: meta('twitter:card'),
    };
  });

test('every page of the sitemap can be shared: title, description, canonical, Open Graph, a 1200×630 image', async ({
  reader: page,
}) => {
  const paths = sitePages();
  expect(paths.length, 'the sitemap lists no page').toBeGreaterThan(lessons().length);
  test.setTimeout(paths.length * 15_000);
  const heads = new Map();
  for (const pagePath of paths) {
    await test.step(pagePath, async () => {
      await page.goto(pagePath, { waitUntil: 'domcontentloaded' });
      const head = await readHead(page);
      heads.set(pagePath, head);
      expect(head.title).toBeTruthy();
      expect(head.description).toBeTruthy();
      const canonical = new URL(head.canonical ?? 'missing:');
      expect(canonical.protocol, `canonical ${head.canonical} is not absolute`).toMatch(/^https?:$/);
      expect(canonical.pathname).toBe(pagePath);
      expect(head.ogUrl).toBe(head.canonical);
      expect(head).toMatchObject({
        ogTitle: expect.any(String),
        ogDescription: head.description,
        ogSiteName: expect.any(String),
      });
      expect(['website', 'article']).toContain(head.ogType);
      expect(head.twitterCard).toBe('summary_large_image');
      expect(head.ogImage).toMatch(/^https?:\/\//);
      expect(existsSync(publicFile(head.ogImage)), `${head.ogImage} is not in public/`).toBe(true);
      expect(pngSize(publicFile(head.ogImage))).toEqual({ width: 1200, height: 630 });
      expect([head.ogImageWidth, head.ogImageHeight]).toEqual(['1200', '630']);
      expect(head.ogImageAlt).toBeTruthy();
    });
  }
  const titles = [...heads.values()].map(({ title }) => title);
  expect(new Set(titles).size, `titles repeat: ${titles.join(' | ')}`).toBe(titles.length);
  // Each lesson has an image of its own: different files, and different pictures.
  const lessonImages = lessons().map(({ page: lessonPage }) => heads.get(lessonPage)?.ogImage);
  expect(lessonImages).not.toContain(undefined);
  const pictures = lessonImages.map((image) =>
    createHash('sha256')
      .update(readFileSync(publicFile(image)))
      .digest('hex'),
  );
  expect(new Set(pictures).size).toBe(lessons().length);
  expect(pictures).not.toContain(
    createHash('sha256')
      .update(readFileSync(publicFile(heads.get('/').ogImage)))
      .digest('hex'),
  );
});

test('the sitemap lists the course page and every lesson, at absolute addresses, and no print view', () => {
  const addresses = sitemapAddresses();
  for (const address of addresses) expect(address).toMatch(/^https?:\/\/[^/]+\//);
  const paths = addresses.map((address) => new URL(address).pathname);
  expect(lessons().length).toBeGreaterThan(0);
  expect(paths).toEqual(expect.arrayContaining(['/', ...lessons().map(({ page }) => page)]));
  expect(paths.filter((sitePath) => sitePath.endsWith('print.html') || sitePath.includes('404'))).toEqual([]);
});

test('robots.txt names the sitemap by its absolute address, and keeps crawlers off the print views only', async ({
  request,
}) => {
  const robots = await (await request.get('/robots.txt')).text();
  const sitemap = robots.match(/^Sitemap: (\S+)$/m)?.[1];
  expect(sitemap, robots).toMatch(/^https?:\/\/[^/]+\/sitemap\.xml$/);
  const disallowed = [...robots.matchAll(/^Disallow: (\S+)$/gm)].map(([, rule]) => rule);
  expect(disallowed).toEqual(
    expect.arrayContaining(['/print.html', ...lessons().map(({ page }) => `${page}print.html`)]),
  );
  expect(sitePages().length).toBeGreaterThan(0);
  for (const sitePath of sitePages()) {
    expect(
      disallowed.filter((rule) => sitePath.startsWith(rule)),
      `${sitePath} is disallowed`,
    ).toEqual([]);
  }
});

// The 404 page's own status is the point here, so these use Playwright's plain `page`, with the
// fixture's other watches (tests/support/fixtures.js), minus the one expected 404 of the document.
for (const oddPath of ['/lessons/no-such-lesson/', '/%E2%9C%93', '/%E2', '/lessons/%E2%80%A6/print.html']) {
  plainTest(`${oddPath} answers 404 with the course's 404 page, whose lesson links work`, async ({ page, baseURL }) => {
    const oddUrl = new URL(oddPath, baseURL).href;
    const problems = [];
    page.on('console', (message) => {
      const expected = message.location().url === oddUrl && /status of 404/.test(message.text());
      if (message.type() === 'error' && !expected) problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      if (new URL(request.url()).hostname !== '127.0.0.1') problems.push(`request left the site: ${request.url()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url() !== oddUrl)
        problems.push(`${response.status()} for ${response.url()}`);
    });

    const response = await page.goto(oddPath);
    expect(response.status()).toBe(404);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(main.getByRole('link', { name: 'course page' })).toHaveAttribute('href', '/');
    const all = lessons();
    expect(all.length).toBeGreaterThan(0);
    for (const { page: lessonPage } of all) await expect(main.locator(`a[href="${lessonPage}"]`)).toHaveCount(1);
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');

    const lesson = all[Math.floor(all.length / 2)];
    const link = main.locator(`a[href="${lesson.page}"]`);
    const title = (await link.textContent()).trim();
    await link.click();
    await expect(page).toHaveURL(lesson.page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });
}

// The address "Give feedback" leads to, as site/hugo.toml declares it (empty: no link).
const feedbackURL = () => parse(readFileSync('site/hugo.toml', 'utf8')).params.feedbackURL;

test('a lesson shows "Give feedback" exactly when the site\'s config has an address for it', async ({
  reader: page,
}) => {
  const [first] = lessons();
  await page.goto(first.page);
  const link = page.getByRole('link', { name: 'Give feedback on this lesson' });
  if (feedbackURL()) {
    expect(new URL(await link.getAttribute('href')).href).toContain(
      encodeURIComponent(await page.evaluate(() => location.pathname)),
    );
  } else {
    await expect(link).toHaveCount(0);
  }
});

plainTest(
  'with an address configured, each lesson\'s "Give feedback" carries its own title and address',
  async ({ browser }, testInfo) => {
    plainTest.setTimeout(120_000);
    // A build of its own (the served one may have none), to a folder of this test: Hugo reads
    // params.feedbackURL from HUGO_PARAMS_FEEDBACKURL.
    const destination = testInfo.outputPath('site');
    const form = 'https://forms.example.org/new?title=Feedback+on+{title}&body=About+{url}%3A';
    execFileSync('hugo', ['--source', 'site', '--destination', destination, '--quiet'], {
      env: { ...process.env, HUGO_PARAMS_FEEDBACKURL: form },
      stdio: 'inherit',
    });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const all = lessons();
    expect(all.length).toBeGreaterThan(0);
    const addresses = new Set();
    for (const { page: lessonPage } of all) {
      await page.setContent(readFileSync(path.join(destination, lessonPage, 'index.html'), 'utf8'));
      const title = (await page.getByRole('heading', { level: 1 }).textContent()).trim();
      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      const href = new URL(await page.getByRole('link', { name: 'Give feedback on this lesson' }).getAttribute('href'));
      expect(href.origin + href.pathname).toBe('https://forms.example.org/new');
      expect(href.searchParams.get('title')).toBe(`Feedback on ${title}`);
      expect(href.searchParams.get('body')).toBe(`About ${canonical}:`);
      expect(new URL(canonical).pathname).toBe(lessonPage);
      addresses.add(href.href);
    }
    expect(addresses.size).toBe(all.length);
    await context.close();
  },
);
