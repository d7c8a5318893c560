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
// asyncio's loop.slow_callback_duration: debug mode logs a step that held the loop longer.
inline constexpr double kSlowCallbackMs = 100;
// Creating a subinterpreter and importing what a task needs: a few milliseconds.
inline constexpr double kInterpreterMs = 10;

struct RunOptions {
  Model model = Model::sequential;
  int tasks = 1;
  int workers = 1;  // threads in a pool; ignored by single-threaded models
  double switch_interval_ms = kSwitchIntervalMs;  // gil_threads
  int cores = 1;                                  // cores: how many threads compute at once
  double quantum_ms = kQuantumMs;                 // one_core, cores: a thread's time slice
  double slow_callback_ms = kSlowCallbackMs;      // event loops: a step longer than this is flagged
  double copy_kb = 0;                             // processes, subinterpreters: copied per task
  double interpreter_ms = kInterpreterMs;         // subinterpreters: one worker's start-up
  // event_loop: tasks under way at once, as a session's connection limit holds downloads back
  // (aiohttp's TCPConnector(limit=…)); 0, no limit.
  int connections = 0;
};

// A run's options from a demo's parameters (demo_params.h): `tasks`, and those of the lab's
// well-known parameters that the demo declares: workers, switch_interval_ms, cores, quantum_ms,
// slow_callback_ms, connections, copy_kb, interpreter_ms.
template <class Params>
RunOptions options_for(Model model, const Params& params) {
  RunOptions options{model, static_cast<int>(params.tasks)};
  if constexpr (requires { params.workers; }) options.workers = static_cast<int>(params.workers);
  if constexpr (requires { params.switch_interval_ms; }) {
    options.switch_interval_ms = params.switch_interval_ms;
  }
  if constexpr (requires { params.cores; }) options.cores = static_cast<int>(params.cores);
  if constexpr (requires { params.quantum_ms; }) options.quantum_ms = params.quantum_ms;
  if constexpr (requires { params.slow_callback_ms; }) {
    options.slow_callback_ms = params.slow_callback_ms;
  }
  if constexpr (requires { params.connections; }) {
    options.connections = static_cast<int>(params.connections);
  }
  if constexpr (requires { params.copy_kb; }) options.copy_kb = params.copy_kb;
  if constexpr (requires { params.interpreter_ms; }) options.interpreter_ms = params.interpreter_ms;
  return options;
}

struct RunResult {
  double wall_ms = 0;
  int lanes = 0;
  std::vector<int> results;   // per task id
  std::vector<int> lanes_of;  // per task id: the lane that ran it, -1 if it never finished
  // Per task id: how it ended (done, failed, timed out, cancelled), `none` if it did not. A
  // cancelled task that never started has no lane.
  std::vector<Ending> endings;
  bool stopped = false;     // some task has no ending: Stop (or a deadlock) cut the run short
  bool deadlocked = false;  // the run ended because its threads waited for each other
};

// A task's body: a coroutine returning its result, such as the bytes a download read.
using TaskBody = std::function<Job(Task&)>;

// Whether `run` can run `model` here: threads need a build with threads, and processes are
// started by the page.
bool runs_here(Model model);

// How many threads a run with `options` starts: one per lane of a model run by threads, none
// otherwise. The browser's threaded build has that many workers ready before the run starts.
int threads_for(const RunOptions& options);

// Runs `options.tasks` tasks under `options.model`, logging every step to `log`, until every
// task has finished or `stop` is set and the running tasks have noticed. A model that does not
// run here ends at once, stopped: `processes` is run by the page, with one single-threaded
// module per worker, each calling run_one.
RunResult run(const RunOptions& options, const TaskBody& body, EventLog& log,
              const std::atomic<bool>& stop);

// Runs the single task `task_id` on `lane`, as one worker process of a pool does, then copies
// `copy_kb` of its result back, as the pool pickles it to the parent. `cpu_first_ms`: CPU work
// the task does before its own, as a forked worker's first task copies the memory pages it
// writes to (copy-on-write); 0 for any other.
int run_one(int task_id, int lane, double copy_kb, double cpu_first_ms, const TaskBody& body,
            EventLog& log, const std::atomic<bool>& stop);

// Copies `bytes` through a buffer of its own, as pickling a task's arguments or result and
// sending them to another process or interpreter does; logged as copy_start and copy_end.
void copy_between_workers(Task& task, double bytes);

}  // namespace lab
