// Every link of the built site leads somewhere: each href, src and absolute <meta> address of
// every HTML page in public/ (the lessons, their print views, the course page, the list of
// lessons, the 404 page) answers 2xx from tests/support/serve.mjs, and each #anchor names an
// element of its page. Runs after `make build`:  node tests/link-check.mjs
//
// - The addresses that must be absolute (canonical, Open Graph, the sitemap's) start with the
//   site's baseURL, which `make site URL=…` may have set to the production host: they are checked
//   against the local server in its place, so the check never leaves the machine.
// - A link to another host is not followed (nothing may be fetched from one): they are listed
//   apart, and do not fail the check.
// - #t=mm:ss (a transcript moment) names no element: the player reads it (assets/js/player/
//   player.js) and seeks to that time. Such a link is good when its page has a transcript
//   paragraph at exactly that time (its data-t, in seconds), as every stamp the build writes must.
// - linkinator checks each page on its own (one check per page, not one crawl from the home
//   page): in a crawl it validates an anchor only if the page linking to it is read before the
//   page it points to, and a page that nothing links to (the 404 page, the print views of the
//   course) would never be read.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { LinkChecker, LinkState } from 'linkinator';
import { sitePages } from './support/course.js';
import { startServer } from './support/start-server.js';

const PUBLIC = 'public';

function fail(message) {
  console.error(`link-check: ${message}`);
  process.exitCode = 1;
}

// Every HTML page of the build, as the address that serves it. A fragment that a page fetches
// into itself (a demo's highlighted C++, partials/lab/demo.html: *.fragment.<hash>.html) is not a
// page: the link to it is checked on the page that has it.
function builtPages(dir = PUBLIC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return builtPages(file);
    if (!entry.name.endsWith('.html') || /\.fragment\.[0-9a-f]+\.html$/.test(entry.name)) return [];
    return [
      '/' +
        path
          .relative(PUBLIC, file)
          .split(path.sep)
          .join('/')
          .replace(/(^|\/)index\.html$/, '$1'),
    ];
  });
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A port nobody uses now, so that two checkouts can check at once.
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => resolve(port));
      })
      .on('error', reject);
  });

// The player's own reading of a time link (timeFromHash in player.js), in seconds, or null.
function transcriptTime(fragment) {
  const match = /^t=(\d{1,4}):([0-5]\d)$/.exec(fragment);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

const pages = builtPages();
const declared = sitePages();
if (declared.length === 0) fail('public/sitemap.xml lists no page');
for (const page of declared)
  if (!pages.includes(page)) fail(`the sitemap lists ${page}, which the build has no page for`);
const base = readFileSync(path.join(PUBLIC, 'sitemap.xml'), 'utf8').match(/<loc>([^<]+)<\/loc>/)?.[1];
const baseURL = base && new URL('/', base).href;

const port = await freePort();
const local = `http://127.0.0.1:${port}/`;
const server = await startServer(port);

const broken = [];
const otherHosts = new Map(); // address -> the pages linking to it
const checked = new Set(); // "address <- page" of every link that answered
const pageTexts = new Map();
const pageText = async (url) => {
  if (!pageTexts.has(url))
    pageTexts.set(
      url,
      fetch(url).then((response) => response.text()),
    );
  return pageTexts.get(url);
};
let timeLinks = 0;

try {
  for (const page of pages) {
    const checker = new LinkChecker();
    const { links } = await checker.check({
      path: new URL(page, local).href,
      recurse: false,
      checkFragments: true,
      concurrency: 8,
      timeout: 20_000,
      urlRewriteExpressions: baseURL ? [{ pattern: new RegExp(`^${escapeRegExp(baseURL)}`), replacement: local }] : [],
      linksToSkip: async (url) => {
        if (url.startsWith(local)) return false;
        if (!otherHosts.has(url)) otherHosts.set(url, new Set());
        otherHosts.get(url).add(page);
        return true;
      },
    });
    let fromThisPage = 0;
    for (const link of links) {
      const url = new URL(link.url);
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (link.state === LinkState.BROKEN && fragment && link.status >= 200 && link.status < 300) {
        // An anchor linkinator found no element for: a transcript moment is the player's.
        const seconds = transcriptTime(fragment);
        url.hash = '';
        if (seconds !== null) {
          const times = [...(await pageText(url.href)).matchAll(/\sdata-t=["']?(\d+)/g)].map(([, t]) => Number(t));
          if (times.includes(seconds)) {
            timeLinks += 1;
            checked.add(`${link.url} <- ${page}`);
            fromThisPage += 1;
            continue;
          }
          broken.push(`${page}: ${link.url} (its page has no transcript paragraph at ${fragment.slice(2)})`);
          continue;
        }
      }
      if (link.state === LinkState.BROKEN) {
        const why = link.failureDetails?.find((detail) => detail instanceof Error)?.message ?? `status ${link.status}`;
        broken.push(`${page}: ${link.url} (${why})`);
      } else if (link.state === LinkState.OK) {
        checked.add(`${link.url} <- ${page}`);
        if (link.url !== new URL(page, local).href) fromThisPage += 1;
      }
    }
    // Every page has the site's header and its stylesheet: a page with no link was not read.
    if (fromThisPage === 0) fail(`${page}: no link was found on it`);
  }
} finally {
  server.kill();
}

// The downloads each page offers (public/downloads/), each reached by a link that answered.
const downloadsDir = path.join(PUBLIC, 'downloads');
const downloads = (existsSync(downloadsDir) ? readdirSync(downloadsDir) : []).map(
  (file) => new URL(`downloads/${file}`, local).href,
);
if (downloads.length === 0) fail('public/downloads/ holds no download');
for (const file of downloads) {
  if (![...checked].some((entry) => entry.startsWith(`${file} <- `)))
    fail(`no page links ${file.slice(local.length - 1)}`);
}

for (const entry of broken) fail(`broken: ${entry}`);
if (checked.size < declared.length)
  fail(`only ${checked.size} links were checked, fewer than the sitemap's ${declared.length} pages`);
if (timeLinks === 0) fail('no transcript time link (#t=mm:ss) was checked');
for (const [url, from] of otherHosts) {
  console.log(`not checked, another host: ${url} (on ${[...from].join(', ')})`);
}
console.log(
  `link-check: ${pages.length} pages, ${checked.size} links (${timeLinks} transcript time links) checked, ` +
    `${broken.length} broken, ${otherHosts.size} to other hosts not checked`,
);
