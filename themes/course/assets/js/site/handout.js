// A printed lesson is a handout (css/handout.css): what a page holds for paper only is `hidden`
// and data-print-only, and the CSS shows it in print. Two things need the page's help:
//
// On paper a link cannot be followed, so the address a demo names (lab/on-paper.html) is written
// out in full, whatever origin the site is served from and whether its baseURL is relative.
for (const link of document.querySelectorAll('a[data-full-address]')) link.textContent = link.href;

// Closed <details> (the lesson's programs, each demo's C++) print open through
// details::details-content; a browser without that pseudo-element gets them opened for the
// printing and closed again after.
if (!CSS.supports('selector(details::details-content)')) {
  let opened = [];
  addEventListener('beforeprint', () => {
    opened = [...document.querySelectorAll('details:not([open])')];
    for (const details of opened) details.open = true;
  });
  addEventListener('afterprint', () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}
