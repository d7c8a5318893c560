// Runs in <head>, before the first paint, what the page must look like from the start: the
// learner's theme (so a dark page never flashes light) and, on a wide screen, the outline closed
// if they closed it (so it does not flash open). Keys as in theme.js and outline.js.
try {
  const theme = window.localStorage.getItem('course-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
  if (window.localStorage.getItem('course-outline-closed') === 'yes')
    document.documentElement.dataset.outline = 'closed';
} catch {
  // Storage blocked: the defaults, and js/site/storage.js says settings are not kept.
}
