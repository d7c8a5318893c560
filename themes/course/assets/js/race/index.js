// Mounts every racy counter on the page ({{< race-counter >}}, partials/lab/race.html): Run
// counts a batch of runs of each checked variant in turn, drawing each as its runs end; Stop
// ends the batch at any moment.
import { explainNoThreads } from '../lab/no-threads.js';
import { readParams } from '../lab/params.js';
import { canUseThreads, loadCounter } from './counter.js';
import { drawVariant, sharedColumns } from './histogram.js';

// After why the page has no threads (lab/no-threads.js): what that means for the counter.
const UNAVAILABLE = 'This demo needs threads that share memory: it cannot run without them.';

function mount(figure) {
  const config = JSON.parse(figure.dataset.race);
  const url = new URL(config.url, document.baseURI).href;
  const form = figure.querySelector('form');
  const inputs = form.querySelector('.lab-inputs');
  const runButton = form.querySelector('button[type="submit"]');
  const stopButton = form.querySelector('button[name="stop"]');
  const notice = figure.querySelector('.lab-notice');
  const message = figure.querySelector('.lab-message');
  const results = figure.querySelector('.race-results');
  const say = (text, warning = false) => {
    message.textContent = text;
    message.classList.toggle('is-warning', warning);
  };
  const note = (text) => {
    notice.textContent = text;
    notice.hidden = !text;
  };

  if (!canUseThreads()) {
    explainNoThreads(UNAVAILABLE, note);
    say('Threads are not available on this page, so the counter cannot run here.');
    figure.dataset.state = 'unavailable';
    return;
  }

  let counter = null; // the module's run(), loaded at the first Run
  let controller = null; // the batch going on, if any

  const setRunning = (running) => {
    inputs.disabled = running;
    runButton.disabled = running;
    stopButton.disabled = !running;
    results.setAttribute('aria-busy', String(running));
  };

  async function runBatch() {
    const { values, notes, refused } = readParams(form, config.params);
    note(notes.join(' '));
    if (refused) {
      say('Nothing ran: give every box a number.', true);
      return;
    }
    const checked = new Set([...form.querySelectorAll('input[name="variant"]:checked')].map((box) => box.value));
    const variants = config.variants.filter(({ id }) => checked.has(id));
    if (!variants.length) {
      say('Nothing ran: check at least one variant.', true);
      return;
    }
    const [threads, increments, runs] = values;
    const right = threads * increments;
    controller = new AbortController();
    const { signal } = controller;
    setRunning(true);
    figure.dataset.state = 'running';

    const batches = variants.map((variant) => ({ variant, counts: [], runs, right, state: 'waiting', ms: 0 }));
    const sections = batches.map(({ variant }) => {
      const section = document.createElement('section');
      section.className = 'race-variant';
      section.setAttribute('aria-label', variant.label);
      section.dataset.variant = variant.id;
      return section;
    });
    results.replaceChildren(...sections);
    const draw = () => {
      const columns = sharedColumns(batches, right);
      batches.forEach((batch, i) => drawVariant(sections[i], batch, columns));
    };
    draw();

    try {
      if (!counter) say('Loading the counter and its threads…');
      counter ??= loadCounter(url);
      const run = await counter.catch((error) => {
        counter = null;
        throw error;
      });
      for (const batch of batches) {
        if (signal.aborted) break;
        const { label } = batch.variant;
        batch.state = 'running';
        say(`${label}: run 1 of ${runs}`);
        draw();
        const started = performance.now();
        batch.counts = await run(
          batch.variant.index,
          { threads, increments, runs, switchMs: config.switchMs },
          (counts) => {
            batch.counts = counts;
            say(`${label}: run ${Math.min(counts.length + 1, runs)} of ${runs}`);
            draw();
          },
          signal,
        );
        batch.ms = performance.now() - started;
        batch.state = batch.counts.length < runs ? 'stopped' : 'done';
        draw();
      }
      if (signal.aborted) {
        for (const batch of batches) if (batch.state === 'waiting') batch.state = 'skipped';
        draw();
        say('Stopped. Press Run for a new batch.');
        figure.dataset.state = 'stopped';
      } else {
        say(
          `Done: ${variants.length} variant${variants.length === 1 ? '' : 's'}, ${runs} run${runs === 1 ? '' : 's'} each, ${threads} thread${threads === 1 ? '' : 's'} × ${increments.toLocaleString('en-US')} increments (right answer ${right.toLocaleString('en-US')}).`,
        );
        figure.dataset.state = 'done';
      }
    } catch (error) {
      say(`The counter could not run: ${error.message}`, true);
      figure.dataset.state = 'error';
      console.error(error);
    } finally {
      controller = null;
      setRunning(false);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!controller) runBatch();
  });
  stopButton.addEventListener('click', () => controller?.abort());
  runButton.disabled = false;
  figure.dataset.state = 'ready';
}

for (const figure of document.querySelectorAll('[data-race]')) mount(figure);
