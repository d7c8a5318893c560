// Lighthouse on pages of the built site, one Debian Chromium for all: for the test
// (tests/e2e/lighthouse.spec.js: accessibility, best practices and SEO, each 100) and the bench
// (tests/bench/bench.mjs: performance, which depends on the machine's load, so it is measured and
// reported there, not asserted by a test). Mobile defaults: a mid-range phone on a slow 4G
// connection, simulated.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import config from '../../playwright.config.js';

export const CATEGORY_NAMES = {
  performance: 'Performance',
  accessibility: 'Accessibility',
  'best-practices': 'Best practices',
  seo: 'SEO',
};

// The audits that cost a category points: scored, weighted, and short of full marks.
function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter(({ id, weight }) => weight > 0 && lhr.audits[id].score !== null && lhr.audits[id].score < 1)
    .map(({ id }) => ({ id, title: lhr.audits[id].title, value: lhr.audits[id].displayValue ?? '' }));
}

// Where a page's main thread went while it loaded, as Lighthouse simulates a mid-range phone (its
// CPU four times slower than this machine's): Total Blocking Time, the main thread's busy time in
// all, and that time by kind of work ("Style & Layout", "Script Evaluation", …), in ms.
function mainThreadOf(lhr) {
  const breakdown = lhr.audits['mainthread-work-breakdown'];
  return {
    blockingMs: lhr.audits['total-blocking-time'].numericValue,
    busyMs: breakdown.numericValue,
    byKind: Object.fromEntries(
      (breakdown.details?.items ?? []).map(({ groupLabel, duration }) => [groupLabel, duration]),
    ),
  };
}

// For categories that read the page as loaded (accessibility, best practices, SEO) rather than
// time it: no blank page between audits, and 250 ms of Lighthouse's 1 s waits for the network and
// the main thread to go quiet. Measured on 4 pages, twice, idle: 5.7 s a page against 7.8 s.
export const READ_SETTINGS = {
  skipAboutBlank: true,
  pauseAfterFcpMs: 250,
  pauseAfterLoadMs: 250,
  networkQuietThresholdMs: 250,
  cpuQuietThresholdMs: 250,
};

// Audits `paths` (each against `baseURL`) in `categories`, one after another, with Lighthouse's
// `settings` (its defaults where not given: the bench's performance needs them). Resolves with
// { results: [{ path, scores: { category: 0–100 }, failures: { category: [{ id, title, value }] },
//   mainThread (with performance: mainThreadOf above) }],
//   lighthouseVersion, browserVersion }. A page Lighthouse could not load throws.
export async function audit(baseURL, paths, categories, settings = {}) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || config.use.launchOptions.executablePath,
    // --no-sandbox: Chromium refuses to start sandboxed as root, which the test machines are.
    chromeFlags: ['--headless=new', '--no-sandbox', ...config.use.launchOptions.args],
  });
  const results = [];
  let lighthouseVersion;
  let browserVersion;
  try {
    for (const path of paths) {
      const { lhr } = await lighthouse(new URL(path, baseURL).href, {
        port: chrome.port,
        onlyCategories: categories,
        output: 'json',
        logLevel: 'error',
        disableFullPageScreenshot: true, // a picture of each page, which no category reads
        ...settings,
      });
      if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.message}`);
      lighthouseVersion = lhr.lighthouseVersion;
      browserVersion = lhr.environment.hostUserAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0];
      results.push({
        path,
        scores: Object.fromEntries(
          categories.map((category) => [category, Math.round(lhr.categories[category].score * 100)]),
        ),
        failures: Object.fromEntries(categories.map((category) => [category, failingAudits(lhr, category)])),
        ...(categories.includes('performance') && { mainThread: mainThreadOf(lhr) }),
      });
    }
  } finally {
    await chrome.kill();
  }
  return { results, lighthouseVersion, browserVersion };
}
