// Offline: after a learner's first run, the lessons they opened work without a network
// (js/site/offline.js keepOffline(), js/site/service-worker.js at /sw.js). The lab calls
// keepOffline() after a demo's first run, as the Python runner does after its runtime's first
// load: the tests drive it through a demo's Run, the page script's real path. On a host with the
// headers and on one without; a new build's worker replaces the old one and drops what the new
// build no longer references; where the browser allows no service worker or no storage, nothing
// fails.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PORT_WITHOUT_HEADERS } from '../../playwright.config.js';
import { declaredDemos } from '../support/course.js';
import { expect, test } from '../support/fixtures.js';
import { demoFigure, reachDemo, readRun, runDemo } from '../support/lab.js';

const DEMO = declaredDemos().find(({ id }) => id === 'downloads');
// Opened first, before any run: the worker learns of it from the learner's progress.
const OPENED_BEFORE = '/lessons/io-synchronous/';
// Where the learner runs the demo for the first time.
const RUN_ON = '/lessons/io-threading/';
// Opened after that run: the worker keeps it as it loads.
const OPENED_AFTER = '/lessons/io-asyncio/';
const NEVER_OPENED = '/lessons/gil/';
const HOSTS = { 'with the headers': '', 'without the headers': `http://127.0.0.1:${PORT_WITHOUT_HEADERS}` };
const SMALL = { tasks: 2, latency_ms: 20 };

// Every cache of the origin and the paths it holds.
// A cache of an older layout of the worker's, as an earlier worker would have left it: the new
// worker deletes it as it activates.
const OLDER_CACHE = 'course-offline-v0-files';
// The paths in each of the origin's caches. The older cache is named, never opened: opening a
// cache the worker has just deleted creates it anew, which left it there for good once in twelve.
const cachedPaths = (page) =>
  page.evaluate(async (older) => {
    const all = {};
    for (const name of await caches.keys()) {
      if (name === older) all[name] = ['(an older cache, not opened)'];
      else all[name] = (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname);
    }
    return all;
  }, OLDER_CACHE);
const inCache = (all, suffix) => Object.keys(all).find((name) => name.endsWith(suffix));
const workerVersion = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = ({ data }) => resolve(data.version);
        navigator.serviceWorker.controller.postMessage({ type: 'version' }, [channel.port2]);
      }),
  );

// The state of each worker of the page's registration (null where there is none).
const registrationStates = (page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const state = (worker) => worker?.state ?? null;
    return {
      installing: state(registration?.installing),
      waiting: state(registration?.waiting),
      active: state(registration?.active),
    };
  });

test('the pages this file visits embed the demo it runs, with the models it runs', () => {
  const models = (page) => DEMO.embeds.find((embed) => embed.page === page)?.models;
  expect(models(OPENED_BEFORE)).toContain('sequential');
  expect(models(RUN_ON)).toEqual(expect.arrayContaining(['sequential', 'gil_threads']));
  expect(models(OPENED_AFTER)).toContain('sequential');
  expect(models(NEVER_OPENED)).toBeUndefined();
});

test('the course page says that the lessons opened work offline after a first run', async ({ tab: page }) => {
  await page.goto('/');
  await expect(page.locator('[data-course-progress]')).toContainText(
    'After your first run of a demo or a program, the lessons you have opened work offline too, in this browser.',
  );
});

