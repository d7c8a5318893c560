// A download, as the course's Python example does it with requests: ask a server for a page,
// then wait until the bytes arrive. Almost all of that time is spent waiting, not computing.
#include "demo_params.h"
#include "lab/task.h"

int run_task(lab::Task& task, const demo::Params& params) {
  task.wait_io(params.latency_ms);  // the request is on the wire; this thread just sleeps
  return 1000 + 37 * task.id();     // bytes "read": different per page, same on every run
}
