// Why a page has no threads, in words for a learner. Threads that share memory need a
// cross-origin isolated page: the host sends two headers, or the site's helper (a service worker,
// js/site/isolation.js) adds them; <html data-isolation> says how the helper fared, if the site
// has one.

const HEADERS =
  'the two headers (Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy) ' +
  'that browsers require before they let a page run threads that share memory';

function reason() {
  const helper = document.documentElement.dataset.isolation;
  if (self.crossOriginIsolated) {
    return 'This browser does not let pages run threads that share memory.';
  }
  if (helper === 'installing') {
    return (
      `This site's host does not send ${HEADERS}, so the site is installing a helper (a ` +
      'service worker) that adds them: the page reloads once, in a moment, with threads.'
    );
  }
  if (helper === 'unavailable' && !self.isSecureContext) {
    return (
      `This site's host does not send ${HEADERS}, and the helper that adds them (a service ` +
      'worker) needs a secure address (https://), which this page does not have.'
    );
  }
  if (helper === 'unavailable') {
    return (
      `This site's host does not send ${HEADERS}, and this browser did not let the site ` +
      'install the helper that adds them (a service worker), as happens in a private window or ' +
      "where the site's data is blocked."
    );
  }
  if (helper === 'bypassed') {
    return (
      `This site's host does not send ${HEADERS}. The helper that adds them (a service ` +
      "worker) is installed, but this page did not come through it, as happens when the browser's " +
      'developer tools bypass service workers.'
    );
  }
  return `This site's host does not send ${HEADERS}.`;
}

// Calls show(sentence) with why this page has no threads, now and whenever that changes, with
// `then` (what this means for the demo) after it.
export function explainNoThreads(then, show) {
  const update = () => show(`${reason()} ${then}`);
  update();
  document.addEventListener('isolationchange', update);
}
