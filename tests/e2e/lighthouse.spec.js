// Lighthouse's accessibility, best practices and SEO scores of every page in the sitemap: 100
// each, written to build/lighthouse/report.md (a table of pages and categories, then each failing
// audit). Performance depends on the machine's load: `make bench` measures and reports it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sitePages } from '../support/course.js';
import { CATEGORY_NAMES, READ_SETTINGS, audit } from '../support/lighthouse.js';
import { expect, test } from '../support/fixtures.js';

const REPORT = 'build/lighthouse/report.md';
const CATEGORIES = ['accessibility', 'best-practices', 'seo'];

function report({ results, lighthouseVersion, browserVersion }) {
  const lines = [
    '# Lighthouse: accessibility, best practices and SEO',
    '',
    `Lighthouse ${lighthouseVersion}, ${browserVersion}, headless, mobile emulation; written by`,
    `tests/e2e/lighthouse.spec.js on ${new Date().toISOString()}. Every score must be 100.`,
    '',
    `| page | ${CATEGORIES.map((category) => CATEGORY_NAMES[category]).join(' | ')} |`,
    `|---|${CATEGORIES.map(() => '---:').join('|')}|`,
    ...results.map(
      ({ path: page, scores }) => `| \`${page}\` | ${CATEGORIES.map((category) => scores[category]).join(' | ')} |`,
    ),
    '',
    '## Failing audits',
    '',
  ];
  const failing = results.flatMap(({ path: page, failures }) =>
    CATEGORIES.flatMap((category) =>
      failures[category].map(({ id, title }) => `- \`${page}\`, ${CATEGORY_NAMES[category]}: \`${id}\`: ${title}`),
    ),
  );
  lines.push(...(failing.length ? failing : ['None.']), '');
  return lines.join('\n');
}

test('every page scores 100 in accessibility, best practices and SEO', async ({ baseURL }) => {
  const pages = sitePages();
  expect(pages.length, 'the sitemap lists no lessons').toBeGreaterThan(10);
  test.setTimeout(pages.length * 60_000);
  const audited = await audit(baseURL, pages, CATEGORIES, READ_SETTINGS);
  mkdirSync(path.dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, report(audited));
  expect(audited.results.map(({ path: page }) => page)).toEqual(pages);
  for (const { path: page, scores, failures } of audited.results) {
    for (const category of CATEGORIES) {
      expect
        .soft(scores[category], `${page} ${category}: ${failures[category].map(({ id }) => id).join(', ')}`)
        .toBe(100);
    }
  }
});