for (const [host, origin] of Object.entries(HOSTS)) {
  test(`${host}: after a first run, the lessons opened before and after it reload and run offline; one never opened says it is not kept`, async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    await page.goto(origin + OPENED_BEFORE);
    await reachDemo(demoFigure(page, DEMO));
    await page.goto(origin + RUN_ON);
    // Nothing is kept before the learner runs anything.
    expect(Object.values(await cachedPaths(page)).flat()).toEqual([]);
    await runDemo(demoFigure(page, DEMO), DEMO, SMALL, ['sequential']);
    await expect(page.locator('html')).toHaveAttribute('data-offline', 'kept', { timeout: 30_000 });

    const cached = await cachedPaths(page);
    const pages = cached[inCache(cached, '-pages')];
    const files = cached[inCache(cached, '-files')];
    expect(pages).toEqual(expect.arrayContaining([OPENED_BEFORE, RUN_ON, '/']));
    expect(pages).not.toContain(NEVER_OPENED);
    for (const file of [
      /^\/js\/site\/index\.[0-9a-f]+\.js$/,
      /^\/css\/course\.min\.[0-9a-f]+\.css$/,
      /^\/wasm\/downloads\/[0-9a-f]+\/downloads\.wasm$/,
      /^\/wasm\/downloads\/[0-9a-f]+\/downloads-single\.wasm$/,
    ]) {
      expect(
        files.some((name) => file.test(name)),
        String(file),
      ).toBe(true);
    }

    await page.goto(origin + OPENED_AFTER);
    await reachDemo(demoFigure(page, DEMO));
    await expect.poll(async () => Object.values(await cachedPaths(page)).flat()).toContain(OPENED_AFTER);

    await context.setOffline(true);
    let figures = 0;
    for (const lesson of [OPENED_BEFORE, RUN_ON, OPENED_AFTER]) {
      await page.goto(origin + lesson);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Through the worker, as online: isolated, so the threaded models run.
      expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
      // Its figures too, those further down included (loaded now rather than when scrolled to).
      const images = await page.evaluate(() =>
        Promise.all(
          [...document.images].map((image) => {
            image.loading = 'eager';
            return image.decode().then(
              () => 'shown',
              () => `broken: ${image.src}`,
            );
          }),
        ),
      );
      expect(images.filter((state) => state !== 'shown')).toEqual([]);
      figures += images.length;
      const models = lesson === RUN_ON ? ['sequential', 'gil_threads'] : ['sequential'];
      const figure = demoFigure(page, DEMO);
      await runDemo(figure, DEMO, SMALL, models);
      for (const model of models)
        expect((await readRun(figure, model)).results, `${lesson} ${model}`).toBe(SMALL.tasks);
    }

    expect(figures, 'the lessons have figures to check').toBeGreaterThan(0);

    // A lesson never opened: the worker's page that says so, with the kept lessons linked, and no
    // error in the console.
    page.removeAllListeners('response');
    page.removeAllListeners('console');
    const errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(origin + NEVER_OPENED);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await expect(page.getByRole('main')).toContainText('This page was not opened while you were online');
    const kept = page.getByRole('main').getByRole('link');
    await expect(kept.filter({ hasText: 'threading' })).toHaveAttribute('href', RUN_ON);
    await expect(kept.filter({ hasText: 'synchronous' })).toHaveAttribute('href', OPENED_BEFORE);
    await expect(kept.filter({ hasText: 'asyncio' })).toHaveAttribute('href', OPENED_AFTER);
    await expect(kept).toHaveCount(4); // and the course page
    expect(errors).toEqual([]);
    await context.setOffline(false);
  });
}

// The Python runner (js/python/runner.js) calls keepOffline() on its runtime's first load, with
// the addresses its worker fetched. Where this build has no runner, there is nothing to check.
const PROGRAM_LESSON = '/lessons/io-synchronous/';
const PROGRAM = 'io_sync.py';
for (const [host, origin] of Object.entries(HOSTS)) {
  test(`${host}: after the runtime's first load, a program runs offline, its runtime from the cache`, async ({
    page,
    context,
  }) => {
    test.setTimeout(300_000);
    await page.goto(origin + PROGRAM_LESSON);
    const box = page.locator('details.code-file').filter({ has: page.locator('summary code', { hasText: PROGRAM }) });
    test.skip(!(await page.locator('.python-runtime').count()), 'this build runs no program in the page');
    const open = async () => {
      await box.locator('summary').click();
      await box.getByRole('button', { name: 'Edit and run' }).click();
      const runner = page.getByRole('group', { name: `Edit and run ${PROGRAM}` });
      await expect(runner).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
      return runner;
    };
    const run = async (runner) => {
      await runner.getByRole('spinbutton', { name: /Latency/ }).fill('20');
      await runner.getByRole('button', { name: 'Run', exact: true }).click();
      // Its downloads come from the stand-in server, a page of the site's: kept with the runtime.
      await expect(runner.getByRole('log')).toContainText(/Downloaded \d+ sites in/, { timeout: 60_000 });
    };
    await open();
    await expect(page.locator('html')).toHaveAttribute('data-offline', 'kept', { timeout: 60_000 });
    const cached = Object.values(await cachedPaths(page)).flat();
    expect(cached.filter((name) => /^\/pyodide\/[0-9a-f]+\/pyodide\.asm\.wasm$/.test(name))).toHaveLength(1);
    await context.setOffline(true);
    await page.reload();
    await run(await open());
    await context.setOffline(false);
  });
}

