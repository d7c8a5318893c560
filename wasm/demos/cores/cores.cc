// A task that only computes, like the lesson's count_squares(n): it never
// waits, so on a core of its own it runs from start to end without a pause.
#include <cstdint>

#include "demo_params.h"
#include "lab/job.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  const auto n = static_cast<std::uint64_t>(params.millions * 1e6);
  std::uint64_t total = 0;
  // Between two slices of this loop the scheduler may give the core to
  // another task, when this one's time slice is over.
  task.compute(
      n, [&](std::uint64_t from, std::uint64_t to) { total += lab::sum_of_squares(from, to); });
  co_return static_cast<int>(total % 1'000'000);
}
