// Prints a built site's page to PDF with headless Chromium, serving the site's files directly
// to the browser (no server): how `make` turns every lesson's slides into the course PDF.
//   node print-slides.mjs SITE_DIR PAGE OUT.pdf
// The page's own @page rule sets the paper: one slide per page.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';

const [siteDir, pagePath, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node print-slides.mjs SITE_DIR PAGE OUT.pdf');
  process.exit(2);
}
const origin = 'http://course.invalid';
const types = {
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) return route.abort();
    let file = path.join(siteDir, decodeURIComponent(url.pathname));
    if (file.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await readFile(file);
      return route.fulfill({ body, contentType: types[path.extname(file)] ?? 'application/octet-stream' });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.goto(`${origin}/${pagePath}`, { waitUntil: 'networkidle' });
  await page.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
  console.log(`Printed ${pagePath} to ${out}`);
} finally {
  await browser.close();
}