test("a new build's worker replaces the old one, and drops the old runtime and older caches", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  // A build of its own to change: hard links to public/, each changed file written anew.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'offline-spec-'));
  const root = path.join(dir, 'site');
  expect(spawnSync('cp', ['-al', 'public', root]).status).toBe(0);
  const oldRuntime = '/pyodide/aaaaaaaaaaaa/pyodide.mjs';
  // A zip of the runtime's (its standard library) is kept; the sample code's zip, a download, not.
  const oldRuntimeZip = '/pyodide/aaaaaaaaaaaa/python_stdlib.zip';
  const download = '/downloads/sample-code.zip';
  const writeAnew = (urlPath, text) => {
    const file = path.join(root, urlPath);
    mkdirSync(path.dirname(file), { recursive: true });
    rmSync(file, { force: true }); // never write through a hard link into public/
    writeFileSync(file, text);
  };
  writeAnew(oldRuntime, 'export const version = "old";');
  writeAnew(oldRuntimeZip, 'PK old');
  const server = spawn('node', ['tests/support/serve.mjs', '0', '--root', root, '--without-headers'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const origin = await new Promise((resolve, reject) => {
      server.stdout.on('data', (data) => {
        const found = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(String(data));
        if (found) resolve(found[1]);
      });
      server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });

    await page.goto(origin + RUN_ON);
    // The first visit installs the worker and reloads once.
    await expect
      .poll(() => page.evaluate(() => self.crossOriginIsolated).catch(() => false), { timeout: 30_000 })
      .toBe(true);
    await page.waitForLoadState('load');
    // The runtime as the page fetched it (the runner passes the files its worker fetched).
    // Each read to its end, as the runtime's loader reads them: a body left unread holds the
    // worker that streams it busy, and Chrome activates the next worker only once it is idle.
    for (const url of [oldRuntime, oldRuntimeZip, download]) {
      expect(
        await page.evaluate(
          (address) =>
            fetch(address).then(async (r) => {
              await r.arrayBuffer();
              return r.status;
            }),
          url,
        ),
      ).toBe(200);
    }
    await runDemo(demoFigure(page, DEMO), DEMO, SMALL, ['sequential']);
    await expect(page.locator('html')).toHaveAttribute('data-offline', 'kept', { timeout: 30_000 });
    await page.evaluate(
      (older) => caches.open(older).then((cache) => cache.put('/old', new Response('old'))),
      OLDER_CACHE,
    );
    let cached = await cachedPaths(page);
    const filesCache = inCache(cached, '-files');
    expect(cached[filesCache]).toEqual(expect.arrayContaining([oldRuntime, oldRuntimeZip]));
    expect(Object.values(cached).flat()).not.toContain(download);
    const firstVersion = await workerVersion(page);
    expect(firstVersion).toMatch(/^[0-9a-f]{12}$/);

    // The next build: another version of the worker, another runtime folder.
    const script = readFileSync(path.join(root, 'sw.js'), 'utf8');
    expect(script).toContain(`"${firstVersion}"`);
    const nextVersion = 'bbbbbbbbbbbb';
    writeAnew('/sw.js', script.replaceAll(`"${firstVersion}"`, `"${nextVersion}"`));
    rmSync(path.join(root, 'pyodide', 'aaaaaaaaaaaa'), { recursive: true });
    writeAnew('/pyodide/bbbbbbbbbbbb/pyodide.mjs', 'export const version = "new";');

    // The learner's next visit, in a new tab once this one is closed: the browser finds the new
    // worker, which takes over as soon as the old one is idle (Chrome waits until nothing it
    // streamed to a page is still open).
    await page.close();
    const next = await context.newPage();
    // Each error with the step it came in, so that a failure says whether the worker was
    // taking over (online) or answering from its cache (offline).
    const errors = [];
    let step = 'online, as the new worker takes over';
    next.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${step}: ${message.text()} (${message.location().url})`);
    });
    next.on('pageerror', (error) => errors.push(`${step}: ${error.message}`));
    await next.goto(origin + RUN_ON);
    // With the registration's workers, so that a failure says whether the new one was installing,
    // waiting, or never found.
    await expect
      .poll(async () => ({ controller: await workerVersion(next), ...(await registrationStates(next)) }), {
        timeout: 30_000,
      })
      .toEqual({ controller: nextVersion, installing: null, waiting: null, active: 'activated' });
    await expect
      .poll(
        async () => {
          cached = await cachedPaths(next);
          return {
            names: Object.keys(cached).sort(),
            oldRuntime: cached[filesCache]?.filter((name) => name.startsWith('/pyodide/')),
          };
        },
        { timeout: 30_000 },
      )
      .toEqual({ names: [filesCache, inCache(cached, '-pages')].sort(), oldRuntime: [] });
    // What the new build still references stays: the lesson's demo runs offline.
    expect(cached[filesCache].some((name) => /^\/wasm\/downloads\/[0-9a-f]+\/downloads\.wasm$/.test(name))).toBe(true);
    await context.setOffline(true);
    step = 'offline, reloaded from the cache';
    await next.reload();
    expect(await next.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await runDemo(demoFigure(next, DEMO), DEMO, SMALL, ['gil_threads']);
    expect((await readRun(demoFigure(next, DEMO), 'gil_threads')).results).toBe(SMALL.tasks);
    expect(errors).toEqual([]);
    // And the old runtime is not served, from the network or the cache (the failed fetch is
    // logged, as it should be).
    expect(
      await next.evaluate(
        (url) =>
          fetch(url).then(
            () => 'served',
            () => 'failed',
          ),
        oldRuntime,
      ),
    ).toBe('failed');
    await context.setOffline(false);
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a browser that installed the old helper (coi-serviceworker) gets the site's worker in its place, without a reload", async ({
  page,
}) => {
  const origin = HOSTS['without the headers'];
  // As a learner's browser has it from an earlier build. From a page that runs no script of the
  // site's (robots.txt), in a tab of its own: the browser asks for /favicon.ico there, a 404.
  const before = await page.context().newPage();
  await before.goto(`${origin}/robots.txt`);
  await before.evaluate(async () => {
    await navigator.serviceWorker.register('/coi-serviceworker.js');
    await navigator.serviceWorker.ready;
  });
  await before.close();
  let loads = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads += 1;
  });
  await page.goto(origin + RUN_ON);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), { timeout: 30_000 })
    .toBe(`${origin}/sw.js`);
  await reachDemo(demoFigure(page, DEMO));
  expect(loads).toBe(1);
  expect(
    await page.evaluate(() =>
      navigator.serviceWorker.getRegistrations().then((all) => all.map((r) => r.active?.scriptURL)),
    ),
  ).toEqual([`${origin}/sw.js`]);
  await page.reload();
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(page.locator('html')).not.toHaveAttribute('data-isolation');
});

test.describe('where the browser allows no service worker', () => {
  test.use({ serviceWorkers: 'block' });
  for (const [host, origin] of Object.entries(HOSTS)) {
    test(`${host}: a run works, nothing is kept, and nothing fails`, async ({ page }) => {
      await page.goto(origin + RUN_ON);
      const figure = demoFigure(page, DEMO);
      await runDemo(figure, DEMO, SMALL, ['sequential']);
      expect((await readRun(figure, 'sequential')).results).toBe(SMALL.tasks);
      await expect(page.locator('html')).toHaveAttribute('data-offline', 'unavailable');
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);
    });
  }
});

test('where the site may not use storage at all, a run works and nothing fails', async ({ tab: page }) => {
  await page.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    for (const name of ['localStorage', 'sessionStorage', 'caches'])
      Object.defineProperty(window, name, { get: refuse });
    ServiceWorkerContainer.prototype.register = () =>
      Promise.reject(new DOMException('The operation is insecure.', 'SecurityError'));
  });
  for (const origin of Object.values(HOSTS)) {
    await page.goto(origin + RUN_ON);
    const figure = demoFigure(page, DEMO);
    await runDemo(figure, DEMO, SMALL, ['sequential']);
    expect((await readRun(figure, 'sequential')).results).toBe(SMALL.tasks);
    await expect(page.locator('html')).toHaveAttribute('data-offline', 'unavailable');
  }
});
