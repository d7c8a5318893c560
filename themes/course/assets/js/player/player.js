// The lesson player: the transcript drives the slides. Play walks the transcript in time at the
// learner's speed, highlighting the paragraph being "said" and turning to its slide; clicking a
// paragraph, or opening a #t=mm:ss link, jumps there. Slides are a reveal.js deck, embedded.
import Reveal from 'vendor/reveal/reveal.esm.js';

// Remembered across lessons and visits, like a video player's default speed.
const SPEED_KEY = 'course-player-speed';
const CAPTIONS_KEY = 'course-player-captions';
const TICK_MS = 100;
const WORDS_PER_SECOND = 150 / 60;

const parseStamp = (stamp) => {
  const match = /^(\d+):([0-5]\d)$/.exec(stamp);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

const isTyping = (target) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON|A|SUMMARY)$/.test(target.tagName));

export function mountPlayer(root) {
  const deckElement = root.querySelector('.reveal');
  const deck = new Reveal(deckElement, {
    embedded: true,
    hash: false,
    keyboard: false, // the page's own keys, below, work wherever the focus is
    controls: true,
    progress: true,
    slideNumber: 'c/t',
    transition: 'none',
    center: false,
    width: 960,
    height: 540,
    margin: 0.05,
    // reveal.js 5 turns into a scrolling page below 435 px; a lesson keeps its deck at any width.
    scrollActivationWidth: null,
  });
  const deckReady = deck.initialize();

  const items = [...root.querySelectorAll('.transcript li')];
  const list = root.querySelector('.transcript');
  const times = items.map((item) => Number(item.dataset.t));
  const textOf = (item) => item.querySelector('.transcript-text').textContent.trim();
  const last = items.at(-1);
  const end = times.at(-1) + textOf(last).split(/\s+/).length / WORDS_PER_SECOND;

  const playButton = root.querySelector('[data-action="play"]');
  const speedSelect = root.querySelector('select[name="speed"]');
  const captionsBox = root.querySelector('input[name="captions"]');
  const readAloudBox = root.querySelector('input[name="read-aloud"]');
  const captions = root.querySelector('.player-captions');
  const help = root.querySelector('.player-help');

  let position = 0;
  let current = -1;
  let timer = null;
  let lastTick = 0;

  const speed = () => Number(speedSelect.value);
  const speech = 'speechSynthesis' in window ? window.speechSynthesis : null;

  const savedSpeed = localStorage.getItem(SPEED_KEY);
  if (savedSpeed && [...speedSelect.options].some((o) => o.value === savedSpeed)) speedSelect.value = savedSpeed;
  captionsBox.checked = localStorage.getItem(CAPTIONS_KEY) === 'on';
  captions.hidden = !captionsBox.checked;
  if (speech) root.querySelector('[data-needs="speech"]').hidden = false;

  function indexAt(t) {
    let index = 0;
    for (let i = 0; i < times.length; i += 1) if (times[i] <= t) index = i;
    return index;
  }

  function show(index) {
    if (index === current) return;
    current = index;
    const item = items[index];
    for (const other of items) other.removeAttribute('aria-current');
    item.setAttribute('aria-current', 'true');
    // Keep the paragraph in view inside the transcript, without scrolling the page.
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top - list.clientHeight / 3;
    }
    deckReady.then(() => deck.slide(Number(item.dataset.slide) - 1));
    captions.textContent = textOf(item);
    if (speech && readAloudBox.checked && timer) {
      speech.cancel();
      const utterance = new SpeechSynthesisUtterance(textOf(item));
      utterance.rate = speed();
      speech.speak(utterance);
    }
  }

  function seek(t) {
    position = t;
    show(indexAt(t));
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
  const fullscreen = () => deckElement.requestFullscreen?.();

  playButton.addEventListener('click', toggle);
  speedSelect.addEventListener('change', () => localStorage.setItem(SPEED_KEY, speedSelect.value));
  captionsBox.addEventListener('change', () => {
    captions.hidden = !captionsBox.checked;
    localStorage.setItem(CAPTIONS_KEY, captionsBox.checked ? 'on' : 'off');
  });
  readAloudBox.addEventListener('change', () => {
    if (!readAloudBox.checked) speech?.cancel();
  });
  root.querySelector('[data-action="fullscreen"]').addEventListener('click', fullscreen);
  root.querySelector('[data-action="help"]').addEventListener('click', () => help.showModal());

  // A click on a paragraph shows its slide and moves the player there; its time becomes the
  // page's address, so the moment can be shared.
  list.addEventListener('click', (event) => {
    const item = event.target.closest('li');
    if (!item || event.target.closest('a, button')) return;
    seek(Number(item.dataset.t));
    history.replaceState(null, '', item.querySelector('.stamp').getAttribute('href'));
  });
  list.addEventListener('click', (event) => {
    const cue = event.target.closest('button.cue');
    if (cue) loadCue(cue);
  });

  const fromHash = () => {
    const match = /^#t=(\d+:\d\d)$/.exec(location.hash);
    const t = match && parseStamp(match[1]);
    if (t !== null && t !== undefined) seek(t);
  };
  window.addEventListener('hashchange', fromHash);
  fromHash();
  if (current < 0) show(0);

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (help.open || isTyping(event.target)) return;
    if (event.key === ' ') toggle();
    else if (event.key === 'ArrowRight') deck.next();
    else if (event.key === 'ArrowLeft') deck.prev();
    else if (event.key === '?') help.showModal();
    else if (event.key === 'f') fullscreen();
    else if (event.key === 'c') toggleCaptions();
    else return;
    event.preventDefault();
  });
}

// Puts a cue's parameters into its demo's form, and takes the learner there to press Run.
function loadCue(button) {
  const figure = document.getElementById(`demo-${button.dataset.demo}`);
  if (!figure) return;
  const params = JSON.parse(button.dataset.params);
  for (const [name, value] of Object.entries(params)) {
    const input = figure.querySelector(`input[name="${name}"]`);
    if (input) input.value = String(value);
  }
  const message = figure.querySelector('.lab-message');
  if (message) message.textContent = 'Loaded from the transcript: press Run.';
  figure.scrollIntoView({ behavior: 'smooth', block: 'start' });
  figure.querySelector('button[type="submit"]')?.focus({ preventScroll: true });
}
