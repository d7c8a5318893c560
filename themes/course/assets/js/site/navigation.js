// The site's keys that every page has: the next and previous lesson, and the list of keys.
import { shortcut } from './keys.js';

const help = document.querySelector('.help-dialog');
const openHelp = () => help?.showModal();

const follow = (rel) => () => {
  const link = document.querySelector(`.prev-next a[rel="${rel}"]`);
  if (!link) return false; // the first or last lesson, or the course page: nothing to do
  link.click();
  return true;
};

shortcut('n', follow('next'));
shortcut('p', follow('prev'));
shortcut('?', openHelp);
for (const button of document.querySelectorAll('[data-action="help"]')) button.addEventListener('click', openHelp);
