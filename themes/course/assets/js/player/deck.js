// The lesson's deck: one slide at a time, turned by the player, by its arrows, by the player's keys
// and by a swipe; its number and progress under it. The slides are drawn at 960 × 540 and scaled
// to their box by CSS alone (player.css), so the deck is right from the first paint and turning
// it never asks the page for its layout. (reveal.js did this before; starting it forced a layout
// of the whole lesson and took about 50 ms of the main thread on every lesson's load.)

// A finger moved at least this far sideways, and more sideways than up or down, turns the deck.
const SWIPE_PX = 40;

// The turn a swipe asks for: 1 for the next slide (the finger moved left), -1 for the previous
// one, 0 for none (too short, or the page was scrolled).
export function swipeTurn(dx, dy) {
  if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) <= Math.abs(dy)) return 0;
  return dx < 0 ? 1 : -1;
}

// Mounts the deck in `element` (player/player.html's markup). `onTurn(index)` hears of the turns
// the learner makes on the deck itself (arrows, keys, swipes), not of those made with go().
export function mountDeck(element, onTurn) {
  const slides = [...element.querySelectorAll('.deck-slide')];
  const part = (name) => element.querySelector(`[data-deck="${name}"]`);
  const previousButton = part('previous');
  const nextButton = part('next');
  const progress = part('progress');
  const number = part('number');
  const status = part('status');
  let index = Math.max(
    0,
    slides.findIndex((slide) => !slide.hidden),
  );

  function draw() {
    number.textContent = `${index + 1} / ${slides.length}`;
    previousButton.setAttribute('aria-disabled', String(index === 0));
    nextButton.setAttribute('aria-disabled', String(index === slides.length - 1));
    progress.style.transform = `scaleX(${slides.length > 1 ? index / (slides.length - 1) : 1})`;
  }

  // Shows slide `to` (from 0), within the deck; says whether the deck turned.
  function go(to) {
    const next = Math.min(Math.max(to, 0), slides.length - 1);
    if (next === index) return false;
    slides[index].hidden = true;
    slides[next].hidden = false;
    index = next;
    draw();
    return true;
  }

  function turnByLearner(step) {
    if (!go(index + step)) return;
    const slide = slides[index];
    const pictures = [...slide.querySelectorAll('img[alt]')].map((image) => image.alt);
    status.textContent = [slide.innerText, ...pictures].join(' ').replace(/\s+/g, ' ').trim();
    onTurn(index);
  }

  // The arrows stay focusable at either end (aria-disabled, not disabled), so that the focus of a
  // learner who pressed one is never dropped to the page.
  previousButton.addEventListener('click', () => turnByLearner(-1));
  nextButton.addEventListener('click', () => turnByLearner(1));

  let touchStart = null;
  element.addEventListener('pointerdown', (event) => {
    touchStart = event.pointerType === 'touch' ? { x: event.clientX, y: event.clientY } : null;
  });
  element.addEventListener('pointerup', (event) => {
    if (!touchStart) return;
    const turn = swipeTurn(event.clientX - touchStart.x, event.clientY - touchStart.y);
    touchStart = null;
    if (turn) turnByLearner(turn);
  });
  element.addEventListener('pointercancel', () => {
    touchStart = null;
  });

  draw();
  return {
    go,
    next: () => turnByLearner(1),
    previous: () => turnByLearner(-1),
    get index() {
      return index;
    },
  };
}
