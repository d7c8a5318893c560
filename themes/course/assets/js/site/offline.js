// Offline use, asked for once the learner has run something: keepOffline() installs the site's
// service worker where it is not yet (js/site/service-worker.js, /sw.js, the same one that
// isolates the page on hosts without the headers) and asks it to keep this page, every lesson
// the learner opened before (js/site/progress.js notes each), the course page, and every file
// of the site's that this page fetched. From then on the worker also keeps each page the learner
// opens, with its files. Where the site turned the helper off ([params] isolationServiceWorker:
// no script[data-service-worker] on the page), where the browser offers no service worker or
// refuses it, or where storage is blocked, it does nothing and says nothing: the site works
// online as before.
//
// Callers: the runner of a lesson's programs, on its runtime's first successful load, passing
// the addresses its worker fetched (the page cannot see a worker's requests); the lab, after a
// demo's run.
// Each bundle that imports this has its own copy (js.Build has no code splitting), so what it
// remembers is per bundle; asking twice costs the worker a cheap check of what it has.
//
// <html data-offline> says how it went, for the tests and any page that wants to tell:
//   keeping  the worker is fetching what it keeps
//   kept     done: the pages and files above are in this browser's cache
//   unavailable  no service worker here (switched off, refused, storage blocked)
import { loadProgress } from './saved-progress.js';

let asked = null;
// What this page passed and the worker has not been asked to keep yet, and what it has.
let extraFiles = new Set();
const passed = new Set();

const announce = (state) => {
  document.documentElement.dataset.offline = state;
};

const withoutHash = (href) => href.split('#')[0];

// The lessons the learner opened, as the outline on this page links them.
function openedLessons() {
  const urls = [];
  for (const slug of Object.keys(loadProgress().lessons)) {
    const link = document.querySelector(`li[data-lesson="${CSS.escape(slug)}"] a[href]`);
    if (link) urls.push(withoutHash(link.href));
  }
  return urls;
}

// Every same-origin file this page fetched (its scripts, styles, a demo's build), as the browser
// timed them; a worker's own requests are not among them (hence keepOffline's argument).
function fetchedFiles() {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.startsWith(`${location.origin}/`));
}

// Resolves with true once the service worker keeps what this page needs, false where it cannot
// (never rejects). `files`: addresses, absolute or relative to the page, that the page's workers
// fetched and that a run needs again (the runtime's files).
export function keepOffline(files = []) {
  for (const file of files) {
    try {
      const url = new URL(file, location.href).href;
      if (!passed.has(url)) extraFiles.add(url);
      passed.add(url);
    } catch {
      // A malformed address is not kept; the rest is.
    }
  }
  // Asked once per page, and again only for files it has not passed yet.
  if (asked && !extraFiles.size) return asked;
  asked = (asked ?? Promise.resolve()).then(() => ask()).catch(() => false);
  return asked;
}

async function ask() {
  const script = document.querySelector('script[data-service-worker]');
  if (!script || !window.isSecureContext || !('serviceWorker' in navigator)) {
    announce('unavailable');
    return false;
  }
  let registration;
  try {
    // Resolves with the registration there is when this worker is installed already.
    registration = await navigator.serviceWorker.register(script.dataset.serviceWorker);
  } catch {
    registration = null; // refused: storage blocked, a private window
  }
  // A browser may refuse without an error and give nothing back (Playwright's serviceWorkers:
  // 'block' does).
  if (!registration) {
    announce('unavailable');
    return false;
  }
  announce('keeping');
  const { active } = await navigator.serviceWorker.ready;
  const pages = new Set([withoutHash(location.href), registration.scope, ...openedLessons()]);
  const message = { type: 'keep', pages: [...pages], files: [...new Set([...fetchedFiles(), ...extraFiles])] };
  extraFiles = new Set();
  const { kept } = await new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => resolve(data);
    active.postMessage(message, [channel.port2]);
  });
  announce(kept ? 'kept' : 'unavailable');
  return kept;
}
