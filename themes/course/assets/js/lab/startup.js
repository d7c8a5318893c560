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

// When the pool hands out its first task, in ms from its start: once Pool() has returned. The
// parent (or the fork server) forks the workers one after another before it returns, so a task
// waits for the last fork; spawned workers are launched at once and start up on their own, so
// their tasks wait only for them.
export function firstTaskAfter(start, sizes, workers, cores) {
  if (!start || start.order === 'together') return 0;
  return Math.max(0, ...startupSchedule(start, sizes, workers, cores));
}

// The CPU work a worker's first task does before its own (models.json `start.first_task_cpu`):
// a forked worker's copy-on-write of the memory it writes to. 0 for any other task.
export const firstTaskCpuMs = (start, sizes) => (start?.first_task_cpu ? (sizes[start.first_task_cpu] ?? 0) : 0);
