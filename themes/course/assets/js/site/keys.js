// The site's keyboard shortcuts, one registry for every script: a key does nothing while the
// learner types in a field or a modal dialog is open, nor with Ctrl, Alt or Meta held (those are
// the browser's). The keys are listed for people in layouts/partials/course/help.html.
// Each page script is its own bundle (the site's, the player's…), each with a copy of this
// module: they share one map on the window, and only the first copy listens.
const SHARED = Symbol.for('course.shortcuts');
const first = !window[SHARED];
const handlers = (window[SHARED] ??= new Map());

export const isTyping = (target) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));

// Calls handler(event) when `key` (KeyboardEvent.key: "/", "n", "?", " ") is pressed on the page.
// A key belongs to one script: a second claim is a mistake, found at once.
export function shortcut(key, handler) {
  if (handlers.has(key)) throw new Error(`the key ${key} already has a shortcut`);
  handlers.set(key, handler);
}

if (first)
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    // The element typed in, even inside a shadow root (the program editor's), where event.target
    // is only the root's host.
    if (isTyping(event.composedPath()[0] ?? event.target) || document.querySelector('dialog[open]')) return;
    const handler = handlers.get(event.key);
    if (!handler) return;
    if (handler(event) !== false) event.preventDefault();
  });
