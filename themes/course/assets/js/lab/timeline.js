// Draws a run as it happens: one lane per thread, one bar per task, the waits striped.
import { Kind } from './events.js';

const element = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

// The same clock as the runtime's lab::now_ms(), so a bar still running can grow live.
const clockNow = () => performance.timeOrigin + performance.now();

export class Timeline {
  // `origin` is the run's start on the runtime's clock; `laneName(i)` labels lane i.
  constructor(lanes, laneName, origin) {
    this.origin = origin;
    this.end = null;
    this.tasks = new Map();
    this.element = element('div', 'lab-timeline');
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Timeline');
    this.tracks = [];
    for (let lane = 0; lane < lanes; lane += 1) {
      const row = element('div', 'lab-lane');
      row.dataset.lane = String(lane);
      const track = element('div', 'lab-track');
      row.append(element('span', 'lab-lane-name', laneName(lane)), track);
      this.element.append(row);
      this.tracks.push(track);
    }
  }

  // Milliseconds since the run started: until now while it runs, its length once it ended.
  elapsed() {
    return (this.end ?? clockNow()) - this.origin;
  }

  add(event) {
    const at = event.time - this.origin;
    const task = this.tasks.get(event.task);
    switch (event.kind) {
      case Kind.taskStart: {
        const bar = element('div', 'lab-bar');
        bar.append(element('span', 'lab-bar-label', String(event.task + 1)));
        this.tracks[event.lane].append(bar);
        this.tasks.set(event.task, { bar, lane: event.lane, start: at, end: null, waits: [] });
        break;
      }
      case Kind.ioStart: {
        const wait = element('div', 'lab-wait');
        task.bar.prepend(wait);
        task.waits.push({ element: wait, start: at, end: null });
        break;
      }
      case Kind.ioEnd:
        task.waits[task.waits.length - 1].end = at;
        break;
      case Kind.taskEnd:
        task.end = at;
        task.result = event.value;
        task.bar.title = `Task ${event.task + 1}: ${formatMs(at - task.start)}`;
        break;
      case Kind.runEnd:
        this.end = event.time;
        break;
      default:
        break;
    }
  }

  // Places every bar on a time axis `axisMs` long, shared by the runs being compared.
  draw(axisMs) {
    const now = this.elapsed();
    const percent = (ms) => `${(100 * ms) / axisMs}%`;
    for (const task of this.tasks.values()) {
      const end = task.end ?? now;
      task.bar.style.left = percent(task.start);
      task.bar.style.width = percent(end - task.start);
      const length = Math.max(end - task.start, 1e-9);
      for (const wait of task.waits) {
        wait.element.style.left = `${(100 * (wait.start - task.start)) / length}%`;
        wait.element.style.width = `${(100 * ((wait.end ?? end) - wait.start)) / length}%`;
      }
    }
  }

  // Every finished task in id order: { id, lane, result, ms }.
  results() {
    return [...this.tasks.entries()]
      .filter(([, task]) => task.end !== null)
      .sort(([a], [b]) => a - b)
      .map(([id, task]) => ({ id, lane: task.lane, result: task.result, ms: task.end - task.start }));
  }
}

export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
