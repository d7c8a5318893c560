// What a lesson page costs to load, measured the same way by the budgets test
// (tests/e2e/budgets.spec.js) and the bench (tests/bench/bench.mjs): every request that reaches
// the server, counted by a proxy in front of it, and the compressed size of each distinct file.
//
// Why a proxy, not the browser's own view: the question is which requests reached the server,
// and only the server side sees that for every requester. Playwright reports no cache status,
// Chrome's DevTools protocol reports one per target (a dedicated worker's importScripts arrive on
// the worker's own session, which needs attaching by hand), and routing requests through
// page.route turns the browser's cache off, which would hide the very re-fetches we look for.
// A proxy changes nothing the browser does: it passes every byte and header on untouched.
import { createServer, request as forward } from 'node:http';
import { gzipSync } from 'node:zlib';

// The most a lesson page may transfer on load, compressed: the sum of each distinct file gzipped
// once, as a host sends it. One declaration, for the test and the bench.
export const TRANSFER_BUDGET = 200 * 1024;

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// Every interactive figure of the site, and how it tells the page it is ready: the lab's demos
// and matrices (data-state="ready" once their wasm is up), the latency probes and the racy counter
// (ready at once; their wasm loads at the first Run). The scheduler puzzle loads nothing.
const WIDGETS = 'figure[data-lab], figure[data-matrix], figure[data-probes], figure[data-race]';
const SETTLED = ['ready', 'unavailable'];

// A proxy to `target` (an origin) on a free port of 127.0.0.1. `hits` maps each path (with its
// query) to { count, statuses, body }: the requests that reached the server and what it sent.
export async function startCountingProxy(target) {
  const upstream = new URL(target);
  const hits = new Map();
  let inFlight = 0;
  let lastActivity = Date.now();
  const server = createServer((incoming, outgoing) => {
    inFlight += 1;
    lastActivity = Date.now();
    const done = () => {
      inFlight -= 1;
      lastActivity = Date.now();
    };
    const onward = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        outgoing.writeHead(response.statusCode, response.headers);
        const chunks = [];
        response.on('data', (chunk) => {
          chunks.push(chunk);
          outgoing.write(chunk);
        });
        response.on('end', () => {
          outgoing.end();
          const hit = hits.get(incoming.url) ?? { count: 0, statuses: [], body: null };
          hit.count += 1;
          hit.statuses.push(response.statusCode);
          hit.body = Buffer.concat(chunks);
          hit.encoded = response.headers['content-encoding'] === 'gzip';
          hits.set(incoming.url, hit);
          done();
        });
        response.on('error', done);
      },
    );
    onward.on('error', (error) => {
      outgoing.destroy(error);
      done();
    });
    incoming.pipe(onward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    hits,
    // Resolves once no request has been under way for `quietMs`.
    async idle(quietMs = 1000, timeoutMs = 60_000) {
      const start = Date.now();
      while (inFlight > 0 || Date.now() - lastActivity < quietMs) {
        if (Date.now() - start > timeoutMs) throw new Error(`the server was still busy after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

// What reached the server, as each distinct file and its gzipped size. A body the server gzipped
// itself counts as sent; any other is gzipped here, as a host would.
function tally(hits) {
  const files = [...hits].map(([path, { count, statuses, body, encoded }]) => ({
    path,
    count,
    statuses,
    gzip: encoded ? body.length : gzipSync(body).length,
  }));
  return {
    files,
    requests: files.reduce((sum, { count }) => sum + count, 0),
    gzip: files.reduce((sum, { gzip }) => sum + gzip, 0),
    repeated: files.filter(({ count }) => count > 1).map(({ path, count }) => `${path} ×${count}`),
  };
}

// Loads `pagePath` in a fresh context of `browser` (cold caches, as a first visit), through a
// counting proxy to `target`, and waits until it has finished loading: the load event, then a
// second without any request. That is the page on load. Then it reads down to the end, as a
// learner does: every interactive figure scrolled to (a demo loads only when the learner comes
// near it) and ready, lazy images loaded, then a second without any request. Returns, for the
// page on load, and as `read` for the page read to its end:
//   files: [{ path, count, statuses, gzip }] each distinct file that reached the server
//   requests: how many requests reached the server, repeats included
//   gzip: the sum of each distinct file's gzipped size (a repeat costs nothing more here;
//         `repeated` lists them)
//   repeated: the files fetched more than once, as "path ×count"
// and foreign: every request the page or its workers made to another origin, on load or after;
// demos: how many demos and matrices the page shows.
export async function measureLoad(browser, target, pagePath) {
  const proxy = await startCountingProxy(target);
  const context = await browser.newContext();
  const foreign = [];
  const watch = (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== proxy.origin) foreign.push(request.url());
  };
  context.on('request', watch); // the pages' requests and their service workers'
  let onLoad;
  let demos;
  try {
    const page = await context.newPage();
    page.on('request', watch);
    await page.goto(`${proxy.origin}${pagePath}`, { waitUntil: 'load' });
    await proxy.idle();
    demos = await page.locator('figure[data-lab], figure[data-matrix]').count();
    onLoad = new Map([...proxy.hits].map(([path, hit]) => [path, { ...hit, statuses: [...hit.statuses] }]));
    await page.evaluate(async (selector) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      for (const figure of document.querySelectorAll(selector)) {
        figure.scrollIntoView();
        await frame();
      }
      window.scrollTo(0, document.documentElement.scrollHeight);
      await frame();
    }, WIDGETS);
    await page.waitForFunction(
      ({ selector, settled }) =>
        [...document.querySelectorAll(selector)].every((figure) => {
          if (figure.dataset.state === 'error') throw new Error(`${figure.id || figure.className}: error`);
          return settled.includes(figure.dataset.state);
        }),
      { selector: WIDGETS, settled: SETTLED },
      { timeout: 60_000 },
    );
    await proxy.idle();
  } finally {
    await context.close();
    await proxy.close();
  }
  if (onLoad.size === 0) throw new Error(`${pagePath}: no request reached the server`);
  return { ...tally(onLoad), read: tally(proxy.hits), foreign, demos };
}
