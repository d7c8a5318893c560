// A sweep: a demo's run repeated for every value of one of its parameters, from the parameter's
// minimum up to a value the learner picks, for each chosen model. Wall time against the value is
// drawn as it comes, one line per model, with a table of every point as the chart's text.
import { element } from './dom.js';
import { Kind } from './events.js';
import { inSentence } from './models.js';
import { readParams } from './params.js';
import { formatMs } from './timeline.js';

// More points than this are spread evenly over the range, the last value always included.
const MOST_POINTS = 24;
// Each series' colour is a theme variable (--series-1 …, course.css), readable in light and dark.
const SERIES_COLOURS = 6;
const seriesColour = (i) => `var(--series-${(i % SERIES_COLOURS) + 1})`;

// The swept parameter and its values, from the form's "up to" field (checked like any value);
// null, with a message in `notes`, if that field holds no number.
export function readSweep(form, demo) {
  const name = form.querySelector('[data-sweep]').dataset.sweep;
  const index = demo.params.findIndex((spec) => spec.name === name);
  const spec = demo.params[index];
  const upTo = readParams(form, [{ ...spec, name: 'sweep_to', label: `Sweep ${spec.label.toLowerCase()} up to` }]);
  if (upTo.refused) return { refused: true, notes: upTo.notes };
  const all = [];
  for (let step = 0; spec.min + step * spec.step <= upTo.values[0] + 1e-9; step += 1) {
    all.push(Number((spec.min + step * spec.step).toPrecision(12)));
  }
  const points =
    all.length <= MOST_POINTS
      ? all
      : Array.from({ length: MOST_POINTS }, (_, i) => all[Math.round((i * (all.length - 1)) / (MOST_POINTS - 1))]);
  return { spec, index, points, notes: upTo.notes };
}

