// One download, like requests.get(url) in the lesson's Python: send a
// request, wait for the answer, read it. Nearly all of the time is waiting.
#include "demo_params.h"
#include "lab/job.h"
#include "lab/task.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  // The request is on the wire: wait for the answer without using the CPU.
  // Each page has its own latency, the same on every run with the same seed.
  co_await task.io(lab::jittered_ms(params.latency_ms, params.jitter, params.seed, task.id()));
  // Python's own work for the download: the request built, the answer's headers parsed and its
  // body read (a millisecond or two with requests or aiohttp; 0 by default, as waiting is the
  // point).
  lab::compute_for(task, params.cpu_ms);
  // The page's size in bytes: different per page, the same on every run.
  co_return 1000 + 37 * task.id();
}
