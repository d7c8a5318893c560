// The site's service worker, published at its root (/sw.js, partials/course/service-worker.html)
// so that it answers for every page. It does two things, and must do both: a scope has only one
// service worker.
//
// 1. Isolation. On a host that sends no COOP/COEP headers (GitHub Pages, a plain file server),
//    it adds them, and CORP, to every response of the site, so that pages are cross-origin
//    isolated and the demos get their threads. js/site/isolation.js installs it for that on a
//    learner's first visit. A response that has the headers already (the host sent them) passes
//    as it came.
// 2. Offline. Once a page asked it to (js/site/offline.js keepOffline(), called after a
//    learner's first run of a program or a demo), it keeps what the learner needs to go on
//    without a network, in this origin's Cache Storage:
//      files  every address with a content hash in it (/js/…/name.<hash>.js, /css/…,
//             /wasm/<id>/<hash>/, a runtime's /<name>/<hash>/): such an address never
//             changes its content, so it is answered from the cache first, forever;
//      pages  the pages the learner opened, and the other files whose address stays the same
//             (the favicon, a lesson's figures): from the network first, so that a page is never
//             stale while online, and from the cache when the network fails.
//    A page that is not kept, asked for offline, gets a short page that says so and links the
//    pages that are.
//
// Versions. `version` (from the build: a hash of the site's assets and data) makes this script
// differ from one build to the next, so the browser installs the new worker when a learner's
// page loads after a deploy; it replaces the old one at once (skipWaiting, clients.claim). On
// activation it drops every cache of an older storage layout (LAYOUT below), then, in the
// background, fetches the kept pages again and keeps only the hashed files they still reference
// (named in an attribute, or a folder named in a page or in one of its scripts): an old runtime
// or demo build is removed; a new one is kept once the learner's browser fetches it. A hashed
// address is never answered with other content, so no deploy leaves an old runtime served.
import { version } from '@params';

// Bumped when this script changes how it stores: the caches of other layouts are dropped.
const LAYOUT = 'v1';
const CACHE_PREFIX = 'course-offline-';
const FILES = `${CACHE_PREFIX}${LAYOUT}-files`;
const PAGES = `${CACHE_PREFIX}${LAYOUT}-pages`;

