// One download that may fail or hang, like requests.get(url, timeout=…) followed by
// raise_for_status(): the server answers, answers with an error, or never answers.
#include "demo_params.h"
#include "lab/job.h"
#include "lab/task.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  // Which pages fail or hang depends on the seed alone: every run shows the same ones.
  const lab::Answer answer =
      lab::answer_for(params.fail_rate, params.hang_rate, params.seed, task.id());
  const double latency =
      answer == lab::Answer::never
          ? lab::kForeverMs  // accepted, never answered
          : lab::jittered_ms(params.latency_ms, params.jitter, params.seed, task.id());
  // Give up after timeout_ms (0: wait as long as it takes), and raise a timeout error.
  if (co_await task.io_within(latency, params.timeout_ms)) co_return task.time_out();
  // An error status: raise_for_status() raises.
  if (answer == lab::Answer::error) co_return task.fail();
  co_return 1000 + 37 * task.id();
}
