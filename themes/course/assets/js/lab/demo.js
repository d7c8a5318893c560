// One live demo on a lesson page: its form, its runs, their timelines and how they compare.
import { keepOffline } from '../site/offline.js';
import { element, reducedMotion } from './dom.js';
import { Kind } from './events.js';
import { MODELS, concerns, inSentence } from './models.js';
import { readParams } from './params.js';
import { explainNoThreads } from './no-threads.js';
import { Lab } from './runtime.js';
import { readSweep, sweepModels } from './sweep.js';
import { RunRecord } from './record.js';
import { findings, legend, summary, timesTable } from './results.js';
import { Study } from './study.js';
import { Timeline, formatMs } from './timeline.js';

// After why the page has no threads (no-threads.js): what that means for the demo.
const NO_THREADS = 'The models that need threads are switched off; the others run as usual.';

export function mountDemo(figure) {
  const demo = JSON.parse(figure.dataset.lab);
  mountSource(figure.querySelector('details.lab-source[data-source]'));
  const form = figure.querySelector('.lab-controls');
  const inputs = form.querySelector('.lab-inputs');
  const runButton = form.querySelector('button[type="submit"]');
  const stopButton = form.elements.stop;
  const sweepButton = form.elements.sweep; // only where the lesson asks for a sweep
  const message = figure.querySelector('.lab-message');
  const notice = figure.querySelector('.lab-notice');
  const runs = figure.querySelector('.lab-runs');
  const say = (text, warning = false) => {
    message.textContent = text;
    message.classList.toggle('is-warning', warning);
  };

  const lab = Lab.forFigure(figure);
  // What this page cannot run, and why, said once beside the controls; the status line below them
  // changes.
  const unavailable = [...form.querySelectorAll('input[name="model"]')].filter((box) => !lab.canRun(MODELS[box.value]));
  for (const box of unavailable) {
    box.checked = false;
    box.disabled = true;
    box.closest('label').title = 'Needs threads: not available on this page';
  }
  if (unavailable.length) {
    explainNoThreads(NO_THREADS, (text) => {
      notice.textContent = text;
    });
    notice.hidden = false;
  }

  // Beside a `cores` parameter, how many this device has: what "several cores" can mean here.
  const deviceCores = navigator.hardwareConcurrency;
  for (const hint of figure.querySelectorAll('[data-device-cores]')) {
    hint.textContent = deviceCores ? `This device has ${deviceCores}.` : '';
  }

  lab.ready.then(
    () => {
      performance.mark(`lab-ready:${demo.id}`);
      figure.dataset.state = 'ready';
      runButton.disabled = false;
      if (sweepButton) sweepButton.disabled = false;
      say('Ready: choose the models and press Run.');
    },
    (error) => {
      figure.dataset.state = 'error';
      say(`The demo could not start: ${error.message}`, true);
      console.error(error);
    },
  );

  // One controller per press of Run: Stop aborts it, whatever the run is doing at that moment.
  let controller = null;
  stopButton.addEventListener('click', () => {
    stopButton.disabled = true;
    controller?.abort();
  });

  form.addEventListener('reset', () => {
    controller?.abort();
    runs.replaceChildren();
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    say('Back to the defaults.');
    // The browser restores the inputs after this event; keep unavailable models unchecked.
    setTimeout(() => {
      for (const box of form.querySelectorAll('input[name="model"]:disabled')) box.checked = false;
    });
  });

  // A transcript's cue asks for these values (player.js). A run keeps the values it started with.
  figure.addEventListener('lab:load', ({ detail: values }) => {
    if (figure.dataset.state === 'running') {
      say('A run is going on: let it finish or press Stop, then load these values again.', true);
      return;
    }
    for (const [name, value] of Object.entries(values)) {
      if (form.elements[name]) form.elements[name].value = String(value);
    }
    say('Loaded from the transcript: press Run.');
    figure.scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' });
    if (!runButton.disabled) {
      runButton.focus({ preventScroll: true });
      return;
    }
    // The demo is still loading (it starts when the learner comes near it): focus Run once it can
    // run, unless the learner has moved on since.
    const asker = document.activeElement;
    lab.ready.then(
      () => {
        if (document.activeElement === asker) runButton.focus({ preventScroll: true });
      },
      () => {},
    );
  });

  // Reads the form; says what is wrong and returns null if the demo cannot run as it stands.
  const readForm = () => {
    const { values, notes, refused } = readParams(form, demo.params);
    const models = [...form.querySelectorAll('input[name="model"]:checked')].map((box) => MODELS[box.value]);
    if (models.length === 0) notes.push('Choose at least one model to run.');
    if (refused || models.length === 0) {
      say(notes.join(' '), true);
      return null;
    }
    const sizes = Object.fromEntries(demo.params.map((spec, i) => [spec.name, values[i]]));
    return { values, notes, models, sizes };
  };

  // Runs `work(signal)` as the demo's one run at a time: Run and Sweep lock the inputs, enable
  // Stop, and say how it ended. `work` resolves with { stopped }.
  const runExclusive = async (notes, work) => {
    const run = new AbortController();
    controller = run;
    runButton.disabled = true;
    if (sweepButton) sweepButton.disabled = true;
    stopButton.disabled = false;
    inputs.disabled = true;
    figure.dataset.state = 'running';
    say(notes.length ? notes.join(' ') : 'Running…', notes.length > 0);
    try {
      const { stopped, ended } = await work(run.signal);
      // The learner has run something: the lessons they opened, and this demo's build, can
      // work offline from now on (js/site/offline.js; nothing happens where it cannot).
      if (!stopped) keepOffline();
      if (stopped) say('Stopped. Nothing is running now.');
      else if (ended) say(ended, true);
      else if (!notes.length) say('Done. Change the numbers and run again.');
    } catch (error) {
      say(`The run failed: ${error.message}`, true);
      console.error(error);
    } finally {
      controller = null;
      runButton.disabled = false;
      if (sweepButton) sweepButton.disabled = false;
      stopButton.disabled = true;
      inputs.disabled = false;
      figure.dataset.state = 'ready';
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (runButton.disabled) return;
    const request = readForm();
    if (!request) return;
    const { values, notes, models, sizes } = request;
    runExclusive(notes, (signal) => compareModels(lab, demo, models, values, sizes, runs, signal));
  });

  // A sweep (sweep.js): the same run for every value of one parameter, drawn as a curve.
  sweepButton?.addEventListener('click', () => {
    if (runButton.disabled) return;
    const request = readForm();
    if (!request) return;
    const sweep = readSweep(form, demo);
    if (sweep.refused) {
      say(sweep.notes.join(' '), true);
      return;
    }
    runExclusive([...request.notes, ...sweep.notes], (signal) =>
      sweepModels(lab, demo, request, sweep, runs, signal, say),
    );
  });
}

