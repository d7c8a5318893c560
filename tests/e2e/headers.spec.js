// The response headers are declared once, in site/hugo.toml [server.headers]. `hugo server`
// (`make serve`) sends them from there; the build writes them to public/_headers, which Netlify
// reads and the test server (tests/support/serve.mjs) serves from. These tests hold every
// consumer to the declaration, and the pages to the Content-Security-Policy it sets.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { declaredDemos } from '../support/course.js';
import { expectedHeaders } from '../support/headers.js';
import { expect, recordCspViolations, test } from '../support/fixtures.js';

// What a learner's browser fetches, one of each kind, as the page at `lessonHtml` names them: the
// page, its script, a demo's module, its pthread worker script and its WebAssembly, the search
// index, a download, the site's service worker (asked again each time, so that a new build's is
// found at once), and a page that does not exist.
function samplePaths(lessonPath, lessonHtml) {
  const [build] = lessonHtml.match(/\/wasm\/downloads\/[0-9a-f]+\//) ?? [];
  expect(build, `${lessonPath} names the downloads demo's build folder`).toBeTruthy();
  // Emscripten 3.1.6 writes a separate worker script; newer releases start workers from the module.
  const worker = readdirSync('build/wasm/site/downloads').find(
    (f) => f.endsWith('.js') && !['downloads.js', 'downloads-single.js'].includes(f),
  );
  const siteScript = lessonHtml.match(/\/js\/site\/index\.[0-9a-f]+\.js/)?.[0];
  expect(siteScript, `${lessonPath} names the site's script`).toBeTruthy();
  return [
    lessonPath,
    '/',
    siteScript,
    `${build}downloads.js`,
    ...(worker ? [`${build}${worker}`] : []),
    `${build}downloads.wasm`,
    '/pagefind/pagefind.js',
    '/downloads/sample-code.zip',
    '/sw.js',
    '/no/such/page/',
  ];
}

const downloadsPage = () => declaredDemos().find((d) => d.id === 'downloads').page;
const builtPaths = () =>
  samplePaths(downloadsPage(), readFileSync(path.join('public', downloadsPage(), 'index.html'), 'utf8'));

test('every response carries the declared headers: page, script, module, worker, wasm, index', async ({ request }) => {
  for (const urlPath of builtPaths()) {
    const response = await request.get(urlPath);
    const expected = expectedHeaders(urlPath);
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining([
        'cross-origin-opener-policy',
        'cross-origin-embedder-policy',
        'cross-origin-resource-policy',
        'content-security-policy',
        'x-content-type-options',
        'referrer-policy',
        'permissions-policy',
        'cache-control',
      ]),
    );
    expect(response.headers(), urlPath).toMatchObject(expected);
  }
});

test('`make serve` (hugo server) sends the same headers as the production build', async ({ request }) => {
  test.slow();
  const port = 8990 + Math.floor(Math.random() * 9);
  const server = spawn(
    'hugo',
    ['server', '--source', 'site', '--port', String(port), '--disableLiveReload', '--bind', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await new Promise((resolve, reject) => {
      server.stdout.on('data', (data) => {
        if (/Web Server is available/.test(data)) resolve();
      });
      server.on('exit', (code) => reject(new Error(`hugo server exited with ${code}`)));
    });
    // Each server's own addresses: the development build fingerprints its unminified scripts.
    const hugoServer = `http://127.0.0.1:${port}`;
    const hugoPaths = samplePaths(downloadsPage(), await (await request.get(hugoServer + downloadsPage())).text());
    const productionPaths = builtPaths();
    expect(hugoPaths.length).toBe(productionPaths.length);
    for (const [i, urlPath] of productionPaths.entries()) {
      const production = await request.get(urlPath);
      const hugo = await request.get(hugoServer + hugoPaths[i]);
      expect(hugo.status(), hugoPaths[i]).toBe(production.status());
      const [fromProduction, fromHugo] = [production.headers(), hugo.headers()];
      for (const name of Object.keys(expectedHeaders(urlPath))) {
        expect(fromHugo[name], `${name} on ${hugoPaths[i]}`).toBe(fromProduction[name]);
      }
    }
  } finally {
    server.kill();
  }
});

test('the policy is enforced: an inline script neither runs nor goes unreported', async ({ page }) => {
  await recordCspViolations(page);
  const console = [];
  page.removeAllListeners('console'); // this test expects the one error it provokes
  page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
  await page.goto('/');
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    return new Promise((resolve) => setTimeout(() => resolve(window.inlineRan === true), 100));
  });
  expect(ran).toBe(false);
  expect(await page.evaluate(() => window.cspViolations)).toEqual([expect.stringMatching(/^script-src/)]);
  // An error, which fails any other test (the fixtures): so every browser test checks the policy.
  expect(console.join('\n')).toMatch(/^error: .*Content Security Policy/m);
});
