// The lessons' Python in the page (issue 23): what the runtime costs a learner, measured the way
// a learner meets it. Nothing of it before they ask; then the bytes of a first run, and the time
// from a press to the first line the program prints: "Edit and run" in a browser that never loaded
// the runtime (cold), "Edit and run" on a new page of a browser that did (cached: its files and
// its snapshot are kept), and Run on a page whose runtime has started (warm). Last, the lesson's
// asyncio program in the page against the same program under Debian's CPython at the same
// latency, run by run in turn.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startCountingProxy } from '../support/transfer.js';
import { latencyServer, PYTHON_ENV } from './fidelity.mjs';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const LESSON = '/lessons/io-asyncio/';
const PROGRAM = 'io_asyncio.py';
// The bench's I/O comparison everywhere (fidelity.mjs): 20 pages, 100 ms each, 8 at a time.
const PAGES = 20;
const LATENCY_MS = 100;
const WORKERS = 8;
const ROUNDS = 3;
// Program runs in the page and under CPython, in turn, for the comparison.
const PAIRS = 8;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const spread = (values, unit = '') =>
  `${median(values).toFixed(2)}${unit} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;

// What the runtime is made of, as the page names it: the runner's bundle, the worker, the
// runtime's and the stand-ins' folders. A request for any of them is the runtime's.
async function runtimeAddresses(page) {
  return page.evaluate(() => {
    const data = document.querySelector('.python-runtime')?.dataset;
    const runner = document.querySelector('.lesson-programs[data-runner]')?.dataset.runner;
    if (!data || !runner) return null;
    return [runner, data.worker, data.runtime, data.lib];
  });
}

// Starts a clock, does `press` (in the page), and resolves to the seconds until the program's
// console under `details` first shows text. The console is emptied when a run starts.
async function toFirstLine(page, press) {
  await page.evaluate((program) => {
    const details = [...document.querySelectorAll('details.code-file')].find(
      (d) => d.querySelector('summary code')?.textContent === program,
    );
    window.benchFirstLine = new Promise((resolve) => {
      const printed = () => details.querySelector('.program-console-lines')?.textContent;
      new MutationObserver((_, observer) => {
        if (!printed()) return;
        observer.disconnect();
        resolve(performance.now());
      }).observe(details, { subtree: true, childList: true, characterData: true });
    });
    window.benchPressed = performance.now();
  }, PROGRAM);
  await press();
  return page.evaluate(async () => ((await window.benchFirstLine) - window.benchPressed) / 1000);
}

// Opens PROGRAM's runner, waits for its runtime and runs it with `args` at LATENCY_MS, twice;
// resolves to the seconds from the press of "Edit and run" to the first printed line (the
// runtime loads in between, and Run is pressed the moment it is ready), from the second Run to
// its first line, and both outputs.
async function editAndRun(page, args) {
  const details = page.locator('details.code-file', { has: page.locator(`summary code:text-is("${PROGRAM}")`) });
  await details.locator('summary').click();
  const runner = details.locator('.program-runner');
  const runs = async (count) => {
    await runner.getByRole('button', { name: 'Run', exact: true }).click();
    await details.locator(`.program-runner[data-runs="${count}"]`).waitFor({ timeout: 300_000 });
    return runner.getByRole('log').textContent();
  };
  let first = null;
  const open = await toFirstLine(page, async () => {
    await details.getByRole('button', { name: 'Edit and run' }).click();
    await details
      .locator('.program-runner[data-state="ready"], .program-runner[data-state="error"]')
      .waitFor({ timeout: 300_000 });
    if ((await runner.getAttribute('data-state')) === 'error')
      throw new Error(`the runtime did not load: ${await runner.textContent()}`);
    await runner.getByLabel('Arguments').fill(args.join(' '));
    await runner.getByLabel('Latency').fill(String(LATENCY_MS));
    first = await runs(1);
  });
  let second = null;
  const again = await toFirstLine(page, async () => {
    second = await runs(2);
  });
  return { open, again, outputs: [first, second] };
}

// Seconds from "Downloaded N sites in S seconds", checking N.
function downloadSeconds(output) {
  const match = /Downloaded (\d+) sites in (\d+\.\d+) seconds/.exec(output ?? '');
  if (!match) throw new Error(`unexpected output: ${output?.slice(-200)}`);
  if (Number(match[1]) !== PAGES) throw new Error(`not every page fetched: ${match[0]}`);
  return Number(match[2]);
}

async function cpython(url) {
  const urls = Array.from({ length: PAGES }, (_, n) => `${url}page/${n}`);
  const { stdout } = await run(
    PYTHON,
    [`content/lessons/io-asyncio/${PROGRAM}`, '--workers', String(WORKERS), ...urls],
    {
      env: PYTHON_ENV,
    },
  );
  return downloadSeconds(stdout);
}

// `report(measure, value, target, met)` adds a row to the bench's table.
export async function measurePythonInPage({ browser, origin, report }) {
  // The page's own addresses of the stand-in page server: the program's default server.
  const args = [
    '--workers',
    String(WORKERS),
    ...Array.from({ length: PAGES }, (_, n) => `http://127.0.0.1:8000/page/${n}`),
  ];
  const cold = [];
  const cached = [];
  const warm = [];
  let before = null;
  let firstRun = null;
  for (let round = 0; round < ROUNDS; round += 1) {
    // Cold: a fresh browser context, through a counting proxy, so that the first round also
    // says what crossed the network before and during the first run.
    const proxy = await startCountingProxy(origin);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${proxy.origin}${LESSON}`, { waitUntil: 'load' });
      await proxy.idle();
      const addresses = await runtimeAddresses(page);
      if (!addresses) throw new Error(`${LESSON} offers no program to run in the page`);
      const isRuntime = (path) => addresses.some((address) => path.startsWith(address));
      const bytes = (paths) =>
        paths.reduce((sum, path) => {
          const { body, encoded } = proxy.hits.get(path);
          return sum + (encoded ? body.length : gzipSync(body).length);
        }, 0);
      const loaded = new Set(proxy.hits.keys());
      before ??= bytes([...loaded].filter(isRuntime));
      const coldRun = await editAndRun(page, args);
      cold.push(coldRun.open);
      warm.push(coldRun.again);
      await proxy.idle();
      if (!firstRun) {
        const fetched = [...proxy.hits.keys()].filter((path) => !loaded.has(path));
        const [runner, worker, runtime, lib] = addresses;
        const groups = { runtime: [runtime], 'course modules': [lib], 'editor and runner': [runner, worker] };
        const shares = Object.entries(groups).map(([name, prefixes]) => [
          name,
          fetched.filter((path) => prefixes.some((prefix) => path.startsWith(prefix))),
        ]);
        // The rest is the page's own, fetched meanwhile whether or not Python runs: the demos
        // that the scroll to the program brought near (each loads when the learner comes near
        // it: builds, worker script, source fragments), a figure of the lesson, the service
        // worker and its offline copies of `/` and the search script. Reported beside.
        const ofTheRun = shares.flatMap(([, paths]) => paths);
        const rest = fetched.filter((path) => !ofTheRun.includes(path));
        firstRun = {
          total: bytes(ofTheRun),
          parts: shares.map(([name, paths]) => `${name} ${mb(bytes(paths))}`),
          meanwhile: bytes(rest),
          meanwhileFiles: rest.length,
        };
      }
      // Cached: a new page in the same browser.
      const again = await context.newPage();
      await again.goto(`${proxy.origin}${LESSON}`, { waitUntil: 'load' });
      const cachedRun = await editAndRun(again, args);
      cached.push(cachedRun.open);
      warm.push(cachedRun.again);
    } finally {
      await context.close();
      await proxy.close();
    }
  }
  const { inPage, local } = await comparedWithCPython(browser, origin, args);

  report(
    `Python in the page (${LESSON}): bytes of the runtime fetched on load, before any run`,
    mb(before),
    '0',
    before === 0,
  );
  report(
    'Python in the page: compressed bytes fetched by the first run (the runtime, the course modules and stand-ins, the editor and runner)',
    `${mb(firstRun.total)}: ${firstRun.parts.join(', ')}`,
    '≤ 6.5 MB',
    firstRun.total <= 6.5e6,
  );
  report(
    "context: the page's own loads meanwhile (demos that came near, the offline cache's copies)",
    `${mb(firstRun.meanwhile)} in ${firstRun.meanwhileFiles} files`,
    '—',
    true,
  );
  report(
    `Python in the page: "Edit and run" to the first printed line, cold: nothing cached (median of ${ROUNDS}, min–max)`,
    spread(cold, ' s'),
    '—',
    true,
  );
  report(
    `Python in the page: "Edit and run" to the first printed line on a new page, the runtime cached: its files and snapshot (median of ${ROUNDS}, min–max)`,
    spread(cached, ' s'),
    '—',
    true,
  );
  report(
    `Python in the page: Run to the first printed line, warm: the runtime started (median of ${warm.length}, min–max; the program's own run is ${((LATENCY_MS * Math.ceil(PAGES / WORKERS)) / 1000).toFixed(1)} s of it)`,
    spread(warm, ' s'),
    '≤ 1 s',
    median(warm) <= 1,
  );
  const ratios = inPage.map((seconds, i) => seconds / local[i]);
  report(
    `Python in the page: ${PROGRAM}, ${PAGES} pages × ${LATENCY_MS} ms, ${WORKERS} at a time, in the page / under ${PYTHON}, run by run in turn (median of ${ratios.length}, min–max)`,
    `${spread(ratios)}; page ${median(inPage).toFixed(2)} s, CPython ${median(local).toFixed(2)} s`,
    '0.9 – 1.1',
    Math.abs(median(ratios) - 1) <= 0.1,
  );
}

// PAIRS runs of PROGRAM in one page (its runtime started and run once first, unmeasured), each
// followed by the same program under CPython against fidelity.mjs's page server at the same
// latency: the seconds each printed.
async function comparedWithCPython(browser, origin, args) {
  const server = await latencyServer(LATENCY_MS / 1000);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}${LESSON}`, { waitUntil: 'load' });
    const {
      outputs: [first],
    } = await editAndRun(page, args);
    downloadSeconds(first);
    const details = page.locator('details.code-file', { has: page.locator(`summary code:text-is("${PROGRAM}")`) });
    const runner = details.locator('.program-runner');
    const inPage = [];
    const local = [];
    for (let pair = 0; pair < PAIRS; pair += 1) {
      await runner.getByRole('button', { name: 'Run', exact: true }).click();
      await details.locator(`.program-runner[data-runs="${pair + 3}"]`).waitFor({ timeout: 300_000 });
      inPage.push(downloadSeconds(await runner.getByRole('log').textContent()));
      local.push(await cpython(server.url));
    }
    return { inPage, local };
  } finally {
    await context.close();
    server.stop();
  }
}
