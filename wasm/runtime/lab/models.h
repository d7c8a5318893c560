// The ways of running a demo's tasks that the course compares.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "lab/declarations.h"  // enum Model and kModels, from models.json
#include "lab/event_log.h"
#include "lab/job.h"
#include "lab/task.h"

namespace lab {

// CPython's default sys.getswitchinterval().
inline constexpr double kSwitchIntervalMs = 5;
// A time slice of the order an operating system's scheduler gives a thread.
inline constexpr double kQuantumMs = 10;

struct RunOptions {
  Model model = Model::sequential;
  int tasks = 1;
  int workers = 1;  // threads in a pool; ignored by single-threaded models
  double switch_interval_ms = kSwitchIntervalMs;  // gil_threads
  int cores = 1;                                  // cores: how many threads compute at once
  double quantum_ms = kQuantumMs;                 // one_core, cores: a thread's time slice
};

// A run's options from a demo's parameters (demo_params.h): `tasks`, and those of the lab's
// well-known parameters that the demo declares: workers, switch_interval_ms, cores, quantum_ms.
template <class Params>
RunOptions options_for(Model model, const Params& params) {
  RunOptions options{model, static_cast<int>(params.tasks)};
  if constexpr (requires { params.workers; }) options.workers = static_cast<int>(params.workers);
  if constexpr (requires { params.switch_interval_ms; }) {
    options.switch_interval_ms = params.switch_interval_ms;
  }
  if constexpr (requires { params.cores; }) options.cores = static_cast<int>(params.cores);
  if constexpr (requires { params.quantum_ms; }) options.quantum_ms = params.quantum_ms;
  return options;
}

struct RunResult {
  double wall_ms = 0;
  int lanes = 0;
  std::vector<int> results;  // per task id
  std::vector<int> lanes_of;  // per task id: the lane that ran it, -1 if it never finished
  bool stopped = false;
};

// A task's body: a coroutine returning its result, such as the bytes a download read.
using TaskBody = std::function<Job(Task&)>;

// Whether `run` can run `model` here: threads need a build with threads, and processes are
// started by the page.
bool runs_here(Model model);

// Runs `options.tasks` tasks under `options.model`, logging every step to `log`, until every
// task has finished or `stop` is set and the running tasks have noticed. A model that does not
// run here ends at once, stopped: `processes` is run by the page, with one single-threaded
// module per worker, each calling run_one.
RunResult run(const RunOptions& options, const TaskBody& body, EventLog& log,
              const std::atomic<bool>& stop);

// Runs the single task `task_id` on `lane`, as one worker process of a pool does.
int run_one(int task_id, int lane, const TaskBody& body, EventLog& log,
            const std::atomic<bool>& stop);

}  // namespace lab
