// Lighthouse's accessibility and SEO scores of the course page and every lesson: 100 each, written
// to build/lighthouse/report.md (a table of pages and categories, then each failing audit).
// Performance comes later. One Chromium, Debian's, for all pages: CHROME_PATH, or the one in
// playwright.config.js.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import config from '../../playwright.config.js';
import { lessons } from '../support/lessons.js';
import { expect, test } from './fixtures.js';

const REPORT = 'build/lighthouse/report.md';
const CATEGORIES = ['accessibility', 'seo'];
// The course page, then every lesson in the outline's order.
const pages = () => ['/', ...lessons().map(({ page }) => page)];

// The audits that cost a category points: scored, weighted, and short of full marks.
function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter(({ id, weight }) => weight > 0 && lhr.audits[id].score !== null && lhr.audits[id].score < 1)
    .map(({ id }) => ({ id, title: lhr.audits[id].title }));
}

function report(results, lighthouseVersion, browserVersion) {
  const names = { accessibility: 'Accessibility', seo: 'SEO' };
  const lines = [
    '# Lighthouse: accessibility and SEO',
    '',
    `Lighthouse ${lighthouseVersion}, ${browserVersion}, headless, mobile emulation; written by`,
    `tests/e2e/lighthouse.spec.js on ${new Date().toISOString()}. Every score must be 100.`,
    '',
    `| page | ${CATEGORIES.map((category) => names[category]).join(' | ')} |`,
    `|---|${CATEGORIES.map(() => '---:').join('|')}|`,
    ...results.map(({ page, scores }) => `| \`${page}\` | ${CATEGORIES.map((category) => scores[category]).join(' | ')} |`),
    '',
    '## Failing audits',
    '',
  ];
  const failing = results.flatMap(({ page, failures }) =>
    CATEGORIES.flatMap((category) => failures[category].map(({ id, title }) => `- \`${page}\`, ${names[category]}: \`${id}\`: ${title}`)));
  lines.push(...(failing.length ? failing : ['None.']), '');
  return lines.join('\n');
}

test('the course page and every lesson score 100 in accessibility and SEO', async ({ baseURL }) => {
  const all = pages();
  expect(all.length, 'no lesson to audit').toBeGreaterThan(1);
  test.setTimeout(all.length * 60_000);
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || config.use.launchOptions.executablePath,
    // --no-sandbox: Chromium refuses to start sandboxed as root, which the test machines are.
    chromeFlags: ['--headless=new', '--no-sandbox', ...config.use.launchOptions.args],
  });
  const results = [];
  let lighthouseVersion;
  let browserVersion;
  try {
    for (const page of all) {
      const { lhr } = await lighthouse(new URL(page, baseURL).href, {
        port: chrome.port,
        onlyCategories: CATEGORIES,
        output: 'json',
        logLevel: 'error',
        disableFullPageScreenshot: true, // a picture of each page, which these categories never read
      });
      expect(lhr.runtimeError, `${page}: ${lhr.runtimeError?.message}`).toBeUndefined();
      lighthouseVersion = lhr.lighthouseVersion;
      browserVersion = lhr.environment.hostUserAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0];
      results.push({
        page,
        scores: Object.fromEntries(CATEGORIES.map((category) => [category, Math.round(lhr.categories[category].score * 100)])),
        failures: Object.fromEntries(CATEGORIES.map((category) => [category, failingAudits(lhr, category)])),
      });
    }
  } finally {
    await chrome.kill();
    mkdirSync(path.dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, report(results, lighthouseVersion, browserVersion));
  }
  expect(results.map(({ page }) => page)).toEqual(all);
  for (const { page, scores, failures } of results) {
    for (const category of CATEGORIES) {
      expect.soft(scores[category], `${page} ${category}: ${failures[category].map(({ id }) => id).join(', ')}`).toBe(100);
    }
  }
});
