// One download in a worker process that may die during it, as a crash in an extension's C code
// (or os._exit) ends a process: no result and no error go back to the parent.
#include "demo_params.h"
#include "lab/job.h"
#include "lab/task.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  // Which downloads crash their process depends on the seed alone.
  const bool dies =
      lab::answer_for(params.crash_rate, 0, params.seed, task.id()) == lab::Answer::error;
  const double latency = lab::jittered_ms(params.latency_ms, params.jitter, params.seed, task.id());
  co_await task.io(dies ? latency / 2 : latency);
  if (dies) co_return task.crash();
  co_return 1000 + 37 * task.id();
}