// The values a model's run used, as the form labels them: "Downloads 8 · Threads 8 · Latency
// 200 ms"; of the lab's well-known parameters, only those the model uses.
function describeValues(demo, model, values) {
  const shown = (spec, value) =>
    spec.choices
      ? spec.choices[Math.round((value - spec.min) / spec.step)]
      : `${value}${spec.unit ? ` ${spec.unit}` : ''}`;
  return demo.params
    .map((spec, i) => (concerns(model, spec.name) ? `${spec.label} ${shown(spec, values[i])}` : null))
    .filter(Boolean)
    .join(' · ');
}

// Runs each chosen model in turn on the same values, drawing all of them on one time axis so
// their lengths compare at a glance; then charts their wall times side by side. Resolves with
// { stopped }: whether `signal` ended any of them early or kept one from starting.
async function compareModels(lab, demo, models, values, sizes, container, signal) {
  container.replaceChildren();
  const timelines = [];
  // Five redraws a second are enough to watch a run, and leave the processor to the run: on a
  // two-core machine, two busy threads lost about 8% of their speed to redraws every 100 ms
  // (`make bench`: 2 threads vs sequential 1.77 at 100 ms, 1.82 at 250 ms, 1.84 at 2 s).
  // With reduced motion, the bars grow in one jump a second instead.
  const REDRAW_MS = reducedMotion() ? 1000 : 200;
  let drawing = true;
  // The runs share one time axis, as long as the longest.
  const axis = () => Math.max(1, ...timelines.map((timeline) => timeline.elapsed()));
  const draw = () => {
    const axisMs = axis();
    for (const timeline of timelines) timeline.draw(axisMs);
  };
  const redraw = () => {
    if (!drawing) return;
    draw();
    setTimeout(() => requestAnimationFrame(redraw), REDRAW_MS);
  };
  requestAnimationFrame(redraw);

  const walls = [];
  const finished = [];
  let stopped = false;
  let deadlocks = 0;
  try {
    for (const model of models) {
      if (signal.aborted) {
        stopped = true;
        break;
      }
      let section = null;
      let timeline = null;
      let wall = null;
      const outcome = await lab.run(
        model,
        values,
        (event) => {
          if (event.kind === Kind.run_start) {
            section = runSection(model, describeValues(demo, model, values));
            wall = section.querySelector('output');
            container.append(section);
            timeline = new Timeline(event.value, model.laneName, event.time);
            timelines.push(timeline);
            section.append(timeline.element);
            return;
          }
          timeline.add(event);
          if (event.kind === Kind.run_end) {
            const ms = timeline.elapsed();
            wall.dataset.ms = String(ms);
            const ended = timeline.deadlock.length ? 'deadlocked, ended' : 'stopped';
            wall.textContent = event.value ? `${ended} after ${formatMs(ms)}` : formatMs(ms);
            if (!event.value) walls.push({ model, ms });
          }
        },
        sizes,
        signal,
      );
      // A deadlocked run ends itself: the learner did not press Stop, and the next model runs.
      const deadlocked = outcome.started && timeline.deadlock.length > 0;
      if (deadlocked) deadlocks += 1;
      stopped ||= outcome.stopped && !deadlocked;
      if (!outcome.started) break;
      draw();
      // The runtime checks the values again; the page's own check should leave it nothing to do.
      if (outcome.adjusted > 0) {
        section.append(
          element(
            'p',
            'lab-message is-warning',
            `The runtime changed ${outcome.adjusted} value(s) to fit the ranges its demo declares.`,
          ),
        );
      }
      // Results tables start open only when there are few to read.
      const open = models.length <= 2;
      const record = RunRecord.ofTimeline(timeline, model);
      const words = element('p', 'lab-where', record.summary());
      section.append(
        legend(timeline),
        words,
        summary(timeline, model, walls[0]),
        ...findings(timeline, record, model),
        timesTable(demo, model, record, open),
      );
      finished.push({ model, timeline, record });
    }
  } finally {
    drawing = false;
    draw();
  }
  // Reset may have cleared the runs meanwhile: chart them only while they are shown.
  const shown = timelines.every((timeline) => container.contains(timeline.element));
  // Once every run is drawn on the shared axis, each can be studied.
  if (shown) {
    const axisMs = axis();
    for (const { model, timeline, record } of finished) {
      const study = new Study(timeline, record, {
        model,
        axisMs,
        fileName: `${demo.id}-${model.name}.trace.json`,
        about: { demo: demo.id, values: Object.fromEntries(demo.params.map((spec, i) => [spec.name, values[i]])) },
      });
      timeline.element.parentElement.querySelector('.lab-legend').after(study.element);
    }
  }
  if (walls.length > 1 && shown) container.append(compareChart(walls));
  const ended =
    deadlocks && !stopped
      ? 'Deadlock: the lab found threads waiting for each other and ended the run. Try one lock order.'
      : null;
  return { stopped, ended };
}

