// The ways of running a demo's tasks that the course compares.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "lab/event_log.h"
#include "lab/task.h"

namespace lab {

// The numbers are part of the page's protocol (themes/course/assets/js/lab/models.js).
enum class Model : std::int32_t {
  sequential = 0,  // one thread, one task after another: a plain for loop in Python
  threads = 1,     // a pool of worker threads: concurrent.futures.ThreadPoolExecutor
};

struct RunOptions {
  Model model = Model::sequential;
  int tasks = 1;
  int workers = 1;  // ignored by the sequential model
};

struct RunResult {
  double wall_ms = 0;
  std::vector<int> results;  // per task id
  std::vector<int> lanes;    // per task id: which thread ran it, -1 if it never ran
  bool stopped = false;
};

// A task's body: returns its result, such as the number of bytes a download read.
using TaskBody = std::function<int(Task&)>;

// Runs `options.tasks` tasks under `options.model`, logging every step to `log`. Blocks until
// every task has finished or `stop` is set and the running tasks have noticed.
RunResult run(const RunOptions& options, const TaskBody& body, EventLog& log,
              const std::atomic<bool>& stop);

}  // namespace lab
