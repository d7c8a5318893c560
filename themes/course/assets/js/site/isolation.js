// Threads need a cross-origin isolated page. On a host that does not send the two headers that
// make one (GitHub Pages, a plain file server), this installs the site's service worker, which
// adds them to every response (js/site/service-worker.js, published at the site's root as /sw.js;
// the same worker keeps the lessons for offline use once asked, js/site/offline.js), and reloads
// the page once, which then comes through it. Loaded only where the site turns it on ([params]
// isolationServiceWorker; partials/course/isolation.html). A page with nothing that runs on
// threads installs the helper without reloading: the pages after it come through it from their
// first load.
//
// (The site used coi-serviceworker from npm for this before; its page script logged to the
// console, could reload before its worker was active, and kept to itself why it failed.) This
// script says what happened on <html data-isolation>, and fires
// "isolationchange" on the document when that changes, for the demos to tell the learner
// (js/lab/no-threads.js):
//   installing   the helper is being installed; the page reloads once it is active, if it
//                has something that runs on threads
//   installed    the helper is active; this page, with nothing that runs on threads, stays as it is
//   unavailable  the browser offers no service worker here or refused this one (a private
//                window, the site's data blocked, an address that is not https)
//   bypassed     the helper is installed but this page did not come through it (a reload that
//                bypasses service workers); another reload would, so none is made here
// Nothing is set on a page that is isolated already: by the host's headers or by the helper.

// Set just before the reload, cleared on an isolated page: a page that finds it set was reloaded
// for the helper and still did not come through it, and must not reload again (no loop).
const RELOADED = 'course-isolation-reloaded';

const announce = (state) => {
  document.documentElement.dataset.isolation = state;
  document.dispatchEvent(new Event('isolationchange'));
};

const workerUrl = document.currentScript.dataset.serviceWorker;
// What runs on threads: a demo's threaded build (partials/lab/demo.html, matrix.html), a part that
// needs threads (race.html, the thread probes' rows of probes.html). Deferred, this script runs
// once the page is parsed: they are all there.
const wantsThreads = () => document.querySelector('[data-threads], [data-needs="threads"]') !== null;
let session = null;
try {
  session = window.sessionStorage;
} catch {
  // Storage blocked: so are service workers, in the browsers that block one.
}

// A browser that installed the helper of an earlier build (coi-serviceworker, whose
// /coi-serviceworker.js the site still serves) gets this one in its place: registering another
// script for the same scope replaces the old worker, and the new one takes over at once
// (skipWaiting, clients.claim); it isolates as the old one did, so nothing reloads.
let controller = null;
try {
  controller = window.isSecureContext && session ? navigator.serviceWorker?.controller : null;
} catch {
  // Service workers refused outright: nothing to replace.
}
if (controller && controller.scriptURL !== new URL(workerUrl, window.location.href).href) {
  navigator.serviceWorker.register(workerUrl).catch(() => {});
}

// A new worker (this one replacing the old helper, or a new build's) calls skipWaiting() as it
// installs, yet Chrome at times leaves it waiting until every tab closes (seen here once in four
// replacements of the old helper): asked again once the old worker is idle, it activates. While a
// new worker installs or waits, the page asks each second until it controls the page, for half a
// minute at most; with none, nothing runs. One timer at a time: a second call (a worker found
// installing, then its own `updatefound`) only renews the half minute.
let asksLeft = 0;
function askToActivate(registration) {
  const asking = asksLeft > 0;
  asksLeft = 30;
  if (asking) return;
  const stop = () => {
    asksLeft = 0;
    clearInterval(timer);
    navigator.serviceWorker.removeEventListener('controllerchange', stop);
  };
  const timer = setInterval(() => {
    registration.waiting?.postMessage({ type: 'skip-waiting' });
    asksLeft -= 1;
    if (asksLeft <= 0 || (!registration.waiting && !registration.installing)) stop();
  }, 1000);
  navigator.serviceWorker.addEventListener('controllerchange', stop);
}
if (controller) {
  navigator.serviceWorker
    .getRegistration()
    .then((registration) => {
      if (!registration) return;
      if (registration.waiting || registration.installing) askToActivate(registration);
      registration.addEventListener('updatefound', () => askToActivate(registration));
    })
    .catch(() => {});
}

if (window.crossOriginIsolated) {
  session?.removeItem(RELOADED);
} else if (!window.isSecureContext || !navigator.serviceWorker || !session) {
  announce('unavailable');
} else if (navigator.serviceWorker.controller || session.getItem(RELOADED)) {
  announce('bypassed');
} else {
  announce('installing');
  navigator.serviceWorker
    .register(workerUrl)
    .then((registration) => {
      // A browser may refuse without an error and give nothing back (Playwright's
      // serviceWorkers: 'block' does).
      if (!registration) throw new Error('The service worker was not registered.');
      // Resolves once the worker is active: the reload then comes through it.
      return navigator.serviceWorker.ready;
    })
    .then(() => {
      if (!wantsThreads()) {
        announce('installed');
        return;
      }
      session.setItem(RELOADED, 'yes');
      window.location.reload();
    })
    .catch(() => announce('unavailable'));
}
