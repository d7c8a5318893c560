// Playwright drives Debian's Chromium (no browser downloads) against the built site, served
// with the headers of public/_headers (declared in site/hugo.toml), and once more without them.
import { defineConfig } from '@playwright/test';

// PW_PORT / PW_PORT_WITHOUT_HEADERS move both servers, so that two checkouts can test at once
// (an existing server on a port is reused, whichever public/ it serves).
export const PORT = Number(process.env.PW_PORT || 8931);
export const PORT_WITHOUT_HEADERS = Number(process.env.PW_PORT_WITHOUT_HEADERS || 8932);

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
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
