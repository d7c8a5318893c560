// The ways of running a demo's tasks that the course compares.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "lab/event_log.h"
#include "lab/job.h"
#include "lab/task.h"

namespace lab {

// The numbers are part of the page's protocol (themes/course/assets/js/lab/models.js).
enum class Model : std::int32_t {
  sequential = 0,           // one task after another on one thread: a plain for loop
  threads = 1,              // a pool of threads: ThreadPoolExecutor, if Python had no GIL
  gil_threads = 2,          // the same pool, running Python code only while holding the GIL
  event_loop = 3,           // one thread, tasks give way where they await: asyncio.gather
  event_loop_blocking = 4,  // the same, with a blocking call (time.sleep) where await belongs
  processes = 5,            // separate interpreters without shared memory: multiprocessing.Pool
                            // (run by the page, one single-threaded module per worker)
};

// CPython's default sys.getswitchinterval().
inline constexpr double kSwitchIntervalMs = 5;

struct RunOptions {
  Model model = Model::sequential;
  int tasks = 1;
  int workers = 1;  // threads in a pool; ignored by single-threaded models
  double switch_interval_ms = kSwitchIntervalMs;
};

struct RunResult {
  double wall_ms = 0;
  int lanes = 0;
  std::vector<int> results;  // per task id
  std::vector<int> lanes_of;  // per task id: the lane that ran it, -1 if it never finished
  bool stopped = false;
};

// A task's body: a coroutine returning its result, such as the bytes a download read.
using TaskBody = std::function<Job(Task&)>;

// Whether `run` can run `model` here: threads need a build with threads.
bool runs_here(Model model);

// Runs `options.tasks` tasks under `options.model`, logging every step to `log`, until every
// task has finished or `stop` is set and the running tasks have noticed. `processes` is not
// run here: the page runs it with one single-threaded module per worker, each calling run_one.
RunResult run(const RunOptions& options, const TaskBody& body, EventLog& log,
              const std::atomic<bool>& stop);

// Runs the single task `task_id` on `lane`, as one worker process of a pool does.
int run_one(int task_id, int lane, const TaskBody& body, EventLog& log,
            const std::atomic<bool>& stop);

}  // namespace lab
