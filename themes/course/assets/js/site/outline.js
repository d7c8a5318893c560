// The header's Lessons button shows or hides the outline (data-outline on <html>, read by
// course.css). A narrow screen starts with it closed, since it would fill the first screen of
// every lesson; a wide one starts with it open, unless the learner closed it there before
// (remembered, and applied before the first paint by first-paint.js).
import { getSetting, setSetting } from './storage.js';

const CLOSED_KEY = 'course-outline-closed';
const narrow = window.matchMedia('(max-width: 52rem)');
const toggle = document.querySelector('.outline-toggle');
const outline = document.getElementById('outline');
const root = document.documentElement;

function show(open) {
  root.dataset.outline = open ? 'open' : 'closed';
  toggle.setAttribute('aria-expanded', String(open));
}

if (toggle && outline) {
  const startOpen = () => !narrow.matches && getSetting(CLOSED_KEY) !== 'yes';
  show(startOpen());
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    show(open);
    if (!narrow.matches) setSetting(CLOSED_KEY, open ? 'no' : 'yes');
    if (open && narrow.matches) outline.querySelector('[aria-current="page"], a')?.focus();
  });
  // Turning a phone or resizing a window across the line starts over from that width's default.
  narrow.addEventListener('change', () => show(startOpen()));
  // On a narrow screen the open outline stands between the learner and the page: Escape closes it.
  outline.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && narrow.matches) {
      show(false);
      toggle.focus();
    }
  });
}
