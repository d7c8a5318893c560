// A lesson's exercises (partials/exercises/exercises.html): their hints one at a time. The page
// lists them all, for readers without scripts and for paper; here each list starts hidden behind
// a button that shows the next hint, saying how many are left.
for (const hints of document.querySelectorAll('[data-hints]')) {
  const items = [...hints.querySelectorAll('li')];
  if (!items.length) continue;
  for (const item of items) item.hidden = true;
  const list = hints.querySelector('ol');
  list.setAttribute('aria-live', 'polite');
  const button = document.createElement('button');
  button.type = 'button';
  const label = () => {
    const shown = items.filter((item) => !item.hidden).length;
    button.textContent = shown
      ? `Show another hint (${shown + 1} of ${items.length})`
      : `Show a hint (1 of ${items.length})`;
    button.hidden = shown === items.length;
  };
  button.addEventListener('click', () => {
    const next = items.find((item) => item.hidden);
    if (next) next.hidden = false;
    label();
    if (button.hidden) next?.setAttribute('tabindex', '-1');
    if (button.hidden) next?.focus();
  });
  label();
  hints.append(button);
}
