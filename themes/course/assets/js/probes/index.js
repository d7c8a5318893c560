// Mounts every latency probe table on the page ({{< latency-probes >}}, partials/lab/probes.html):
// Run measures each probe once more on this device and fills in its row.
import { fetchNs, timerStepNs, workerRoundTripNs } from './browser.js';
import { explainNoThreads } from '../lab/no-threads.js';
import { formatDuration, formatScaled } from './format.js';
import { canUseThreads, loadNative } from './native.js';

const count = (n) => Math.round(n).toLocaleString('en-US');
const megabytes = (bytes) => `${Math.round(bytes / 2 ** 20)} MB`;

// What each C++ probe ran, from the sizes its build reports.
const NATIVE_HOW = {
  sequential_read: (s) =>
    `${count(s.sequential_reads)} reads of a ${megabytes(s.buffer_bytes)} buffer; the fastest of ${count(s.sequential_passes)} passes`,
  random_read: (s) => `${count(s.random_reads)} reads, one per 64-byte line of a ${megabytes(s.buffer_bytes)} buffer`,
  atomic_add: (s) => `${count(s.atomic_operations)} fetch_adds in a row`,
  mutex_handover: (s) => `${count(s.handovers)} hand-overs in a row`,
};

// After why the page has no threads (lab/no-threads.js): what that means for the table.
const THREADS_OFF = 'The probes that need threads say so in their rows; the others measure as usual.';

function mount(figure) {
  const config = JSON.parse(figure.dataset.probes);
  // Addresses as the page resolves them: a worker resolves a relative one against its own.
  for (const key of ['threadsUrl', 'singleUrl', 'workerUrl', 'echo', 'ping']) {
    config[key] = new URL(config[key], document.baseURI).href;
  }
  const button = figure.querySelector('button[data-run]');
  const message = figure.querySelector('.lab-message');
  const table = figure.querySelector('table[data-measured]');
  const rows = new Map([...table.querySelectorAll('tr[data-probe]')].map((row) => [row.dataset.probe, row]));
  const say = (text, warning = false) => {
    message.textContent = text;
    message.classList.toggle('is-warning', warning);
  };

  for (const row of figure.querySelectorAll('tr[data-ns]')) {
    const [ns, upTo] = [Number(row.dataset.ns), Number(row.dataset.upToNs) || undefined];
    row.querySelector('.probes-figure').textContent = `~${formatDuration(ns, upTo)}`;
    row.querySelector('.probes-scaled').textContent = `~${formatScaled(ns, config.ghz, upTo)}`;
  }

  // What this page cannot measure, said in its row from the start.
  const threads = canUseThreads();
  const available = [...rows.values()].filter((row) => {
    if (row.dataset.needs !== 'threads' || threads) return true;
    const [figureCell, scaledCell] = row.querySelectorAll('td');
    figureCell.colSpan = 2;
    figureCell.textContent = config.unavailable.threads;
    scaledCell.remove();
    row.dataset.state = 'unavailable';
    return false;
  });
  if (available.length < rows.size) {
    const notice = figure.querySelector('.lab-notice');
    explainNoThreads(THREADS_OFF, (text) => {
      notice.textContent = text;
    });
    notice.hidden = false;
  }

  const show = (id, { ns, how }) => {
    const row = rows.get(id);
    if (!row || row.dataset.state === 'unavailable') return;
    const [figureCell, scaledCell] = row.querySelectorAll('td');
    figureCell.dataset.ns = String(ns);
    figureCell.textContent = formatDuration(ns);
    scaledCell.textContent = formatScaled(ns, config.ghz);
    const note = row.querySelector('.probes-how');
    note.textContent = how ? `This run: ${how}.` : '';
    note.hidden = !how;
    row.dataset.state = 'measured';
  };

  let native = null; // the C++ probes' build, loaded at the first Run
  let echo = null; // the round-trip probe's worker
  let running = false;

  button.addEventListener('click', async () => {
    if (running) return;
    running = true;
    button.disabled = true;
    figure.dataset.state = 'running';
    table.setAttribute('aria-busy', 'true');
    for (const row of available) {
      const [figureCell, scaledCell] = row.querySelectorAll('td');
      delete figureCell.dataset.ns;
      figureCell.textContent = 'measuring…';
      scaledCell.textContent = '';
      row.dataset.state = 'pending';
    }
    const started = performance.now();
    try {
      if (!native) say('Loading the probes…');
      native ??= loadNative(config);
      const runNative = await native.catch((error) => {
        native = null;
        throw error;
      });
      say('Measuring memory and threads…');
      const { figures, sizes } = await runNative();
      for (const [id, ns] of Object.entries(figures)) {
        if (Number.isFinite(ns)) show(id, { ns, how: NATIVE_HOW[id](sizes) });
      }
      say('Measuring the browser…');
      show('timer_step', timerStepNs());
      echo ??= new Worker(config.echo);
      show('worker_round_trip', await workerRoundTripNs(echo));
      show('fetch', await fetchNs(config.ping));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      say(`Done in ${seconds} s. Press Run again to see how much the figures vary from run to run.`);
      figure.dataset.state = 'done';
    } catch (error) {
      for (const row of available) {
        if (row.dataset.state === 'pending') row.querySelector('td').textContent = 'not measured';
      }
      say(`The probes could not run: ${error.message}`, true);
      figure.dataset.state = 'error';
      console.error(error);
    } finally {
      running = false;
      button.disabled = false;
      table.removeAttribute('aria-busy');
    }
  });

  button.disabled = false;
  figure.dataset.state = 'ready';
}

for (const figure of document.querySelectorAll('[data-probes]')) mount(figure);
