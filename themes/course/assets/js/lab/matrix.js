// A matrix of runs: every model of a demo on every workload its demo.json declares, one run at a
// time, as a table of speedups against one after another that fills in as runs end. Each cell is
// a button that draws its run's timeline again from the events the run logged.
import { element } from './dom.js';
import { Kind } from './events.js';
import { MODELS, inSentence } from './models.js';
import { clampToSpec } from './params.js';
import { explainNoThreads } from './no-threads.js';
import { Lab } from './runtime.js';
import { RunRecord } from './record.js';
import { Study } from './study.js';
import { STATES, Timeline, formatMs } from './timeline.js';

// Every speedup is against this model's run of the same workload: the first column.
const BASELINE = 'sequential';

// After why the page has no threads (no-threads.js): what that means for the table.
const NO_THREADS = 'The models that need threads say so in their cells; the others run as usual.';

// A label inside a sentence: "Thread pool on I/O" → "thread pool on I/O".

// The colour band of a speedup as the cell shows it (one decimal), named as in the legend.
export function band(shown) {
  if (shown < 1) return 'slower';
  if (shown < 1.3) return 'x1';
  if (shown < 2) return 'x1_3';
  if (shown < 3) return 'x2';
  if (shown < 5) return 'x3';
  return 'x5';
}

// A workload's values in the demo's declaration order (what lab.run takes) and by name: the
// demo's defaults with the workload's own values over them, each checked like the form's.
function workloadRun(config, workload) {
  const problems = [];
  const values = config.params.map((spec) => {
    const given = workload.values[spec.name] ?? spec.default;
    const used = clampToSpec(Number(given), spec);
    if (used !== given)
      problems.push(
        `${workload.label}: ${spec.name}=${given} does not fit ${spec.min}–${spec.max} in steps of ${spec.step}; it runs with ${used}.`,
      );
    return used;
  });
  for (const name of Object.keys(workload.values)) {
    if (!config.params.some((spec) => spec.name === name))
      problems.push(`${workload.label}: the demo has no parameter ${name}.`);
  }
  const sizes = Object.fromEntries(config.params.map((spec, i) => [spec.name, values[i]]));
  return { ...workload, values, sizes, problems };
}

