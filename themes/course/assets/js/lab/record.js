// A finished run, to study after the fact: each task's time cut into states that cover it end to
// end, each lane's state at any moment, the moments where something changed, and where the time
// went. Built from the run's events alone, so the sentence, the table, the summary and the
// exported trace all say the same thing.
import { Kind } from './events.js';
import { globalLock } from './terms.js';

// Which event opens and which closes each kind of span within a task: one table for the live
// timeline and for the record.
export const SEGMENTS = {
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

// A lane's states, in the words a sentence uses, and which one a lane shows when its tasks
// differ (an event loop's): the loop runs one step at a time; otherwise its tasks wait.
export const LANE_STATES = {
  running: 'running code',
  blocked: 'blocked by a blocking call',
  copy: 'copying data',
  ready: 'between steps, with a task ready',
  lock: 'waiting for a lock',
  gil: `waiting for ${globalLock}`,
  core: 'waiting for a core',
  io: 'waiting on I/O',
  startup: 'starting',
  idle: 'idle',
};
const PRIORITY = Object.keys(LANE_STATES);

// How a task ended, by the event that ended it; a task with none of them did not end (Stop, a
// deadlock). `task_cancelled` on no lane (-1) is a queued task dropped before it started.
export const ENDINGS = {
  [Kind.task_end]: 'done',
  [Kind.task_failed]: 'failed',
  [Kind.task_timed_out]: 'timed_out',
  [Kind.task_cancelled]: 'cancelled',
  [Kind.task_crashed]: 'crashed',
};

// Each ending in a sentence's words ("task 4 failed").
export const ENDING_WORDS = {
  done: 'finished',
  failed: 'failed (raised an error)',
  timed_out: 'timed out (raised a timeout error)',
  cancelled: 'cancelled',
  dropped: 'cancelled before it started',
  crashed: 'lost with its process',
  never_ran: 'failed before it started',
};

// "thread 2" → "threads"; "process 1" → "processes"; "event loop" → "event loop".
function plural(laneName) {
  const noun = laneName.replace(/ \d+$/, '');
  return noun.endsWith('s') ? `${noun}es` : `${noun}s`;
}

// Fine enough to tell a 5 ms switch from the next: "0.42 ms", "412 ms", "1.250 s".
export const ms = (value) => {
  if (value >= 1000) return `${(value / 1000).toFixed(3)} s`;
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
};
const list = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export class RunRecord {
  // The record of a run a Timeline drew, once it ended.
  static ofTimeline(timeline, model) {
    return new RunRecord({
      events: timeline.events,
      wallMs: timeline.elapsed(),
      lanes: timeline.lanes.length,
      laneName: model.laneName,
      // Under one global lock, a thread that runs code holds it.
      holdsGil: model.uses.includes('switch_interval_ms'),
    });
  }

  // `events`: the run's events with `at`, ms since it started; `wallMs`: its length; `lanes`,
  // `laneName(i)`: its lanes; `holdsGil`: whether a running thread holds the one global lock.
  constructor({ events, wallMs, lanes, laneName, holdsGil = false }) {
    this.wallMs = wallMs;
    this.lanes = lanes;
    this.laneName = laneName;
    this.holdsGil = holdsGil;
    this.tasks = [];
    this.startups = Array(lanes).fill(null);
    this.locks = []; // { lane, lock, start, end }
    this.marks = []; // instants: { at, lane, kind, task, value }
    this.dropped = []; // queued tasks cancelled before they started: { id, at }
    this.errors = []; // where an error reached the code waiting for the tasks: { at, task, value }
    const open = new Map();
    const heldLocks = new Map();
    for (const event of events) {
      const { kind, at, lane, task: id } = event;
      if (kind === Kind.process_start) this.startups[lane] = { start: at, end: wallMs };
      else if (kind === Kind.process_ready) this.startups[lane].end = at;
      else if (kind === Kind.task_start) {
        const task = { id, lane, start: at, end: null, result: null, raw: [] };
        this.tasks.push(task);
        open.set(id, task);
      } else if (ENDINGS[kind] && lane < 0) {
        this.dropped.push({ id, at, outcome: kind === Kind.task_cancelled ? 'dropped' : 'never_ran' });
      } else if (ENDINGS[kind]) {
        const task = open.get(id);
        task.end = at;
        task.outcome = ENDINGS[kind];
        if (kind === Kind.task_end) task.result = event.value;
      } else if (kind === Kind.error_raised) {
        this.errors.push({ at, task: id, value: event.value });
      } else if (SEGMENTS[kind]?.opens) {
        open.get(id).raw.push({ kind: SEGMENTS[kind].opens, start: at, end: null, lock: event.value });
      } else if (SEGMENTS[kind]?.closes) {
        const span = open.get(id).raw.findLast((s) => s.kind === SEGMENTS[kind].closes && s.end === null);
        if (span) span.end = at;
      }
      if (kind === Kind.lock_taken) {
        const held = { lane, lock: event.value, start: at, end: wallMs };
        this.locks.push(held);
        heldLocks.set(`${lane}:${event.value}`, held);
      } else if (kind === Kind.lock_released) {
        const held = heldLocks.get(`${lane}:${event.value}`);
        if (held) held.end = at;
      }
      if (
        [
          Kind.gil_wait_end,
          Kind.lock_taken,
          Kind.lock_released,
          Kind.deadlock,
          Kind.slow_step,
          Kind.error_raised,
        ].includes(kind)
      ) {
        this.marks.push({ at, lane, kind, task: id, value: event.value });
      }
    }
    for (const task of this.tasks) {
      // Ended one way or another: with its result, an error, a timeout or cancelled.
      task.finished = task.end !== null;
      task.outcome ??= null;
      if (!task.finished) task.end = wallMs;
      task.spans = cutIntoStates(task, holdsGil);
      delete task.raw;
    }
    this.tasks.sort((a, b) => a.id - b.id);
    this.byLane = Array.from({ length: lanes }, () => []);
    for (const task of this.tasks) this.byLane[task.lane].push(task);
    this.moments = this.changes();
  }

  // Every moment something changed, in order, from 0 to the run's end: where stepping stops.
  changes() {
    const times = new Set([0, this.wallMs]);
    for (const task of this.tasks) for (const span of task.spans) times.add(span.start).add(span.end);
    for (const startup of this.startups) if (startup) times.add(startup.start).add(startup.end);
    for (const held of this.locks) times.add(held.start).add(held.end);
    for (const error of this.errors) times.add(error.at);
    return [...times].filter((t) => t >= 0 && t <= this.wallMs).sort((a, b) => a - b);
  }

  // The task's state at `t`, or null when it is not under way then. Spans are [start, end).
  static taskStateAt(task, t) {
    if (t < task.start || t >= task.end) return null;
    // Spans are in order and touch: the last one starting at or before t (a run under a global
    // lock has hundreds).
    let low = 0;
    let high = task.spans.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (task.spans[middle].start <= t) low = middle;
      else high = middle - 1;
    }
    const span = task.spans[low];
    return span && t >= span.start && t < span.end ? span : null;
  }

  // What lane `lane` is doing at `t`: { state, tasks: [{ task, span }], locks: [ids held] }.
  laneAt(lane, t) {
    const startup = this.startups[lane];
    const locks = this.locks.filter((h) => h.lane === lane && t >= h.start && t < h.end).map((h) => h.lock);
    if (startup && t >= startup.start && t < startup.end) return { state: 'startup', tasks: [], locks };
    const onLane = this.byLane[lane];
    const tasks = onLane.map((task) => ({ task, span: RunRecord.taskStateAt(task, t) })).filter(({ span }) => span);
    if (tasks.length === 0) {
      const later = onLane.some((task) => task.start > t);
      const before = onLane.some((task) => task.end <= t);
      return { state: before && !later ? 'done' : 'idle', tasks, locks };
    }
    const state = PRIORITY.find((s) => tasks.some(({ span }) => span.state === s)) ?? 'idle';
    return { state, tasks, locks };
  }

  // A lane as a sentence names it: "thread 2", "the event loop".
  called(lane) {
    const name = this.laneName(lane);
    return /\d$/.test(name) ? name : `the ${name}`;
  }

  // One lane at `t`, in words: "thread 2 runs task 5, holding the global lock".
  describeLane(lane, t) {
    const { state, tasks, locks } = this.laneAt(lane, t);
    const name = this.called(lane);
    const holding = [
      ...(state === 'running' && this.holdsGil ? [globalLock] : []),
      ...locks.map((lock) => `lock ${String.fromCharCode(65 + lock)}`),
    ];
    const holds = holding.length ? `, holding ${list(holding)}` : '';
    if (state === 'startup') return `${name} is starting`;
    if (state === 'idle') return `${name} is idle`;
    if (state === 'done') return `${name} is done`;
    const ids = (s) => tasks.filter(({ span }) => span.state === s).map(({ task }) => task.id + 1);
    const tasksWord = (n) => (n.length > 1 ? `tasks ${list(n.map(String))}` : `task ${n[0]}`);
    if (tasks.length === 1) {
      const { task, span } = tasks[0];
      const n = task.id + 1;
      const what = {
        running: `runs task ${n}`,
        blocked: `is stuck in task ${n}'s blocking call`,
        copy: `copies task ${n}'s data`,
        ready: `has task ${n} ready`,
        lock: `waits for lock ${String.fromCharCode(65 + span.lock)} (task ${n})`,
        gil: `waits for ${globalLock} (task ${n})`,
        core: `waits for a core (task ${n})`,
        io: `waits on I/O (task ${n})`,
      }[span.state];
      return `${name} ${what}${holds}`;
    }
    // Several tasks on one lane: an event loop's.
    const head =
      {
        running: `runs task ${ids('running')[0]}`,
        blocked: `is stuck in task ${ids('blocked')[0]}'s blocking call`,
        copy: `copies task ${ids('copy')[0]}'s data`,
        ready: 'is about to run a ready task',
        io: 'waits: nothing is ready',
      }[state] ?? `is ${LANE_STATES[state]}`;
    const others = [];
    const ready = ids('ready');
    const io = ids('io');
    if (ready.length) others.push(`${tasksWord(ready)} ${ready.length > 1 ? 'are' : 'is'} ready`);
    if (io.length) others.push(`${tasksWord(io)} ${io.length > 1 ? 'wait' : 'waits'} on I/O`);
    return `${name} ${head}${holds}${others.length ? `; ${others.join('; ')}` : ''}`;
  }

  // The whole run at `t` in one sentence: "At 412 ms: thread 2 runs task 5, holding the lock;
  // thread 1 waits for the lock (task 3)". Lanes that say the same without a task share a phrase.
  sentence(t) {
    const phrases = [];
    const grouped = new Map();
    for (let lane = 0; lane < this.lanes; lane += 1) {
      const text = this.describeLane(lane, t);
      const name = this.called(lane);
      const rest = text.slice(name.length);
      if (/^ is (idle|done|starting)$/.test(rest) && this.lanes > 1) {
        if (!grouped.has(rest)) {
          grouped.set(rest, []);
          phrases.push(grouped.get(rest));
        }
        grouped.get(rest).push(lane);
      } else {
        phrases.push(text);
      }
    }
    const said = phrases.map((phrase) => {
      if (typeof phrase === 'string') return phrase;
      const lanes = phrase;
      const rest = this.describeLane(lanes[0], t).slice(this.called(lanes[0]).length);
      if (lanes.length === 1) return `${this.called(lanes[0])}${rest}`;
      const numbers = lanes.map((lane) => this.laneName(lane).match(/\d+$/)?.[0] ?? this.laneName(lane));
      return `${plural(this.laneName(lanes[0]))} ${list(numbers)}${rest.replace(/^ is /, ' are ')}`;
    });
    const when = t >= this.wallMs ? `At ${ms(t)}, the end` : `At ${ms(t)}`;
    return `${when}: ${said.join('; ')}.`;
  }

  // Each task's times: { id, lane, start, end, finished, result, byState: { running: ms, … } },
  // whose states add up to end − start.
  taskTimes() {
    if (this.times) return this.times;
    this.times = this.tasks.map((task) => {
      const byState = {};
      for (const span of task.spans) byState[span.state] = (byState[span.state] ?? 0) + span.end - span.start;
      return {
        id: task.id,
        lane: task.lane,
        start: task.start,
        end: task.end,
        finished: task.finished,
        outcome: task.outcome,
        result: task.result,
        byState,
      };
    });
    // Queued tasks dropped before they started: no lane, no time of their own.
    for (const { id, at, outcome } of this.dropped) {
      this.times.push({ id, lane: -1, start: at, end: at, finished: true, outcome, result: null, byState: {} });
    }
    this.times.sort((a, b) => a.id - b.id);
    return this.times;
  }

  // How the lanes spent the run: { state: fraction of lanes × wall time }, over every lane from
  // the run's start to its end ('done' counts as idle).
  whereTimeWent() {
    const totals = {};
    // Lane by lane, over the moments where that lane changed: a lane's state holds between them.
    for (let lane = 0; lane < this.lanes; lane += 1) {
      const cuts = new Set([0, this.wallMs]);
      for (const task of this.byLane[lane]) for (const span of task.spans) cuts.add(span.start).add(span.end);
      const startup = this.startups[lane];
      if (startup) cuts.add(startup.start).add(startup.end);
      for (const held of this.locks) if (held.lane === lane) cuts.add(held.start).add(held.end);
      const times = [...cuts].filter((t) => t >= 0 && t <= this.wallMs).sort((a, b) => a - b);
      for (let i = 0; i + 1 < times.length; i += 1) {
        const length = times[i + 1] - times[i];
        if (length <= 0) continue;
        let { state } = this.laneAt(lane, (times[i] + times[i + 1]) / 2);
        if (state === 'done') state = 'idle';
        totals[state] = (totals[state] ?? 0) + length;
      }
    }
    const whole = this.lanes * this.wallMs || 1;
    return Object.fromEntries(Object.entries(totals).map(([state, time]) => [state, time / whole]));
  }

  // The summary in words: "The 4 threads spent 61% of the run waiting for the lock, 37% running
  // code and 2% idle."
  summary() {
    const shares = Object.entries(this.whereTimeWent())
      .map(([state, share]) => [state, Math.round(share * 100)])
      .filter(([, percent]) => percent >= 1)
      .sort((a, b) => b[1] - a[1] || PRIORITY.indexOf(a[0]) - PRIORITY.indexOf(b[0]));
    const who = this.lanes > 1 ? `The ${this.lanes} ${plural(this.laneName(0))}` : `The ${this.laneName(0)}`;
    const parts = shares.map(
      ([state, percent], i) => `${percent}%${i === 0 ? ' of the run' : ''} ${LANE_STATES[state]}`,
    );
    return `Where the time went: ${who.charAt(0).toLowerCase()}${who.slice(1)} spent ${list(parts)}.`;
  }

  // How the tasks ended, when some did not simply finish: "At 268 ms task 4 failed. 3 finished,
  // 1 failed (raised an error) and 4 cancelled before they started." Null when every task finished.
  endings() {
    const counts = {};
    for (const { outcome } of this.taskTimes())
      counts[outcome ?? 'unfinished'] = (counts[outcome ?? 'unfinished'] ?? 0) + 1;
    if (Object.keys(counts).every((outcome) => outcome === 'done' || outcome === 'unfinished')) return null;
    const order = ['done', 'failed', 'timed_out', 'crashed', 'cancelled', 'dropped', 'never_ran', 'unfinished'];
    const words = {
      ...ENDING_WORDS,
      dropped: 'cancelled before they started',
      never_ran: 'failed before they started',
      unfinished: 'not finished',
    };
    const parts = order.filter((o) => counts[o]).map((o) => `${counts[o]} ${words[o]}`);
    return `Of ${this.taskTimes().length} tasks: ${list(parts)}.`;
  }
}