// A run's section: its model, what it stands for in the course's language, its wall time, and the
// values it ran with.
function runSection(model, values) {
  const section = element('section', 'lab-run');
  section.setAttribute('aria-label', model.label);
  const heading = element('h3', '', model.label);
  heading.append(element('code', 'lab-stands-for', model.stands_for), element('output'));
  section.append(heading, element('p', 'lab-values', `Ran with ${values}`));
  return section;
}

// A bar per model, as long as its wall time, and how each compares with the first.
function compareChart(walls) {
  const longest = Math.max(...walls.map((w) => w.ms));
  const [baseline] = walls;
  const chart = element('figure', 'lab-compare');
  chart.append(element('figcaption', '', 'Wall time of each model'));
  const list = element('ol');
  for (const { model, ms } of walls) {
    const item = element('li');
    const bar = element('span', 'lab-compare-bar');
    bar.style.width = `${(100 * ms) / longest}%`;
    const ratio = baseline.ms / ms;
    const versus =
      model === baseline.model
        ? ''
        : ratio >= 1
          ? ` · ${ratio.toFixed(1)}× faster`
          : ` · ${(1 / ratio).toFixed(1)}× slower`;
    item.append(
      element('span', 'lab-compare-label', model.label),
      bar,
      element('span', 'lab-compare-value', `${formatMs(ms)}${versus}`),
    );
    list.append(item);
  }
  chart.append(list);
  // A win by less than a tenth is noise on a shared machine: say so rather than crown it.
  const [best, next] = [...walls].sort((a, b) => a.ms - b.ms);
  const verdict =
    next.ms / best.ms < 1.1
      ? `${best.model.label} and ${inSentence(next.model.label)} took about the same time here (within 10%).`
      : best === baseline
        ? `${baseline.model.label} was the fastest here.`
        : `${best.model.label}: ${(baseline.ms / best.ms).toFixed(1)}× faster than ${inSentence(baseline.model.label)}.`;
  chart.append(element('p', 'lab-verdict', verdict));
  return chart;
}

// The demo's C++ (partials/lab/demo.html), fetched from the site when the learner first opens it;
// if that fails, the link to it stays, with why beside it. Opened before this script ran (a quick
// learner on a busy phone), it is fetched at once.
function mountSource(details) {
  if (!details) return;
  const load = async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = 'loading';
    const link = details.querySelector('.lab-source-link');
    try {
      const response = await fetch(details.dataset.source);
      if (!response.ok) throw new Error(`the site answered ${response.status}`);
      link.insertAdjacentHTML('afterend', await response.text());
      link.remove();
      details.dataset.loaded = 'true';
    } catch (error) {
      delete details.dataset.loaded;
      link.append(` (it could not be loaded: ${error.message})`);
    }
  };
  details.addEventListener('toggle', load);
  load();
}