// An address that changes with its content: a fingerprinted name (name.<hash>.js) or a
// versioned folder (/wasm/<id>/<hash>/), as the build publishes them (a hash of 12 hex digits or
// more; headers.spec.js holds every file under an immutable rule to it).
const HASHED = /[./][0-9a-f]{12,}[./]/;
// The folder of a versioned build: every file below it belongs to that build.
const HASHED_FOLDER = /^(.*\/[0-9a-f]{12,}\/)/;
// A versioned folder named in a script or a page's attribute (a demo's build, the runtime).
const FOLDER_IN_TEXT = /["'=(\s](\/[\w./-]*?\/[0-9a-f]{12,}\/)/g;
// Files a learner saves rather than reads (the sample code, the slides PDF): never kept. Only
// among addresses without a hash: a hashed zip is part of a build (the runtime's standard library).
const DOWNLOAD_TYPES = /^application\/(zip|pdf)\b/;

const sameSite = (url) => url.origin === self.location.origin;
const isHashed = (url) => HASHED.test(url.pathname);

// The response with the isolation headers, unless the host sent them already. CORP is
// same-origin, as the site's own [server.headers] declare it: the site embeds nothing from
// elsewhere.
function isolated(response) {
  if (
    response.type === 'opaqueredirect' ||
    response.status === 0 ||
    response.headers.has('Cross-Origin-Embedder-Policy')
  ) {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Whether the learner asked for offline use (a page called keepOffline()), in this browser.
const kept = () => caches.has(PAGES).catch(() => false);

const worthKeeping = (response, hashed) =>
  response.ok &&
  response.type === 'basic' &&
  (hashed || !DOWNLOAD_TYPES.test(response.headers.get('Content-Type') ?? ''));

// Puts a copy in `cacheName`, after the response has been handed on; storage that is full or
// blocked only means the file is not kept.
function keepCopy(cacheName, request, response) {
  if (!worthKeeping(response, cacheName === FILES)) return Promise.resolve();
  const copy = response.clone();
  return caches
    .open(cacheName)
    .then((cache) => cache.put(request, copy))
    .catch(() => {});
}

async function cacheFirst(event) {
  const { request } = event;
  const cached = await caches.match(request, { cacheName: FILES, ignoreVary: true }).catch(() => null);
  if (cached) return isolated(cached);
  const response = await fetch(request);
  if (await kept()) event.waitUntil(keepCopy(FILES, request, response));
  return isolated(response);
}

async function networkFirst(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (response.ok && (await kept())) {
      event.waitUntil(keepCopy(PAGES, request, response));
      // A page opened once the learner asked: also what it loads later or only when seen (a
      // demo's build, a figure further down), as for the pages kept when they asked.
      if (request.mode === 'navigate' && (response.headers.get('Content-Type') ?? '').startsWith('text/html')) {
        const copy = response.clone();
        event.waitUntil(copy.text().then((html) => settle([...referencesOf(html, request.url).files].map(store))));
      }
    }
    return isolated(response);
  } catch (failure) {
    const cached = await caches
      .match(request, { cacheName: PAGES, ignoreVary: true, ignoreSearch: request.mode === 'navigate' })
      .catch(() => null);
    if (cached) return isolated(cached);
    if (request.mode === 'navigate') return isolated(await offlinePage());
    throw failure;
  }
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const titleOf = (html) => /<title>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();

// What a page that was not kept shows offline: what happened, and the pages that were kept.
async function offlinePage() {
  const links = [];
  let head = '';
  try {
    const pages = await caches.open(PAGES);
    for (const request of await pages.keys()) {
      const response = await pages.match(request);
      if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html')) continue;
      const html = await response.text();
      // The site's stylesheet and icon, as the kept pages link them (kept with them).
      head ||= [/<link[^>]+rel=["']?stylesheet["']?[^>]*>/i, /<link[^>]+rel=["']?icon["']?[^>]*>/i]
        .map((tag) => tag.exec(html)?.[0] ?? '')
        .join('');
      links.push(
        `<li><a href="${escapeHtml(new URL(request.url).pathname)}">${titleOf(html) ?? escapeHtml(request.url)}</a></li>`,
      );
    }
  } catch {
    // Storage went away: the page still says what happened.
  }
  const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title>${head}</head>
<body><main id="main" class="offline-page"><h1>You are offline</h1>
<p>This page was not opened while you were online, so this browser has not kept it. It will load once you are back online.</p>
${links.length ? `<p>These pages are kept and work offline:</p><ul>${links.join('')}</ul>` : ''}
</main></body></html>`;
  // 200, as an offline fallback page usually is: a 503 would be logged as a failed load, an error
  // in the console of a page that works as meant. It is never stored (no-store), so it cannot
  // stand in for the lesson once the network is back.
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'self'; script-src 'none'; style-src 'self'",
      'Cache-Control': 'no-store',
    },
  });
}

// ---- What a page references: its files, and the versioned folders it or its scripts name.

// Attribute values of a page's tags that name a file it loads: src, the href of a stylesheet or
// an icon, and data-* values that are addresses (a demo's builds, the runtime's folder).
const TAG = /<([a-z][\w-]*)\b([^>]*)>/gi;
const ATTRIBUTE = /([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/g;
const LOADED_LINK = /\b(stylesheet|icon|preload|modulepreload)\b/i;

function referencesOf(html, pageUrl) {
  const files = new Set();
  const folders = new Set();
  const add = (value) => {
    let url;
    try {
      url = new URL(value.replace(/&amp;/g, '&'), pageUrl);
    } catch {
      return;
    }
    if (!sameSite(url) || url.pathname === self.location.pathname) return;
    url.hash = '';
    const folder = HASHED_FOLDER.exec(url.pathname)?.[1];
    // A folder (the runtime's) is kept as the files below it that a page passes or fetches.
    if (!url.pathname.endsWith('/')) files.add(url.href);
    if (folder) {
      folders.add(new URL(folder, url).href);
      // A demo's build loads its .wasm, and its threads' worker script, from beside itself,
      // by its own name (Emscripten's output): keep them with it (a file the build lacks is
      // simply not found).
      if (url.pathname.endsWith('.js') && url.pathname.includes('/wasm/')) {
        files.add(url.href.replace(/\.js$/, '.wasm'));
        if (!url.pathname.endsWith('-single.js')) files.add(url.href.replace(/\.js$/, '.worker.js'));
      }
    }
  };
  for (const [, tag, attributes] of html.matchAll(TAG)) {
    const values = {};
    for (const [, name, raw] of attributes.matchAll(ATTRIBUTE))
      values[name.toLowerCase()] = raw.replace(/^["']|["']$/g, '');
    const name = tag.toLowerCase();
    if (name === 'a') continue; // a link to another page is not something this page loads
    if (values.src) add(values.src);
    if (name === 'link' && values.href && LOADED_LINK.test(values.rel ?? '')) add(values.href);
    for (const [attribute, value] of Object.entries(values)) {
      if (attribute.startsWith('data-') && /^\/[^\s{}<>]*$/.test(value) && /\.\w+$|\/$/.test(value)) add(value);
    }
  }
  return { files, folders };
}

// The versioned folders a script names (the runtime's, a build's), as absolute addresses.
function foldersInScript(text) {
  return [...text.matchAll(FOLDER_IN_TEXT)].map(([, folder]) => new URL(folder, self.location.origin).href);
}

// Keeps `url` in its cache unless it is there already (a hashed file never changes); from the
// browser's HTTP cache where it has it.
async function store(url) {
  const hashed = isHashed(new URL(url));
  const cache = await caches.open(hashed ? FILES : PAGES);
  if (hashed && (await cache.match(url, { ignoreVary: true }))) return;
  const response = await fetch(url, { cache: hashed ? 'default' : 'no-cache' }).catch(() => null);
  if (response && worthKeeping(response, hashed)) await cache.put(url, response);
}

// A page again from the network, kept; its HTML (the kept copy's when the network fails), or
// null when the site has no such page any more.
async function refreshPage(url) {
  const pages = await caches.open(PAGES);
  const response = await fetch(url, { cache: 'no-cache' }).catch(() => null);
  if (
    response &&
    worthKeeping(response, false) &&
    (response.headers.get('Content-Type') ?? '').startsWith('text/html')
  ) {
    await pages.put(url, response.clone());
    return response.text();
  }
  if (response && (response.status === 404 || response.status === 410)) {
    await pages.delete(url);
    return null;
  }
  const cached = await pages.match(url, { ignoreVary: true });
  return cached ? cached.text() : null;
}

const settle = (promises) => Promise.all(promises.map((promise) => promise.catch(() => {})));

// A page asked to keep `pages` (the current one and the lessons opened before) and `files` (what
// it and its workers fetched): each page from the network, with the files it references.
async function keep({ pages, files }) {
  await caches.open(PAGES); // from now on, what the learner opens is kept
  const wanted = new Set(files);
  await settle(
    pages.map(async (url) => {
      const html = await refreshPage(url);
      if (html) for (const file of referencesOf(html, url).files) wanted.add(file);
    }),
  );
  await settle([...wanted].map(store));
}

// After a deploy: the kept pages again, and the hashed files that they and their scripts still
// reference; every other hashed file goes (an old runtime, an old demo build, an old script).
async function prune() {
  if (!(await kept())) return;
  const pages = await caches.open(PAGES);
  const files = await caches.open(FILES);
  const referenced = new Set();
  const folders = new Set();
  const htmlPages = [];
  for (const request of await pages.keys()) {
    const response = await pages.match(request);
    if ((response?.headers.get('Content-Type') ?? '').startsWith('text/html')) htmlPages.push(request.url);
  }
  await settle(
    htmlPages.map(async (url) => {
      const html = await refreshPage(url);
      if (!html) return;
      const found = referencesOf(html, url);
      for (const file of found.files) referenced.add(file);
      for (const folder of found.folders) folders.add(folder);
      for (const folder of foldersInScript(html)) folders.add(folder);
    }),
  );
  // The scripts the pages load may name folders too (a worker's runtime).
  await settle(
    [...referenced]
      .filter((url) => /\.m?js$/.test(new URL(url).pathname))
      .map(async (url) => {
        await store(url);
        const script = (await files.match(url, { ignoreVary: true })) ?? (await pages.match(url, { ignoreVary: true }));
        if (script) for (const folder of foldersInScript(await script.text())) folders.add(folder);
      }),
  );
  await settle([...referenced].map(store));
  const stillReferenced = (url) => referenced.has(url) || [...folders].some((folder) => url.startsWith(folder));
  await settle(
    (await files.keys()).filter((request) => !stillReferenced(request.url)).map((request) => files.delete(request)),
  );
}

self.addEventListener('install', () => self.skipWaiting());

let pruning = null;
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys().catch(() => []);
      await settle(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== FILES && name !== PAGES)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
  // Not awaited here: fetches wait until activation ends, and this goes to the network. The
  // fetches and messages that follow keep the worker alive until it is done.
  pruning = prune().catch(() => {});
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Nothing of the site's own leaves the origin: whatever else there is, the browser handles.
  if (!sameSite(url)) return;
  // A DevTools quirk that coi-serviceworker also steps around: such a request cannot be answered.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  // Asked not to be stored, for a fresh answer each time (the latency probes time a round trip):
  // straight to the network, as if there were no worker. A fetch from a page needs no isolation
  // headers of its own.
  if (request.cache === 'no-store' && request.destination === '') return;
  if (pruning) event.waitUntil(pruning);
  if (request.method !== 'GET') {
    event.respondWith(fetch(request).then(isolated));
    return;
  }
  event.respondWith(isHashed(url) ? cacheFirst(event) : networkFirst(event));
});

// { type: 'keep', pages: [address…], files: [address…] } from js/site/offline.js; answers on the
// message's port once done ({ kept: true }), or { kept: false } when storage failed.
// { type: 'version' } answers with this worker's version.
self.addEventListener('message', (event) => {
  const { data } = event;
  const [port] = event.ports;
  if (data?.type === 'version') {
    port?.postMessage({ version });
    return;
  }
  // From a page that finds this worker waiting (js/site/isolation.js): Chrome at times leaves a
  // new worker waiting although its install called skipWaiting(); asked again, it activates.
  if (data?.type === 'skip-waiting') {
    self.skipWaiting();
    return;
  }
  if (data?.type !== 'keep') return;
  const onlySite = (list) =>
    (Array.isArray(list) ? list : []).filter((value) => {
      try {
        return sameSite(new URL(value));
      } catch {
        return false;
      }
    });
  event.waitUntil(
    keep({ pages: onlySite(data.pages), files: onlySite(data.files) }).then(
      () => port?.postMessage({ kept: true, version }),
      () => port?.postMessage({ kept: false, version }),
    ),
  );
});
