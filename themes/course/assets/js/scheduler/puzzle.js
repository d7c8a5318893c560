// The "Be the scheduler" puzzle as plain data, without the page: two threads each run the same
// program (a list of steps, data/scheduler.toml) against one shared counter, in the order a
// scheduler picks. A state is never changed: each step returns a new one, and any state can be
// rebuilt from the program and the moves that led to it (replay), which is how Undo works.

export const THREADS = 2;
export const OPS = ['acquire', 'load', 'add', 'store', 'release'];

// Thread numbers as people count them: thread 1 and thread 2 (indexes 0 and 1).
export const threadName = (t) => `thread ${t + 1}`;

export function start(steps) {
  for (const step of steps) {
    if (!OPS.includes(step.op)) throw new Error(`Unknown step ${JSON.stringify(step.op)}; known: ${OPS.join(', ')}`);
  }
  return {
    steps,
    locked: steps.some(({ op }) => op === 'acquire'),
    counter: 0,
    holder: null, // the thread that holds the lock, if any
    threads: Array.from({ length: THREADS }, () => ({ pc: 0, stack: [] })),
    log: [], // { thread, op, label, value }: what each step did, in order
  };
}

// The step thread t runs next, or undefined once it has finished.
export const nextStep = (state, t) => state.steps[state.threads[t].pc];

export const finished = (state) => state.threads.every((_, t) => !nextStep(state, t));

// Why thread t cannot run its next step now, or null if it can:
// { why: 'finished' } or { why: 'lock', holder } (its next step is acquire and the other holds it).
export function blocker(state, t) {
  const step = nextStep(state, t);
  if (!step) return { why: 'finished' };
  if (step.op === 'acquire' && state.holder !== null && state.holder !== t)
    return { why: 'lock', holder: state.holder };
  return null;
}

export const legalMoves = (state) => state.threads.map((_, t) => t).filter((t) => !blocker(state, t));

// The state after thread t runs its next step. Throws if it cannot (see blocker).
export function step(state, t) {
  const blocked = blocker(state, t);
  if (blocked) throw new Error(`${threadName(t)} cannot run now: ${explainBlocker(t, blocked)}`);
  const current = nextStep(state, t);
  const threads = state.threads.map((thread) => ({ ...thread, stack: [...thread.stack] }));
  const thread = threads[t];
  let { counter, holder } = state;
  let value;
  switch (current.op) {
    case 'acquire':
      holder = t;
      break;
    case 'release':
      holder = null;
      break;
    case 'load':
      value = counter;
      thread.stack.push(value);
      break;
    case 'add':
      value = thread.stack.pop() + 1;
      thread.stack.push(value);
      break;
    case 'store':
      value = thread.stack.pop();
      counter = value;
      break;
  }
  thread.pc += 1;
  return {
    ...state,
    counter,
    holder,
    threads,
    log: [...state.log, { thread: t, op: current.op, label: current.label, value }],
  };
}

// The state after the given moves (thread indexes, in order) from the start.
export const replay = (steps, moves) => moves.reduce(step, start(steps));

// One line of the log: "thread 1: load counter → 0".
export function describe({ thread, op, label, value }) {
  const who = `${threadName(thread)}: ${label}`;
  if (op === 'load' || op === 'add') return `${who} → ${value}`;
  if (op === 'store') return `${who} ← ${value}`;
  return who;
}

export function explainBlocker(t, blocked) {
  if (blocked.why === 'finished') return `${capital(threadName(t))} has finished.`;
  return `${capital(threadName(t))} waits: ${threadName(blocked.holder)} holds the lock.`;
}

// How the run ended, once both threads have finished, else null:
// { counter, lost } and, for a lost update, `overwritten` (the thread whose store was lost) and
// `survivor` (the thread that read before that store and stored last).
export function outcome(state) {
  if (!finished(state)) return null;
  const lost = state.counter < THREADS;
  const stores = state.log.filter(({ op }) => op === 'store');
  const result = { counter: state.counter, lost, locked: state.locked };
  if (lost) {
    result.overwritten = stores[0].thread;
    result.survivor = stores[stores.length - 1].thread;
  }
  return result;
}

// What the page says when the run ends.
export function verdict(result) {
  if (result.lost) {
    return (
      `Lost update: both threads added 1, but counter is ${result.counter}. ` +
      `${capital(threadName(result.survivor))} read 0 before ${threadName(result.overwritten)} stored 1, ` +
      `so its store overwrote ${threadName(result.overwritten)}'s.`
    );
  }
  if (result.locked) {
    return (
      `counter is ${result.counter}. Every order you can pick ends at ${THREADS}: ` +
      'the lock keeps the load-add-store of one thread together.'
    );
  }
  return (
    `Correct: counter is ${result.counter}. The thread that loaded second read 1, because the other had already stored. ` +
    'To lose an update, let both threads load before either one stores.'
  );
}

const capital = (text) => text[0].toUpperCase() + text.slice(1);
