// The lesson player: the transcript drives the slides. Play walks the transcript in time at the
// learner's speed, highlighting the paragraph being "said" and turning to its slide; clicking a
// paragraph or its time, or opening a #t=mm:ss link, jumps there. The deck and the transcript
// share one position: turning the deck (keys, its arrows, a swipe) moves the transcript to that
// slide's first paragraph.
import { mountDeck } from './deck.js';
import { shortcut } from '../site/keys.js';
import { getSetting, setSetting } from '../site/storage.js';

// Remembered across lessons and visits, like a video player's default speed.
const SPEED_KEY = 'course-player-speed';
const CAPTIONS_KEY = 'course-player-captions';
const TICK_MS = 100;
const WORDS_PER_SECOND = 150 / 60;

// The moment an address points at, in seconds, or null. A paragraph's own link is #t=mm:ss; a
// browser or another site may have percent-encoded its colon, or sent anything at all.
function timeFromHash(hash) {
  let text;
  try {
    text = decodeURIComponent(hash);
  } catch {
    return null;
  }
  const match = /^#t=(\d{1,4}):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

// Space on a control presses that control, as it always does, rather than playing.
const isControl = (target) => target instanceof HTMLElement && /^(BUTTON|A|SUMMARY)$/.test(target.tagName);

export function mountPlayer(root) {
  const stage = root.querySelector('.player-stage');
  const items = [...root.querySelectorAll('.transcript li')];
  const list = root.querySelector('.transcript');
  const times = items.map((item) => Number(item.dataset.t));
  const slideOf = (index) => Number(items[index].dataset.slide);
  const textOf = (item) => item.querySelector('.transcript-text').textContent.trim();
  const end = times.at(-1) + textOf(items.at(-1)).split(/\s+/).length / WORDS_PER_SECOND;

  const playButton = root.querySelector('[data-action="play"]');
  const speedSelect = root.querySelector('select[name="speed"]');
  const captionsBox = root.querySelector('input[name="captions"]');
  const readAloudBox = root.querySelector('input[name="read-aloud"]');
  const captions = root.querySelector('.player-captions');

  // The learner turned the deck: the transcript follows, to the first paragraph that shows the
  // new slide (or, if none does, the last one before it).
  const deck = mountDeck(root.querySelector('.deck'), (index) => {
    const slide = index + 1;
    if (current >= 0 && slideOf(current) === slide) return;
    let paragraph = items.findIndex((_, i) => slideOf(i) === slide);
    if (paragraph < 0)
      paragraph = Math.max(
        0,
        items.findLastIndex((_, i) => slideOf(i) < slide),
      );
    seek(times[paragraph], { turnDeck: false });
  });

  let position = 0;
  let current = -1;
  let timer = null;
  let lastTick = 0;

  const speed = () => Number(speedSelect.value);
  const speech = 'speechSynthesis' in window ? window.speechSynthesis : null;

  const savedSpeed = getSetting(SPEED_KEY);
  if (savedSpeed && [...speedSelect.options].some((o) => o.value === savedSpeed)) speedSelect.value = savedSpeed;
  captionsBox.checked = getSetting(CAPTIONS_KEY) === 'on';
  captions.hidden = !captionsBox.checked;
  if (speech) root.querySelector('[data-needs="speech"]').hidden = false;

  function indexAt(t) {
    let index = 0;
    for (let i = 0; i < times.length; i += 1) if (times[i] <= t) index = i;
    return index;
  }

  // Scrolls the transcript, not the page, to show `item`. It reads the page's layout.
  function keepInView(item) {
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top - list.clientHeight / 3;
    }
  }

  // Highlights paragraph `index`, and turns the deck to its slide unless the deck moved first.
  // The first paragraph shown on load is in view already: no layout is read while the page still
  // loads (`scroll: false`).
  function show(index, { turnDeck = true, scroll = true } = {}) {
    if (index === current) return;
    current = index;
    const item = items[index];
    for (const other of items) other.removeAttribute('aria-current');
    item.setAttribute('aria-current', 'true');
    if (scroll) keepInView(item);
    if (turnDeck) deck.go(slideOf(index) - 1);
    captions.textContent = textOf(item);
    if (speech && readAloudBox.checked && timer) {
      speech.cancel();
      const utterance = new SpeechSynthesisUtterance(textOf(item));
      utterance.rate = speed();
      speech.speak(utterance);
    }
  }

  function seek(t, options) {
    position = t;
    show(indexAt(t), options);
  }

  function tick() {
    const now = performance.now();
    position += ((now - lastTick) / 1000) * speed();
    lastTick = now;
    show(indexAt(position));
    if (position >= end) pause();
  }

  function play() {
    if (position >= end) seek(0);
    lastTick = performance.now();
    timer = setInterval(tick, TICK_MS);
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-pressed', 'true');
    const paragraph = current;
    current = -1; // speak the current paragraph again when read-aloud is on
    show(paragraph < 0 ? indexAt(position) : paragraph);
  }

  function pause() {
    clearInterval(timer);
    timer = null;
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-pressed', 'false');
    speech?.cancel();
  }

  const toggle = () => (timer ? pause() : play());
  const toggleCaptions = () => {
    captionsBox.checked = !captionsBox.checked;
    captionsBox.dispatchEvent(new Event('change'));
  };
  // The slides and their captions together, so captions stay in view.
  const fullscreen = () => stage.requestFullscreen?.();

  playButton.addEventListener('click', toggle);
  speedSelect.addEventListener('change', () => setSetting(SPEED_KEY, speedSelect.value));
  captionsBox.addEventListener('change', () => {
    captions.hidden = !captionsBox.checked;
    setSetting(CAPTIONS_KEY, captionsBox.checked ? 'on' : 'off');
  });
  readAloudBox.addEventListener('change', () => {
    if (!readAloudBox.checked) speech?.cancel();
  });
  root.querySelector('[data-action="fullscreen"]').addEventListener('click', fullscreen);

  // A click on a paragraph or on its time shows its slide and moves the player there; the time's
  // link becomes the page's address, so the moment can be shared and a reload comes back to it.
  list.addEventListener('click', (event) => {
    const item = event.target.closest('li');
    const link = event.target.closest('a');
    const stamp = item?.querySelector('.stamp');
    if (!item || event.target.closest('button') || (link && link !== stamp)) return;
    // Ctrl-click and the like open the moment in a new tab, as any link does.
    if (link && (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0)) return;
    event.preventDefault();
    seek(Number(item.dataset.t));
    history.replaceState(history.state, '', stamp.getAttribute('href'));
  });
  list.addEventListener('click', (event) => {
    const cue = event.target.closest('button.cue');
    if (!cue) return;
    // The demo decides what to do with them (themes/course/assets/js/lab/demo.js).
    document
      .getElementById(`demo-${cue.dataset.demo}`)
      ?.dispatchEvent(new CustomEvent('lab:load', { detail: JSON.parse(cue.dataset.params) }));
  });

  const fromHash = () => {
    const t = timeFromHash(location.hash);
    if (t !== null) seek(t);
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();
  if (current < 0) show(0, { scroll: false });

  // The player's keys, in the site's one registry (site/keys.js), listed in its help.
  shortcut(' ', (event) => !isControl(event.target) && (toggle(), true));
  shortcut('ArrowRight', (event) => !isControl(event.target) && (deck.next(), true));
  shortcut('ArrowLeft', (event) => !isControl(event.target) && (deck.previous(), true));
  shortcut('f', () => fullscreen());
  shortcut('c', () => toggleCaptions());
  root.dataset.ready = '';
}
