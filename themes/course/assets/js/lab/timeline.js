// Draws a run as it happens: one lane per thread, event loop or process; one bar per task,
// stacked within a lane when tasks overlap on it (an event loop's tasks do); inside each bar,
// what the task was doing: running, waiting on I/O, for a global lock or for a lock, blocking the
// loop, copying its data; and where the event loop's debug mode would warn of a slow step, or the
// lab found a deadlock.
import { element } from './dom.js';
import { Kind, clockNow } from './events.js';
import { ENDINGS, ENDING_WORDS, SEGMENTS } from './record.js';
import { globalLock, globalLockShort, slowStepMessage, TERMS } from './terms.js';

// Locks are numbered from 0 in the C++ (lab::kLocks) and named A, B, C… on the page.
export const lockName = (id) => String.fromCharCode(65 + id);

export const STATES = {
  running: 'running',
  step: 'running',
  ready: 'ready, waiting for the loop',
  io: 'waiting on I/O',
  gil: `waiting for ${globalLock}`,
  core: 'ready, waiting for a core',
  blocked: 'blocking the loop',
  startup: 'process or interpreter starting',
  lock: 'waiting for a lock',
  copy: 'copying data between workers',
  slow: `slow step (${TERMS.slow_step_warner})`,
  failed: 'failed: raised an error',
  timed_out: 'timed out',
  cancelled: 'cancelled',
  crashed: 'lost: its process died',
  error: 'the error reaches the waiting code',
};

// The glyph at the end of a bar that did not end with its result (its label says it in words).
const END_MARKS = { failed: '✕', timed_out: '◷', cancelled: '⊘', crashed: '†' };

export class Timeline {
  // `origin` is the run's start on the runtime's clock; `laneName(i)` labels lane i.
  constructor(lanes, laneName, origin) {
    this.origin = origin;
    this.laneName = laneName;
    this.end = null;
    this.tasks = new Map();
    this.states = new Set();
    // The loop's slow-step warnings, { task, ms }, and the deadlock's cycle, { lane, holds, waitsFor }.
    this.slowSteps = [];
    this.deadlock = [];
    // Queued tasks dropped before they started, and where an error reached the waiting code.
    this.dropped = [];
    this.errors = [];
    this.held = Array.from({ length: lanes }, () => new Set());
    // Every event as it came, with `at`, ms since the run started: what a RunRecord is made of.
    this.events = [];
    this.element = element('div', 'lab-timeline');
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Timeline');
    this.lanes = Array.from({ length: lanes }, (_, lane) => {
      const row = element('div', 'lab-lane');
      row.dataset.lane = String(lane);
      // The track is a window on its content, which zooming widens and panning slides.
      const view = element('div', 'lab-track');
      const track = element('div', 'lab-track-content');
      view.append(track);
      // The lane's name, and once the run is studied, its state at the cursor below it.
      const head = element('div', 'lab-lane-head');
      head.append(element('span', 'lab-lane-name', laneName(lane)));
      row.append(head, view);
      this.element.append(row);
      return { head, view, track, rows: [], startup: null };
    });
  }

  // Milliseconds since the run started: until now while it runs, its length once it ended.
  elapsed() {
    return (this.end ?? clockNow()) - this.origin;
  }

  add(event) {
    const at = event.time - this.origin;
    this.events.push({ kind: event.kind, at, lane: event.lane, task: event.task, value: event.value });
    if (event.kind === Kind.run_end) {
      this.end = event.time;
    } else if (event.kind === Kind.process_start) {
      const bar = element('div', 'lab-bar is-startup');
      this.lanes[event.lane].track.append(bar);
      this.lanes[event.lane].startup = { bar, start: at, end: null, lane: event.lane };
      this.states.add('startup');
    } else if (event.kind === Kind.process_ready) {
      this.lanes[event.lane].startup.end = at;
    } else if (event.kind === Kind.task_start) {
      this.startTask(event, at);
    } else if (ENDINGS[event.kind] && event.lane < 0) {
      // No bar to draw: the table and the findings list them.
      this.dropped.push(event.task);
    } else if (ENDINGS[event.kind]) {
      const task = this.tasks.get(event.task);
      task.end = at;
      this.lanes[task.lane].rows[task.row] = false;
      const outcome = ENDINGS[event.kind];
      task.outcome = outcome;
      if (event.kind === Kind.task_end) task.result = event.value;
      task.bar.title = `Task ${event.task + 1}${outcome === 'done' ? '' : `: ${ENDING_WORDS[outcome]}`}`;
      if (outcome !== 'done') {
        task.bar.classList.add(`is-${outcome.replace('_', '-')}`);
        const mark = element('span', 'lab-end', END_MARKS[outcome]);
        mark.setAttribute('aria-hidden', 'true');
        task.bar.append(mark);
        this.states.add(outcome);
      }
    } else if (event.kind === Kind.error_raised) {
      // A line across every lane at the instant the error reached the waiting code.
      const lines = this.lanes.map((lane) => {
        const line = element('div', 'lab-error-line');
        line.setAttribute('aria-hidden', 'true');
        lane.track.append(line);
        return line;
      });
      this.errors.push({ task: event.task, at, lines });
      this.states.add('error');
    } else if (event.kind === Kind.slow_step) {
      this.flagSlowStep(event.task, event.value, at);
    } else if (event.kind === Kind.deadlock) {
      const task = this.tasks.get(event.task);
      task.bar.classList.add('is-deadlocked');
      this.deadlock.push({ lane: event.lane, holds: [...this.held[event.lane]], waitsFor: event.value });
    } else {
      if (event.kind === Kind.lock_taken) this.held[event.lane].add(event.value);
      if (event.kind === Kind.lock_released) this.held[event.lane].delete(event.value);
      if (SEGMENTS[event.kind]) this.segment(this.tasks.get(event.task), SEGMENTS[event.kind], at);
    }
  }

