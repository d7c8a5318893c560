// One live demo on a lesson page: its form, its runs, their timelines and the verdict.
import { Kind } from './events.js';
import { MODELS } from './models.js';
import { readParams } from './params.js';
import { canUseThreads, loadLab } from './runtime.js';
import { Timeline, formatMs } from './timeline.js';

const element = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

export function mountDemo(figure) {
  const demo = JSON.parse(figure.dataset.lab);
  const form = figure.querySelector('.lab-controls');
  const button = form.querySelector('button[type="submit"]');
  const message = figure.querySelector('.lab-message');
  const runs = figure.querySelector('.lab-runs');
  const say = (text, warning = false) => {
    message.textContent = text;
    message.classList.toggle('is-warning', warning);
  };

  if (!canUseThreads()) {
    figure.dataset.state = 'unavailable';
    say('This demo runs real threads, and browsers only allow those on pages served with the ' +
        'Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers. This copy of the ' +
        'page came without them, so the demo cannot start here.', true);
    return;
  }

  const lab = loadLab(new URL(figure.dataset.module, document.baseURI).href);
  lab.then(
    () => {
      performance.mark(`lab-ready:${demo.id}`);
      figure.dataset.state = 'ready';
      button.disabled = false;
      say('Ready: press Run.');
    },
    (error) => {
      figure.dataset.state = 'error';
      say(`The demo could not start: ${error.message}`, true);
      console.error(error);
    },
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    const { values, notes, refused } = readParams(form, demo.params);
    if (refused) {
      say(notes.join(' '), true);
      return;
    }
    button.disabled = true;
    figure.dataset.state = 'running';
    say(notes.length ? notes.join(' ') : 'Running…', notes.length > 0);
    try {
      await compareModels(await lab, demo, values, runs);
      if (!notes.length) say('Done. Change the numbers and run again.');
    } catch (error) {
      say(`The run failed: ${error.message}`, true);
      console.error(error);
    } finally {
      button.disabled = false;
      figure.dataset.state = 'ready';
    }
  });
}

// Runs each of the demo's models in turn on the same values, drawing all of them on one time
// axis so that their lengths compare at a glance, then says how they compare.
async function compareModels(lab, demo, values, container) {
  container.replaceChildren();
  const timelines = [];
  let drawing = true;
  const draw = () => {
    const axisMs = Math.max(1, ...timelines.map((timeline) => timeline.elapsed()));
    for (const timeline of timelines) timeline.draw(axisMs);
    if (drawing) requestAnimationFrame(draw);
  };
  requestAnimationFrame(draw);

  const walls = [];
  try {
    for (const name of demo.models) {
      const model = MODELS[name];
      const section = element('section', 'lab-run');
      section.setAttribute('aria-label', model.label);
      const heading = element('h3', '', model.label);
      const wall = element('output');
      heading.append(wall);
      section.append(heading);
      container.append(section);

      let timeline = null;
      await lab.run(model, values, (event) => {
        if (event.kind === Kind.runStart) {
          timeline = new Timeline(event.value, model.lane, event.time);
          timelines.push(timeline);
          section.append(timeline.element);
          return;
        }
        timeline.add(event);
        if (event.kind === Kind.runEnd) {
          const ms = timeline.elapsed();
          wall.dataset.ms = String(ms);
          wall.textContent = formatMs(ms);
          walls.push({ model, ms });
        }
      });
      section.append(legend(), resultsTable(demo, model, timeline.results()));
    }
  } finally {
    drawing = false;
    draw();
  }
  container.append(verdict(walls));
}

function legend() {
  const list = element('ul', 'lab-legend');
  list.append(element('li', 'is-running', 'running'), element('li', 'is-waiting', 'waiting on I/O'));
  return list;
}

function resultsTable(demo, model, results) {
  const details = element('details', 'lab-results');
  details.open = results.length <= 8;
  details.append(element('summary', '', `Each task's result (${results.length})`));
  const table = element('table');
  const head = table.createTHead().insertRow();
  for (const title of ['Task', 'Ran on', demo.result_label ?? 'Result', 'Took']) {
    head.append(element('th', '', title));
  }
  const body = table.createTBody();
  for (const { id, lane, result, ms } of results) {
    const row = body.insertRow();
    for (const text of [String(id + 1), model.lane(lane), result.toLocaleString('en'), formatMs(ms)]) {
      row.insertCell().textContent = text;
    }
  }
  details.append(table);
  return details;
}

function verdict(walls) {
  const [baseline, ...others] = walls;
  const text = others
    .map(({ model, ms }) => {
      const ratio = baseline.ms / ms;
      const how = ratio >= 1 ? `${ratio.toFixed(1)}× faster than` : `${(1 / ratio).toFixed(1)}× slower than`;
      return `${model.label}: ${formatMs(ms)}, ${how} ${baseline.model.label.toLowerCase()} (${formatMs(baseline.ms)}).`;
    })
    .join(' ');
  return element('p', 'lab-verdict', text);
}
