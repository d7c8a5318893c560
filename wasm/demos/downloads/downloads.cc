// One download, like requests.get(url) in the lesson's Python: send a
// request, then wait for the answer. Nearly all of the time is waiting.
#include "demo_params.h"
#include "lab/task.h"

int run_task(lab::Task& task, const demo::Params& params) {
  // The request is on the wire: this thread sleeps and uses no CPU.
  task.wait_io(params.latency_ms);
  // The page's size in bytes: different per page, the same on every run.
  return 1000 + 37 * task.id();
}
