// Search (Pagefind): the header's button or / opens the dialog of layouts/partials/course/search.html,
// which searches as the learner types. Pagefind's own script and index load at the first opening,
// not with every page. A hit in a transcript carries its time (#t=mm:ss), where the lesson's
// player starts; the index is built by themes/course/tools/search-index.mjs.
import { shortcut } from './keys.js';

const dialog = document.querySelector('dialog[data-search]');
const opener = document.querySelector('[data-search-open]');
// Results are shown ten at a time: each one shown costs a request for its excerpt.
const PAGE_SIZE = 10;
// Pagefind waits this long after a keystroke before searching, so typing a word is one search.
const TYPING_PAUSE_MS = 120;
const EXCERPT_WORDS = 24;

if (dialog && opener) mountSearch(dialog, opener);

function mountSearch(dialog, opener) {
  const field = dialog.querySelector('#search-field');
  const status = dialog.querySelector('[data-search-status]');
  const list = dialog.querySelector('[data-search-results]');
  const more = dialog.querySelector('[data-search-more]');

  let pagefind = null; // Pagefind's module, a promise: asked for at the first opening
  let latest = 0; // the number of the newest search; an older one that finishes late is dropped
  let searching = Promise.resolve();
  let remaining = []; // results found but not shown yet
  let returnFocus = null;

  function say(text) {
    status.textContent = text;
  }

  function open() {
    returnFocus =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body
        ? document.activeElement
        : opener;
    dialog.showModal();
    field.focus();
    field.select();
    if (pagefind) return;
    pagefind = import(dialog.dataset.pagefind).then(async (module) => {
      await module.options({ excerptLength: EXCERPT_WORDS });
      module.init();
      return module;
    });
    // The browser keeps a module that failed to load as failed: only a reload tries again.
    pagefind.catch(unavailable);
  }

  function unavailable() {
    list.replaceChildren();
    more.hidden = true;
    say('Search is not available: its index did not load. Reloading the page may help.');
  }

  async function search(query, number) {
    if (!query.trim()) {
      list.replaceChildren();
      more.hidden = true;
      say('');
      return;
    }
    let found;
    try {
      const module = await pagefind;
      if (number !== latest) return;
      found = await module.debouncedSearch(query, {}, TYPING_PAUSE_MS);
    } catch {
      if (number === latest) unavailable();
      return;
    }
    if (found === null || number !== latest) return; // a newer search took its place
    list.replaceChildren();
    remaining = found.results;
    const count = found.results.length;
    if (count === 0) say(`No results for “${query.trim()}”.`);
    await showMore(number);
    if (number !== latest) return;
    if (count > 0) say(count === 1 ? '1 result' : `${count} results`);
  }

  // Shows the next page of results; returns the first link it added.
  async function showMore(number = latest) {
    const page = remaining.slice(0, PAGE_SIZE);
    remaining = remaining.slice(PAGE_SIZE);
    const data = await Promise.all(page.map((result) => result.data()));
    if (number !== latest) return null;
    const items = data.map(resultItem);
    list.append(...items);
    more.hidden = remaining.length === 0;
    return items[0]?.querySelector('a') ?? null;
  }

  field.addEventListener('input', () => {
    latest += 1;
    searching = search(field.value, latest);
  });

  more.addEventListener('click', async () => {
    const first = await showMore();
    (first ?? field).focus();
  });

  // ↓ and ↑ walk from the field through the results (and "More results"); Enter in the field opens
  // the first result, once the search for what was typed has finished.
  dialog.addEventListener('keydown', (event) => {
    const stops = [field, ...list.querySelectorAll('a'), ...(more.hidden ? [] : [more])];
    const at = stops.indexOf(document.activeElement);
    let next = null;
    if (event.key === 'ArrowDown' && at >= 0) next = stops[Math.min(at + 1, stops.length - 1)];
    else if (event.key === 'ArrowUp' && at > 0) next = stops[at - 1];
    else if (event.key === 'Enter' && event.target === field) {
      event.preventDefault();
      searching.then(() => list.querySelector('a')?.click());
      return;
    } else return;
    event.preventDefault();
    next.focus();
  });

  // Following a result closes the dialog, so a hit on this very page (another moment of its
  // transcript) leaves the page usable.
  list.addEventListener('click', (event) => {
    if (event.target.closest('a')) dialog.close();
  });

  dialog.querySelector('[data-search-close]').addEventListener('click', () => dialog.close());
  // A click on the backdrop closes it too. The backdrop's clicks go to the dialog itself, as do
  // those on its own bare background: only one outside its box is the backdrop's.
  dialog.addEventListener('click', (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) dialog.close();
  });
  dialog.addEventListener('close', () => {
    if (returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  });

  opener.addEventListener('click', open);
  shortcut('/', open);
}

// One result: the lesson's title, for a transcript hit its time, and the excerpt with the words
// found marked. Pagefind's excerpt is HTML with <mark>s: only its text and marks are kept.
// The time is part of the link's name, so that hits in one transcript differ when read aloud.
function resultItem({ url, meta, excerpt }) {
  const item = element('li', 'search-result');
  const link = element('a');
  link.href = url;
  link.append(element('span', 'search-result-title', meta.title || url));
  if (meta.time) link.append(' ', element('span', 'search-result-time', `Transcript, ${meta.time}`));
  item.append(link);
  const text = element('p', 'search-result-excerpt');
  const parsed = new DOMParser().parseFromString(excerpt, 'text/html').body;
  for (const node of parsed.childNodes) {
    text.append(node.nodeName === 'MARK' ? element('mark', '', node.textContent) : node.textContent);
  }
  item.append(text);
  return item;
}

function element(name, className, text) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}