// Runs every model at every point in turn, drawing each wall time as its run ends. Resolves with
// { stopped } once every run has ended, or when `signal` stops one.
export async function sweepModels(
  lab,
  demo,
  { values, sizes, models },
  { spec, index, points },
  container,
  signal,
  say,
) {
  container.replaceChildren();
  const unit = spec.unit ? ` (${spec.unit})` : '';
  const section = element('section', 'lab-sweep-result');
  section.setAttribute('aria-label', `Sweep of ${spec.label.toLowerCase()}`);
  section.append(element('h3', '', `Wall time against ${spec.label.toLowerCase()}${unit}`));
  const chart = new SweepChart(spec, models, points);
  const table = new SweepTable(spec, models, points);
  section.append(chart.element, chart.legend, table.element);
  container.append(section);

  const total = points.length * models.length;
  let done = 0;
  for (const value of points) {
    for (const model of models) {
      if (signal.aborted) return { stopped: true };
      done += 1;
      say(`Running ${inSentence(model.label)} with ${spec.label.toLowerCase()} ${value} (${done} of ${total})…`);
      const runValues = values.with(index, value);
      const runSizes = { ...sizes, [spec.name]: value };
      let start = 0;
      let wall = null;
      const outcome = await lab.run(
        model,
        runValues,
        (event) => {
          if (event.kind === Kind.run_start) start = event.time;
          else if (event.kind === Kind.run_end && !event.value) wall = event.time - start;
        },
        runSizes,
        signal,
      );
      if (outcome.stopped || wall === null) return { stopped: true };
      chart.add(model, value, wall);
      table.add(model, value, wall);
    }
  }
  return { stopped: false };
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Wall time (y, from 0) against the swept value (x), a line and dots per model, redrawn whole
// as points arrive so that the y axis always fits them.
class SweepChart {
  constructor(spec, models, points) {
    this.spec = spec;
    this.models = models;
    this.points = points;
    this.series = new Map(models.map((model) => [model, []]));
    this.element = svg('svg', { viewBox: '0 0 640 300', class: 'lab-sweep-chart', role: 'img' });
    this.element.setAttribute(
      'aria-label',
      `Line chart: wall time against ${spec.label.toLowerCase()}, one line per model. The table below lists every point.`,
    );
    this.legend = element('ul', 'lab-legend lab-sweep-legend');
    models.forEach((model, i) => {
      const item = element('li', '', model.label);
      item.style.setProperty('--swatch', seriesColour(i));
      this.legend.append(item);
    });
    this.draw();
  }

  add(model, value, ms) {
    this.series.get(model).push({ value, ms });
    this.draw();
  }

  draw() {
    const left = 64,
      right = 620,
      top = 16,
      bottom = 256;
    const lowest = this.points[0];
    const highest = this.points.at(-1);
    // The y axis ends at a round figure above the longest time, in four steps of 1, 2, 2.5 or 5 × 10ⁿ ms.
    const slowest = Math.max(1, ...[...this.series.values()].flat().map((point) => point.ms));
    const magnitude = 10 ** Math.floor(Math.log10(slowest / 4));
    const tick = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((t) => 4 * t >= slowest);
    const longest = 4 * tick;
    const x = (value) =>
      highest === lowest ? (left + right) / 2 : left + ((value - lowest) / (highest - lowest)) * (right - left);
    const y = (ms) => bottom - (ms / longest) * (bottom - top);
    const nodes = [];
    for (let i = 0; i <= 4; i += 1) {
      const ms = tick * i;
      nodes.push(
        svg('line', { x1: left, x2: right, y1: y(ms), y2: y(ms), class: 'grid' }),
        svg('text', { x: left - 8, y: y(ms) + 4, 'text-anchor': 'end' }, formatMs(ms)),
      );
    }
    const every = Math.ceil(this.points.length / 12);
    this.points.forEach((value, i) => {
      if (i % every === 0 || i === this.points.length - 1) {
        nodes.push(svg('text', { x: x(value), y: bottom + 18, 'text-anchor': 'middle' }, String(value)));
      }
    });
    nodes.push(
      svg(
        'text',
        { x: (left + right) / 2, y: bottom + 40, 'text-anchor': 'middle', class: 'axis-title' },
        this.spec.label + (this.spec.unit ? ` (${this.spec.unit})` : ''),
      ),
    );
    this.models.forEach((model, i) => {
      const colour = seriesColour(i);
      const series = this.series.get(model);
      if (series.length > 1) {
        const path = series.map(({ value, ms }) => `${x(value).toFixed(1)},${y(ms).toFixed(1)}`).join(' ');
        const line = svg('polyline', { points: path, fill: 'none', 'stroke-width': 2 });
        line.style.stroke = colour; // a variable works as a style, not as an attribute
        nodes.push(line);
      }
      for (const { value, ms } of series) {
        const dot = svg('circle', { cx: x(value), cy: y(ms), r: 4, class: 'point' });
        dot.style.fill = colour;
        dot.append(svg('title', {}, `${model.label}, ${this.spec.label.toLowerCase()} ${value}: ${formatMs(ms)}`));
        nodes.push(dot);
      }
    });
    this.element.replaceChildren(...nodes);
  }
}

// The chart's text alternative: a row per value, a column per model, filled as runs end.
class SweepTable {
  constructor(spec, models, points) {
    this.models = models;
    this.element = element('table', 'lab-sweep-table');
    this.element.append(element('caption', '', `Wall time for each ${spec.label.toLowerCase()} value`));
    const head = this.element.createTHead().insertRow();
    head.append(element('th', '', spec.label + (spec.unit ? ` (${spec.unit})` : '')));
    for (const model of models) head.append(element('th', '', model.label));
    const body = this.element.createTBody();
    this.rows = new Map(
      points.map((value) => {
        const row = body.insertRow();
        row.append(element('th', '', String(value)));
        for (const _ of models) row.insertCell().textContent = '…';
        return [value, row];
      }),
    );
  }

  add(model, value, ms) {
    this.rows.get(value).cells[1 + this.models.indexOf(model)].textContent = formatMs(ms);
  }
}