  // A mark where the step ended, worded as the event loop's debug mode logs it.
  flagSlowStep(id, ms, at) {
    const task = this.tasks.get(id);
    const mark = element('span', 'lab-mark is-slow', '⚠');
    mark.title = slowStepMessage(id, ms, this.slowStepFirstTask);
    task.bar.append(mark);
    task.marks = [...(task.marks ?? []), { node: mark, at }];
    this.slowSteps.push({ task: id, ms });
    this.states.add('slow');
  }

  startTask(event, at) {
    const lane = this.lanes[event.lane];
    // The first row of the lane with no task still open, so overlapping tasks stack.
    let row = lane.rows.findIndex((open) => !open);
    if (row < 0) row = lane.rows.push(false) - 1;
    lane.rows[row] = true;
    const bar = element('div', 'lab-bar');
    bar.style.setProperty('--row', String(row));
    bar.append(element('span', 'lab-bar-label', String(event.task + 1)));
    lane.track.append(bar);
    lane.view.style.setProperty('--rows', String(lane.rows.length));
    this.tasks.set(event.task, { id: event.task, bar, lane: event.lane, row, start: at, end: null, segments: [] });
  }

  segment(task, { opens, closes }, at) {
    if (opens) {
      const node = element('div', `lab-seg is-${opens}`);
      task.bar.prepend(node);
      task.segments.push({ kind: opens, node, start: at, end: null });
      // An event loop's task is drawn as ready between its steps, running during them.
      if (opens === 'step') task.bar.classList.add('has-steps');
      this.states.add(opens === 'step' ? 'ready' : opens);
    } else {
      const open = task.segments.findLast((s) => s.kind === closes && s.end === null);
      if (open) open.end = at;
    }
  }

  // Places everything on a time axis `axisMs` long, shared by the runs being compared.
  draw(axisMs) {
    this.axisMs = axisMs;
    const now = this.elapsed();
    const percent = (ms) => `${(100 * ms) / axisMs}%`;
    for (const lane of this.lanes) {
      if (!lane.startup) continue;
      lane.startup.bar.style.left = percent(lane.startup.start);
      lane.startup.bar.style.width = percent((lane.startup.end ?? now) - lane.startup.start);
    }
    for (const task of this.tasks.values()) {
      const end = task.end ?? now;
      task.bar.style.left = percent(task.start);
      task.bar.style.width = percent(end - task.start);
      const length = Math.max(end - task.start, 1e-9);
      for (const segment of task.segments) {
        segment.node.style.left = `${(100 * (segment.start - task.start)) / length}%`;
        segment.node.style.width = `${(100 * ((segment.end ?? end) - segment.start)) / length}%`;
      }
      for (const mark of task.marks ?? []) mark.node.style.left = `${(100 * (mark.at - task.start)) / length}%`;
    }
    for (const error of this.errors) for (const line of error.lines) line.style.left = percent(error.at);
  }

