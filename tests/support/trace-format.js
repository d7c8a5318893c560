// Checks a Trace Event Format file as Perfetto UI and chrome://tracing read it: its events have
// the fields their phase needs, complete slices nest on each thread, async slices open and close
// in order per id, and times are in µs. Returns a list of problems: empty when the trace is good.
export function traceProblems(trace) {
  const problems = [];
  if (!trace || !Array.isArray(trace.traceEvents)) return ['no traceEvents array'];
  const events = trace.traceEvents;
  if (events.length === 0) return ['no events'];
  const slicesByThread = new Map();
  const asyncOpen = new Map();
  events.forEach((event, i) => {
    const where = `event ${i} (${event.ph} ${JSON.stringify(event.name)})`;
    if (typeof event.name !== 'string' || event.name === '') problems.push(`${where}: no name`);
    if (!['X', 'M', 'i', 'b', 'e'].includes(event.ph)) problems.push(`${where}: unexpected phase`);
    if (!Number.isInteger(event.pid) || !Number.isInteger(event.tid))
      problems.push(`${where}: pid and tid must be integers`);
    if (!Number.isFinite(event.ts) || event.ts < 0) problems.push(`${where}: ts must be a number ≥ 0 (µs)`);
    if (
      event.ph === 'M' &&
      (!['process_name', 'thread_name'].includes(event.name) || typeof event.args?.name !== 'string')
    ) {
      problems.push(`${where}: metadata needs a name in args`);
    }
    if (event.ph === 'X') {
      if (!Number.isFinite(event.dur) || event.dur < 0) problems.push(`${where}: a complete slice needs dur ≥ 0`);
      const key = `${event.pid}:${event.tid}`;
      if (!slicesByThread.has(key)) slicesByThread.set(key, []);
      slicesByThread.get(key).push({ ...event, index: i });
    }
    if (event.ph === 'i' && !['t', 'p', 'g'].includes(event.s)) problems.push(`${where}: an instant needs a scope`);
    if (event.ph === 'b' || event.ph === 'e') {
      if (typeof event.cat !== 'string' || event.id === undefined)
        problems.push(`${where}: async events need cat and id`);
      const key = `${event.cat}:${event.id}`;
      if (!asyncOpen.has(key)) asyncOpen.set(key, []);
      const stack = asyncOpen.get(key);
      if (event.ph === 'b') stack.push(event);
      else {
        const opened = stack.pop();
        if (!opened) problems.push(`${where}: ends an async slice that is not open`);
        else if (opened.name !== event.name)
          problems.push(`${where}: ends "${opened.name}", which is not the innermost open`);
        else if (event.ts < opened.ts) problems.push(`${where}: ends before it began`);
      }
    }
  });
  for (const [key, stack] of asyncOpen)
    if (stack.length) problems.push(`async slice ${key} "${stack.at(-1).name}" never ends`);
  // Complete slices on one thread must nest: each inside the one open around it, or after it.
  for (const [key, slices] of slicesByThread) {
    slices.sort((a, b) => a.ts - b.ts || b.dur - a.dur || a.index - b.index);
    const open = [];
    for (const slice of slices) {
      while (open.length && open.at(-1).ts + open.at(-1).dur <= slice.ts) open.pop();
      const parent = open.at(-1);
      if (parent && slice.ts + slice.dur > parent.ts + parent.dur) {
        problems.push(
          `thread ${key}: "${slice.name}" at ${slice.ts} µs overlaps "${parent.name}" without nesting in it`,
        );
      }
      open.push(slice);
    }
  }
  return problems;
}

// From the first event's start to the last one's end, in µs.
export function traceExtent(trace) {
  const timed = trace.traceEvents.filter((e) => e.ph !== 'M');
  const start = Math.min(...timed.map((e) => e.ts));
  const end = Math.max(...timed.map((e) => e.ts + (e.dur ?? 0)));
  return end - start;
}
