// Draws a run as it happens: one lane per thread, event loop or process; one bar per task,
// stacked within a lane when tasks overlap on it (an event loop's tasks do); inside each bar,
// what the task was doing: running, waiting on I/O, for the GIL or for a lock, blocking the loop,
// copying its data; and where asyncio's debug mode would warn of a slow step, or the lab found a
// deadlock.
import { element } from './dom.js';
import { Kind, clockNow } from './events.js';

// Which event opens and which closes each kind of segment within a task's bar.
const SEGMENTS = {
  [Kind.io_start]: { opens: 'io' },
  [Kind.io_end]: { closes: 'io' },
  [Kind.gil_wait_start]: { opens: 'gil' },
  [Kind.gil_wait_end]: { closes: 'gil' },
  [Kind.blocked_start]: { opens: 'blocked' },
  [Kind.blocked_end]: { closes: 'blocked' },
  [Kind.step_start]: { opens: 'step' },
  [Kind.step_end]: { closes: 'step' },
  [Kind.core_wait_start]: { opens: 'core' },
  [Kind.core_wait_end]: { closes: 'core' },
  [Kind.lock_wait_start]: { opens: 'lock' },
  [Kind.lock_taken]: { closes: 'lock' },
  [Kind.copy_start]: { opens: 'copy' },
  [Kind.copy_end]: { closes: 'copy' },
};

// Locks are numbered from 0 in the C++ (lab::kLocks) and named A, B, C… on the page.
export const lockName = (id) => String.fromCharCode(65 + id);

export const STATES = {
  running: 'running',
  step: 'running',
  ready: 'ready, waiting for the loop',
  io: 'waiting on I/O',
  gil: 'waiting for the GIL',
  core: 'ready, waiting for a core',
  blocked: 'blocking the loop',
  startup: 'process or interpreter starting',
  lock: 'waiting for a lock',
  copy: 'copying data between workers',
  slow: 'slow step (asyncio debug mode)',
};

export class Timeline {
  // `origin` is the run's start on the runtime's clock; `laneName(i)` labels lane i.
  constructor(lanes, laneName, origin) {
    this.origin = origin;
    this.laneName = laneName;
    this.end = null;
    this.tasks = new Map();
    this.states = new Set();
    // Asyncio's debug-mode warnings, { task, ms }, and the deadlock's cycle, { lane, holds, waitsFor }.
    this.slowSteps = [];
    this.deadlock = [];
    this.held = Array.from({ length: lanes }, () => new Set());
    this.element = element('div', 'lab-timeline');
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Timeline');
    this.lanes = Array.from({ length: lanes }, (_, lane) => {
      const row = element('div', 'lab-lane');
      row.dataset.lane = String(lane);
      const track = element('div', 'lab-track');
      row.append(element('span', 'lab-lane-name', laneName(lane)), track);
      this.element.append(row);
      return { track, rows: [], startup: null };
    });
  }

  // Milliseconds since the run started: until now while it runs, its length once it ended.
  elapsed() {
    return (this.end ?? clockNow()) - this.origin;
  }

  add(event) {
    const at = event.time - this.origin;
    if (event.kind === Kind.run_end) {
      this.end = event.time;
    } else if (event.kind === Kind.process_start) {
      const bar = element('div', 'lab-bar is-startup');
      this.lanes[event.lane].track.append(bar);
      this.lanes[event.lane].startup = { bar, start: at, end: null };
      this.states.add('startup');
    } else if (event.kind === Kind.process_ready) {
      this.lanes[event.lane].startup.end = at;
    } else if (event.kind === Kind.task_start) {
      this.startTask(event, at);
    } else if (event.kind === Kind.task_end) {
      const task = this.tasks.get(event.task);
      task.end = at;
      this.lanes[task.lane].rows[task.row] = false;
      task.result = event.value;
      task.bar.title = `Task ${event.task + 1}`;
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

  // A mark where the step ended, worded as asyncio's debug mode logs it.
  flagSlowStep(id, ms, at) {
    const task = this.tasks.get(id);
    const mark = element('span', 'lab-mark is-slow', '⚠');
    mark.title = `Executing <Task-${id + 1}> took ${(ms / 1000).toFixed(3)} seconds`;
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
    lane.track.style.setProperty('--rows', String(lane.rows.length));
    this.tasks.set(event.task, { bar, lane: event.lane, row, start: at, end: null, segments: [] });
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
  }

  // Every finished task in id order: { id, lane, result, ms }.
  results() {
    return [...this.tasks.entries()]
      .filter(([, task]) => task.end !== null)
      .sort(([a], [b]) => a - b)
      .map(([id, task]) => ({ id, lane: task.lane, result: task.result, ms: task.end - task.start }));
  }

  // How long each lane ran task code: a task's time less its waits, or, on an event loop,
  // the sum of its steps.
  busyByLane() {
    const busy = this.lanes.map(() => 0);
    const length = (segments, kinds) => segments
      .filter((s) => kinds.includes(s.kind))
      .reduce((sum, s) => sum + ((s.end ?? s.start) - s.start), 0);
    for (const task of this.tasks.values()) {
      if (task.end === null) continue;
      const steps = task.segments.some((s) => s.kind === 'step');
      busy[task.lane] += steps
        ? length(task.segments, ['step'])
        : task.end - task.start - length(task.segments, ['io', 'gil', 'blocked', 'core', 'lock']);
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
