// A run as a Trace Event Format file (the JSON that Perfetto UI, speedscope and the old
// chrome://tracing open):
// a pid per process (the page's one process, or each worker process of a pool), a tid per
// thread or lane, a complete slice per task with its states as slices inside it, instants where
// a global lock or a lock changes hands, and each track's name as metadata. An event loop's tasks
// overlap on its one thread, and complete slices on a thread must nest, so each of its tasks goes
// on a track of its own (every viewer shows those; not all show async slices); the steps the
// loop ran stay on the loop's thread.
import { Kind } from './events.js';
import { LANE_STATES } from './record.js';
import { globalLockShort } from './terms.js';

const micros = (ms) => Math.round(ms * 1000);
const lockName = (id) => String.fromCharCode(65 + id);

// `record`: a RunRecord; `model`: the model run (models.json); `about`: what the file says of its
// run, kept in otherData (the demo, its values).
export function traceOf(record, model, about = {}) {
  const perProcess = model.backend === 'processes';
  const where = (lane) => (perProcess ? { pid: lane + 1, tid: 1 } : { pid: 1, tid: lane + 1 });
  const events = [];
  const meta = (name, pid, tid, value) => events.push({ name, ph: 'M', pid, tid, ts: 0, args: { name: value } });
  const slice = (name, cat, start, end, at, args) =>
    events.push({
      name,
      cat,
      ph: 'X',
      ts: micros(start),
      dur: Math.max(0, micros(end) - micros(start)),
      ...at,
      ...(args ? { args } : {}),
    });

  // The run itself, as the first process's track 0: its extent is the run's wall time.
  meta('process_name', 1, 0, perProcess ? `${model.label}: ${record.laneName(0)}` : model.label);
  meta('thread_name', 1, 0, 'run');
  slice(`run: ${model.label}`, 'run', 0, record.wallMs, { pid: 1, tid: 0 }, { stands_for: model.stands_for });
  for (let lane = 0; lane < record.lanes; lane += 1) {
    const at = where(lane);
    if (perProcess && lane > 0) meta('process_name', at.pid, 0, `${model.label}: ${record.laneName(lane)}`);
    meta('thread_name', at.pid, at.tid, record.laneName(lane));
    const startup = record.startups[lane];
    if (startup) slice('starting', 'startup', startup.start, startup.end, at);
  }

  const overlapping = new Set();
  for (let lane = 0; lane < record.lanes; lane += 1) {
    const onLane = record.tasks.filter((task) => task.lane === lane);
    if (onLane.some((a) => onLane.some((b) => a !== b && a.start < b.end && b.start < a.end))) overlapping.add(lane);
  }
  for (const task of record.tasks) {
    const at = where(task.lane);
    const name = `task ${task.id + 1}`;
    const args = {
      task: task.id + 1,
      lane: record.laneName(task.lane),
      ...(task.outcome === 'done'
        ? { result: task.result }
        : task.finished
          ? { ended: task.outcome }
          : { finished: false }),
    };
    if (overlapping.has(task.lane)) {
      // The task's own track, named after its lane; the loop's thread gets what it ran.
      const own = { pid: at.pid, tid: at.tid * 1000 + task.id + 1 };
      meta('thread_name', own.pid, own.tid, `${record.laneName(task.lane)}: ${name}`);
      slice(name, 'task', task.start, task.end, own, args);
      for (const span of task.spans) {
        const label = stateLabel(span);
        slice(label, 'state', span.start, span.end, own);
        if (span.state === 'running' || span.state === 'blocked')
          slice(`${name}: ${label}`, 'step', span.start, span.end, at);
      }
    } else {
      slice(name, 'task', task.start, task.end, at, args);
      for (const span of task.spans) slice(stateLabel(span), 'state', span.start, span.end, at);
    }
  }

  for (const mark of record.marks) {
    // An error reaching the waiting code belongs to no lane: it goes on the run's own track.
    const at = mark.lane < 0 ? { pid: 1, tid: 0 } : where(mark.lane);
    const lane = record.laneName(mark.lane);
    const name = {
      [Kind.gil_wait_end]: `${globalLockShort} → ${lane}`,
      [Kind.lock_taken]: `${lane} takes lock ${lockName(mark.value)}`,
      [Kind.lock_released]: `${lane} releases lock ${lockName(mark.value)}`,
      [Kind.deadlock]: `deadlock: ${lane} waits for lock ${lockName(mark.value)}`,
      [Kind.slow_step]: `slow step: task ${mark.task + 1} took ${mark.value} ms`,
      [Kind.error_raised]: `error raised: task ${mark.task + 1}`,
    }[mark.kind];
    events.push({ name, cat: 'mark', ph: 'i', s: 't', ts: micros(mark.at), ...at });
  }

  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: {
      made_by: 'the concurrency course lab',
      model: model.name,
      stands_for: model.stands_for,
      wall_ms: record.wallMs,
      ...about,
    },
  };
}

// "waiting for a core", "waiting for lock B", "running".
function stateLabel(span) {
  if (span.state === 'lock') return `waiting for lock ${lockName(span.lock)}`;
  if (span.state === 'running') return 'running';
  return LANE_STATES[span.state] ?? span.state;
}