// Longest gap between a task's start and its first wait for the global lock that is only the asking.
const ASKING_MS = 1;

// A task's raw spans (which may nest: a blocking call inside a step) cut into states that cover
// [start, end) with no gap and no overlap: at each moment the innermost open span decides; with
// none, the task is running, or, on an event loop (a task with steps), ready between its steps.
function cutIntoStates(task, holdsGil) {
  const spans = task.raw.map((s) => ({ ...s, end: s.end ?? task.end }));
  const between = spans.some((s) => s.kind === 'step') ? 'ready' : 'running';
  const cuts = [...new Set([task.start, task.end, ...spans.flatMap((s) => [s.start, s.end])])]
    .filter((t) => t >= task.start && t <= task.end)
    .sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    if (end <= start) continue;
    const inner = spans.filter((s) => s.start <= start && s.end >= end).at(-1);
    const state = inner ? (inner.kind === 'step' ? 'running' : inner.kind) : between;
    const lock = inner?.kind === 'lock' ? inner.lock : undefined;
    const last = out.at(-1);
    if (last && last.state === state && last.lock === lock) last.end = end;
    else out.push({ state, start, end, ...(lock !== undefined ? { lock } : {}) });
  }
  return holdsGil ? askingIsWaiting(out) : out;
}

// Under a global lock a thread that starts its task, or comes back from I/O or a lock, must take
// that lock again before it runs code. When it has to wait, the lab logs the start (or the end of
// the other wait) a moment before the wait for the global lock: that moment is the asking, not
// code running without the lock, and is drawn as part of the wait.
function askingIsWaiting(spans) {
  const out = [];
  for (const [i, span] of spans.entries()) {
    const asking =
      span.state === 'running' &&
      span.end - span.start < ASKING_MS &&
      spans[i + 1]?.state === 'gil' &&
      out.at(-1)?.state !== 'gil';
    if (asking) spans[i + 1].start = span.start;
    else out.push(span);
  }
  return out;
}
