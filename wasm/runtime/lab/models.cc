#include "lab/models.h"

#include <algorithm>
#include <thread>

#include "lab/clock.h"

namespace lab {

namespace {

void run_one(int id, int lane, const TaskBody& body, EventLog& log,
             const std::atomic<bool>& stop, RunResult& result) {
  log.emit(EventKind::task_start, lane, id);
  Task task(id, lane, log, stop);
  const int value = body(task);
  // Each id is written by exactly one thread, and join() publishes it to the caller.
  result.results[id] = value;
  result.lanes[id] = lane;
  log.emit(EventKind::task_end, lane, id, value);
}

void run_sequential(int tasks, const TaskBody& body, EventLog& log,
                    const std::atomic<bool>& stop, RunResult& result) {
  for (int id = 0; id < tasks && !stop; ++id) run_one(id, 0, body, log, stop, result);
}

// Like ThreadPoolExecutor.map: each worker takes the next task that nobody has taken yet.
void run_threads(int tasks, int workers, const TaskBody& body, EventLog& log,
                 const std::atomic<bool>& stop, RunResult& result) {
  std::atomic<int> next_task{0};
  std::vector<std::thread> pool;
  for (int lane = 0; lane < workers; ++lane) {
    pool.emplace_back([&, lane] {
      for (int id = next_task++; id < tasks && !stop; id = next_task++) {
        run_one(id, lane, body, log, stop, result);
      }
    });
  }
  for (std::thread& worker : pool) worker.join();
}

int lanes_for(const RunOptions& options) {
  if (options.model == Model::sequential) return 1;
  return std::max(1, std::min(options.workers, options.tasks));
}

}  // namespace

RunResult run(const RunOptions& options, const TaskBody& body, EventLog& log,
              const std::atomic<bool>& stop) {
  RunResult result;
  const int tasks = std::max(0, options.tasks);
  result.results.assign(tasks, 0);
  result.lanes.assign(tasks, -1);
  const int lanes = lanes_for(options);

  const double start = now_ms();
  log.emit(EventKind::run_start, -1, static_cast<int>(options.model), lanes, start);
  if (options.model == Model::sequential) {
    run_sequential(tasks, body, log, stop, result);
  } else {
    run_threads(tasks, lanes, body, log, stop, result);
  }
  result.stopped = std::count(result.lanes.begin(), result.lanes.end(), -1) > 0;
  const double end = now_ms();
  result.wall_ms = end - start;
  log.emit(EventKind::run_end, -1, static_cast<int>(options.model), result.stopped, end);
  return result;
}

}  // namespace lab
