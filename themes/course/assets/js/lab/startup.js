// When each worker of a pool is ready, in ms from the pool's start, by its start method
// (models.json `start`). fork and forkserver make workers one after another: the parent, or the
// server once it is up, forks each in turn. spawn starts them all at once, and their start-ups,
// being work for the CPU, share the machine's cores. A worker is ready at that time or when the
// browser has started it, whichever is later.
export function startupSchedule(start, sizes, workers, cores) {
  if (!start) return Array(workers).fill(0);
  const server = sizes[start.server] ?? 0;
  const each = sizes[start.each] ?? 0;
  if (start.order === 'together') {
    return Array(workers).fill(server + each * Math.max(1, workers / cores));
  }
  return Array.from({ length: workers }, (_, i) => server + each * (i + 1));
}
