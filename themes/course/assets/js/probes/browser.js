// The probes written in JavaScript: what the browser itself costs. Each returns nanoseconds.
// The clock they read steps by 5 µs on a cross-origin isolated page and by 100 µs elsewhere
// (Chromium), so a short operation is timed in batches and the batches' median taken.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// The smallest non-zero step of performance.now(), over up to `steps` steps or 50 ms.
export function timerStepNs(steps = 40) {
  let last = performance.now();
  const until = last + 50;
  let smallest = Infinity;
  for (let seen = 0; seen < steps;) {
    const now = performance.now();
    if (now > until) break;
    if (now === last) continue;
    smallest = Math.min(smallest, now - last);
    last = now;
    seen += 1;
  }
  return { ns: smallest * 1e6, how: 'the smallest of its steps' };
}

// A message to `worker`, which echoes it (echo.js), and back: `batches` batches of `size` round
// trips one after another, after a few to wake the worker up.
export async function workerRoundTripNs(worker, batches = 15, size = 32) {
  const echo = () =>
    new Promise((resolve) => {
      worker.onmessage = resolve;
      worker.postMessage(0);
    });
  for (let i = 0; i < size; i++) await echo();
  const each = [];
  for (let batch = 0; batch < batches; batch++) {
    const start = performance.now();
    for (let i = 0; i < size; i++) await echo();
    each.push(((performance.now() - start) / size) * 1e6);
  }
  return { ns: median(each), how: `median of ${batches} batches of ${size} round trips` };
}

// `url` fetched `times` times, each with a query string of its own and the cache bypassed, so
// that every fetch goes to the server; the median, body included.
export async function fetchNs(url, times = 9) {
  const each = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const fresh = new URL(url);
    fresh.searchParams.set('probe', `${Date.now().toString(36)}-${i}`);
    const start = performance.now();
    const response = await fetch(fresh, { cache: 'no-store' });
    bytes = (await response.arrayBuffer()).byteLength;
    each.push((performance.now() - start) * 1e6);
    if (!response.ok) throw new Error(`The probe's file answered ${response.status}.`);
  }
  return { ns: median(each), how: `median of ${times} fetches of a ${bytes}-byte file` };
}