  // After the run: a cursor line and each lane's state beside its name, a ruler for the zoomed
  // view, bars that say what they are when hovered or focused (one tab stop; arrows move between
  // bars), and Ctrl+wheel or a pinch to zoom. `study` is the run's Study.
  study(study) {
    this.studied = study;
    this.element.classList.add('is-studied');
    this.ruler = element('div', 'lab-ruler');
    this.ruler.setAttribute('aria-hidden', 'true');
    const rulerRow = element('div', 'lab-ruler-row');
    const rulerView = element('div', 'lab-track');
    rulerView.append(this.ruler);
    rulerRow.append(element('div', 'lab-lane-head'), rulerView);
    this.element.prepend(rulerRow);
    for (const lane of this.lanes) {
      lane.now = element('span', 'lab-lane-now');
      lane.head.append(lane.now);
      lane.cursor = element('div', 'lab-cursor');
      lane.track.append(lane.cursor);
    }
    this.tip = element('div', 'lab-tip');
    this.tip.setAttribute('role', 'tooltip');
    this.tip.id = `${study.now.id}-tip`;
    this.tip.hidden = true;
    this.element.append(this.tip);

    // The bars in reading order: lane by lane, then by start.
    this.focusable = [
      ...this.lanes.flatMap((lane) => (lane.startup ? [lane.startup] : [])),
      ...this.tasks.values(),
    ].sort((a, b) => a.lane - b.lane || a.start - b.start);
    this.focusable.forEach((item, i) => {
      item.bar.tabIndex = i === 0 ? 0 : -1;
      item.bar.removeAttribute('title');
      // A picture of its task, named by its times: what hovering shows, for a screen reader.
      item.bar.setAttribute('role', 'img');
      item.bar.setAttribute('aria-label', this.describe(item, study.record));
    });
    this.element.addEventListener('pointerover', (event) => this.hover(event, study.record));
    this.element.addEventListener('pointerleave', () => {
      this.tip.hidden = true;
    });
    this.element.addEventListener('focusin', (event) => {
      const item = this.focusable.find((f) => f.bar === event.target);
      if (item) this.showTip(item.bar, this.describe(item, study.record));
    });
    this.element.addEventListener('focusout', () => {
      this.tip.hidden = true;
    });
    this.element.addEventListener('keydown', (event) => this.moveFocus(event));
    this.element.addEventListener(
      'wheel',
      (event) => {
        // A zoomed timeline pans with a sideways wheel, or Shift and the wheel.
        const sideways = event.shiftKey ? event.deltaY : event.deltaX;
        if (
          !event.ctrlKey &&
          !event.metaKey &&
          study.zoom > 1 &&
          Math.abs(sideways) > Math.abs(event.shiftKey ? 0 : event.deltaY)
        ) {
          event.preventDefault();
          study.setPan(study.pan + sideways / (this.lanes[0].view.getBoundingClientRect().width * study.zoom));
          return;
        }
        if (!event.ctrlKey && !event.metaKey) return; // a plain wheel scrolls the page
        event.preventDefault();
        const box = this.lanes[0].view.getBoundingClientRect();
        const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
        study.zoomAround(Math.exp(-event.deltaY / 300), fraction);
      },
      { passive: false },
    );
  }

  // What a bar is, in words: its task (or start-up), lane, times and where its time went.
  describe(item, record) {
    const span = `${formatMs(item.start)} to ${formatMs(item.end ?? record.wallMs)}, ${formatMs((item.end ?? record.wallMs) - item.start)}`;
    if (item.segments === undefined) return `${this.laneName(item.lane)} starting: ${span}`;
    const { id } = item;
    const times = record.taskTimes().find((t) => t.id === id);
    const parts = Object.entries(times.byState)
      .sort((a, b) => b[1] - a[1])
      .map(([state, ms]) => `${state === 'running' ? 'running' : (STATES[state] ?? state)} ${formatMs(ms)}`);
    const unfinished = !times.finished
      ? ' (not finished)'
      : times.outcome && times.outcome !== 'done'
        ? ` (${STATES[times.outcome]} at ${formatMs(item.end)})`
        : '';
    return `Task ${id + 1} on ${this.laneName(item.lane)}${unfinished}: ${span}; ${parts.join(', ')}`;
  }

  hover(event, record) {
    const node = event.target.closest('.lab-seg, .lab-bar');
    if (!node) return;
    const item = this.focusable.find((f) => f.bar === node.closest('.lab-bar'));
    if (!item) return;
    const segment = node.classList.contains('lab-seg') ? item.segments.find((s) => s.node === node) : null;
    if (segment) {
      const end = segment.end ?? item.end ?? record.wallMs;
      this.showTip(
        node,
        `Task ${item.id + 1}, ${STATES[segment.kind]}: ${formatMs(segment.start)} to ${formatMs(end)}, ${formatMs(end - segment.start)}`,
      );
    } else {
      this.showTip(item.bar, this.describe(item, record));
    }
  }

