// The lessons draw their code blocks and transcript paragraphs only near the viewport (course.css:
// content-visibility: auto), and each such block clips what sticks out of it. A check that reads
// the whole page at once (axe's colours, the page's width) draws every block first, as printing
// does: the styles are the same, and what sticks out of a block widens the page again, where a
// check sees it.
export const drawWholePage = (page) =>
  page.evaluate(() => {
    // Every reading before any writing: a style written between two readings makes the second
    // recompute the page's styles.
    const drawnNearTheViewport = [...document.querySelectorAll('*')].filter(
      (element) => getComputedStyle(element).contentVisibility === 'auto',
    );
    for (const element of drawnNearTheViewport) element.style.contentVisibility = 'visible';
  });
