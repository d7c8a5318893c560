// Playwright drives Debian's Chromium (no browser downloads) against the built site, served
// with the headers of public/_headers (declared in site/hugo.toml), and once more without them.
import { defineConfig } from '@playwright/test';

// PW_PORT / PW_PORT_WITHOUT_HEADERS move both servers, so that two checkouts can test at once
// (an existing server on a port is reused, whichever public/ it serves).
export const PORT = Number(process.env.PW_PORT || 8931);
export const PORT_WITHOUT_HEADERS = Number(process.env.PW_PORT_WITHOUT_HEADERS || 8932);

// Tests whose verdicts rest on time (a speedup, a ratio of runs, Stop's bound, an exercise's
// checker, threads that must overlap) are tagged @timed: they run one at a time, after the rest,
// with the machine to themselves (project `alone`); the rest run on two workers (`together`).
// A serial group is tagged as a whole, so that it stays in one project.
const TIMED = /@timed/;

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // make browser-test runs `together`, then `alone` (not a dependency: a dependency would run in
  // full whenever a file of `alone` is named on the command line).
  projects: [
    { name: 'together', grepInvert: TIMED, fullyParallel: true },
    { name: 'alone', grep: TIMED, workers: 1 },
  ],
  // build/test-times.md: the slowest tests and each file's time, after every run.
  reporter: [[process.env.CI ? 'line' : 'list'], ['./tests/support/test-times.js']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--js-flags=--expose-gc', // lets a test measure the heap after a collection
      ],
    },
  },
  webServer: [
    { command: `node tests/support/serve.mjs ${PORT}`, port: PORT, reuseExistingServer: !process.env.CI },
    {
      command: `node tests/support/serve.mjs ${PORT_WITHOUT_HEADERS} --without-headers`,
      port: PORT_WITHOUT_HEADERS,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