  showTip(node, text) {
    this.tip.textContent = text;
    this.tip.hidden = false;
    const box = this.element.getBoundingClientRect();
    const target = node.getBoundingClientRect();
    const left = Math.min(Math.max(0, target.left - box.left), Math.max(0, box.width - this.tip.offsetWidth));
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${target.bottom - box.top + 4}px`;
  }

  // Arrow keys move the one tab stop between bars; Escape hides the tooltip.
  moveFocus(event) {
    const at = this.focusable.findIndex((f) => f.bar === event.target);
    if (at < 0) return;
    if (event.key === 'Escape') {
      this.tip.hidden = true;
      return;
    }
    const to = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: this.focusable.length - 1,
    }[event.key];
    if (to === undefined || to < 0 || to >= this.focusable.length) return;
    event.preventDefault();
    event.target.tabIndex = -1;
    const next = this.focusable[to].bar;
    next.tabIndex = 0;
    next.focus();
    // Focusing a bar outside the zoomed view brings the cursor, and the view, to it.
    this.studied.setCursor(this.focusable[to].start);
  }

  // The cursor at `t` ms, and each lane's state there beside its name.
  showCursor(t, record) {
    const left = `${(100 * t) / (this.axisMs || 1)}%`;
    for (const [i, lane] of this.lanes.entries()) {
      lane.cursor.style.left = left;
      lane.now.textContent = shortState(record, i, t);
    }
  }

  // Zoom (≥ 1) and pan (the fraction of the axis left of the view), and the ruler's ticks.
  setView(zoom, pan, axisMs) {
    this.element.style.setProperty('--zoom', String(zoom));
    this.element.style.setProperty('--pan', String(pan));
    this.element.dataset.zoom = String(zoom);
    const from = pan * axisMs;
    const width = axisMs / zoom;
    // A round step giving about five ticks in view: 1, 2 or 5 × a power of ten.
    const rough = width / 5;
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((k) => k * power).find((k) => k >= rough);
    const ticks = [];
    // Not the last 12%: a label there would run past the track's end.
    for (let t = Math.ceil(from / step) * step; t <= from + width * 0.88; t += step) {
      // Labels as fine as the step: "1005 ms" beside "1010 ms", never two "1.01 s".
      const tick = element('span', 'lab-tick', step >= 1000 ? `${+(t / 1000).toFixed(3)} s` : `${+t.toFixed(3)} ms`);
      tick.style.left = `${(100 * (t - from)) / width}%`;
      ticks.push(tick);
    }
    this.ruler.replaceChildren(...ticks);
  }

  // How long each lane ran task code: a task's time less its waits, or, on an event loop,
  // the sum of its steps.
  busyByLane() {
    const busy = this.lanes.map(() => 0);
    // A wait still open when its task ended (a task cancelled or failed while it waited) lasted
    // to that end.
    const length = (segments, kinds, end) =>
      segments.filter((s) => kinds.includes(s.kind)).reduce((sum, s) => sum + ((s.end ?? end) - s.start), 0);
    for (const task of this.tasks.values()) {
      if (task.end === null) continue;
      const steps = task.segments.some((s) => s.kind === 'step');
      busy[task.lane] += steps
        ? length(task.segments, ['step'], task.end)
        : task.end - task.start - length(task.segments, ['io', 'gil', 'blocked', 'core', 'lock'], task.end);
    }
    return busy;
  }

  // Which states this run showed, for its legend.
  legend() {
    const hasSteps = [...this.tasks.values()].some((t) => t.segments.some((s) => s.kind === 'step'));
    return ['running', ...(hasSteps ? ['ready'] : []), ...[...this.states].filter((s) => s !== 'ready')];
  }
}

export function formatMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

// A lane's state in a few words, beside its name: "runs 5", "I/O", "waits for B", "holds A".
function shortState(record, lane, t) {
  const { state, tasks, locks } = record.laneAt(lane, t);
  const task = tasks.find(({ span }) => span.state === state);
  const n = task ? task.task.id + 1 : '';
  const words = {
    running: `runs ${n}${record.holdsGil ? ` · ${globalLockShort}` : ''}`,
    blocked: `blocked by ${n}`,
    copy: `copies ${n}`,
    ready: 'ready',
    lock: `waits for ${task ? lockName(task.span.lock) : 'a lock'}`,
    gil: `waits for ${globalLockShort}`,
    core: 'waits for core',
    io: 'I/O',
    startup: 'starting',
    idle: 'idle',
    done: 'done',
  }[state];
  return `${words}${locks.length ? ` · holds ${locks.map(lockName).join(', ')}` : ''}`;
}
