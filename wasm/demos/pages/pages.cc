// A crawler's task: download a page, then parse it. The download waits on
// the network; the parsing keeps a processor busy.
#include <cstdint>

#include "demo_params.h"
#include "lab/job.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  co_await task.io(lab::jittered_ms(params.latency_ms, params.jitter, params.seed, task.id()));
  const auto n = static_cast<std::uint64_t>(params.parse_millions * 1e6) + task.id();
  std::uint64_t checksum = 0;
  task.compute(
      n, [&](std::uint64_t from, std::uint64_t to) { checksum += lab::sum_of_squares(from, to); });
  co_return static_cast<int>(checksum % 1000);
}