export function mountMatrix(figure) {
  const config = JSON.parse(figure.dataset.matrix);
  const runButton = figure.querySelector('button[name="run"]');
  const stopButton = figure.querySelector('button[name="stop"]');
  const message = figure.querySelector('.lab-message');
  const notice = figure.querySelector('.lab-notice');
  const detail = figure.querySelector('.matrix-detail');
  detail.id = `${figure.id}-timeline`;
  const say = (text, warning = false) => {
    message.textContent = text;
    message.classList.toggle('is-warning', warning);
  };

  const lab = Lab.forFigure(figure);
  const models = config.models.map((name) => MODELS[name]);
  const workloads = config.workloads.map((workload) => workloadRun(config, workload));
  const cell = (workload, model) =>
    figure.querySelector(`tr[data-workload="${workload.name}"] td[data-model="${model.name}"]`);

  // The build refuses a workload that does not fit its demo (lab/matrix.html); this is in case.
  const problems = workloads.flatMap((workload) => workload.problems);
  if (problems.length) console.error(`The workloads of demo ${config.id}: ${problems.join(' ')}`);

  // What this page cannot run says so in its cells, the notice says why, and the rest runs without it.
  const runnable = models.filter((model) => lab.canRun(model));
  if (runnable.length < models.length) {
    explainNoThreads(NO_THREADS, (text) => {
      notice.textContent = text;
    });
    notice.hidden = false;
    for (const workload of workloads) {
      for (const model of models) {
        if (!lab.canRun(model))
          cell(workload, model).replaceChildren(element('span', 'matrix-unavailable', 'needs threads'));
      }
    }
  }

  lab.ready.then(
    () => {
      figure.dataset.state = 'ready';
      runButton.disabled = false;
      say(`Ready: Run makes ${runnable.length * workloads.length} runs, one at a time.`);
    },
    (error) => {
      figure.dataset.state = 'error';
      say(`The demo could not start: ${error.message}`, true);
      console.error(error);
    },
  );

  // The runs of the last batch, by cell, each with every event it logged, to draw on demand.
  const runs = new Map();
  let shown = null; // the button whose timeline is open

  const hideTimeline = () => {
    shown?.setAttribute('aria-pressed', 'false');
    shown = null;
    detail.hidden = true;
    detail.replaceChildren();
  };

  const showTimeline = (button, record) => {
    if (shown === button) {
      hideTimeline();
      return;
    }
    hideTimeline();
    shown = button;
    button.setAttribute('aria-pressed', 'true');
    detail.replaceChildren(...drawRun(record, figure.id));
    detail.hidden = false;
    say(
      `The timeline of ${inSentence(record.model.label)} on the ${record.workload.label} workload is below the table.`,
    );
  };

  const fill = (workload, model, record, baselineMs) => {
    const speedup = baselineMs / record.ms;
    const figureText = model.name === BASELINE ? '1.0' : speedup.toFixed(1);
    const button = element('button', `matrix-cell is-${band(Number(figureText))}`);
    button.type = 'button';
    button.dataset.speedup = String(speedup);
    button.dataset.ms = String(record.ms);
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-controls', detail.id);
    button.title = `Show the timeline of ${inSentence(model.label)} on the ${workload.label} workload`;
    button.append(
      element('span', 'matrix-speedup', `${figureText}×`),
      element('span', 'matrix-wall', formatMs(record.ms)),
    );
    record.speedupText = `${figureText}×`;
    button.addEventListener('click', () => showTimeline(button, record));
    cell(workload, model).replaceChildren(button);
  };

  // Runs every runnable cell in turn, row by row, the baseline first in each row. Resolves with
  // { stopped } once all have run or `signal` stopped one.
  const runAll = async (signal) => {
    hideTimeline();
    runs.clear();
    const plan = workloads.flatMap((workload) => runnable.map((model) => ({ workload, model })));
    for (const { workload, model } of plan)
      cell(workload, model).replaceChildren(element('span', 'matrix-pending', 'waiting'));
    const baselines = new Map();
    const notRun = (from) => {
      for (const later of plan.slice(from))
        cell(later.workload, later.model).replaceChildren(element('span', 'matrix-pending', 'not run'));
    };
    for (const [i, { workload, model }] of plan.entries()) {
      if (signal.aborted) {
        notRun(i);
        return { stopped: true };
      }
      say(`Run ${i + 1} of ${plan.length}: ${inSentence(model.label)}, ${workload.label}…`);
      cell(workload, model).replaceChildren(element('span', 'matrix-pending', 'running…'));
      const record = { model, workload, events: [], ms: null, stopped: false };
      const outcome = await lab.run(
        model,
        workload.values,
        (event) => {
          record.events.push(event);
          if (event.kind === Kind.run_end) {
            record.ms = event.time - record.events[0].time;
            record.stopped = event.value !== 0;
          }
        },
        workload.sizes,
        signal,
      );
      if (outcome.stopped || record.ms === null || record.stopped) {
        cell(workload, model).replaceChildren(element('span', 'matrix-pending', 'stopped'));
        notRun(i + 1);
        return { stopped: true };
      }
      if (outcome.adjusted > 0) {
        say(
          `The runtime changed ${outcome.adjusted} value(s) of the ${workload.label} workload to fit the demo's ranges.`,
          true,
        );
      }
      if (model.name === BASELINE) baselines.set(workload.name, record.ms);
      runs.set(`${workload.name}/${model.name}`, record);
      fill(workload, model, record, baselines.get(workload.name));
    }
    return { stopped: false };
  };

  let controller = null;
  stopButton.addEventListener('click', () => {
    stopButton.disabled = true;
    controller?.abort();
  });

  runButton.addEventListener('click', async () => {
    if (runButton.disabled) return;
    const run = new AbortController();
    controller = run;
    runButton.disabled = true;
    stopButton.disabled = false;
    figure.dataset.state = 'running';
    try {
      const { stopped } = await runAll(run.signal);
      say(
        stopped
          ? 'Stopped. Nothing is running now; Run starts the table again.'
          : `Done: ${runs.size} runs. Press a cell to see its run's timeline.`,
      );
    } catch (error) {
      say(`The run failed: ${error.message}`, true);
      console.error(error);
    } finally {
      controller = null;
      runButton.disabled = false;
      stopButton.disabled = true;
      figure.dataset.state = 'ready';
    }
  });
}

// A finished run drawn again from its events, as demo.js draws one while it runs: a heading, its
// timeline on its own time axis, and the legend of the states it showed.
function drawRun({ model, workload, events, ms, speedupText }, figureId) {
  const [start, ...rest] = events;
  const timeline = new Timeline(start.value, model.laneName, start.time);
  for (const event of rest) timeline.add(event);
  timeline.draw(timeline.elapsed());
  const record = RunRecord.ofTimeline(timeline, model);
  const study = new Study(timeline, record, {
    model,
    axisMs: timeline.elapsed(),
    fileName: `${figureId.replace(/^demo-/, '')}-${workload.name}-${model.name}.trace.json`,
    about: { workload: workload.name },
  });
  const heading = element('h3', '', `${model.label}, ${workload.label}: ${formatMs(ms)}`);
  heading.append(element('code', 'lab-stands-for', model.stands_for));
  const about = element(
    'p',
    'lab-values',
    `${speedupText} against ${inSentence(MODELS[BASELINE].label)}` + (workload.about ? ` · ${workload.about}` : ''),
  );
  const legend = element('ul', 'lab-legend');
  for (const state of timeline.legend()) legend.append(element('li', `is-${state}`, STATES[state]));
  return [heading, about, timeline.element, legend, study.element, element('p', 'lab-where', record.summary())];
}
