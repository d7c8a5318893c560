// One task of the @ID@ demo: it waits (like a network call), then computes.
// Every model of the lab runs this same code: a thread blocks at co_await, an
// event loop runs another task there; compute() runs in slices, between which a
// GIL may change hands.
#include <cstdint>

#include "demo_params.h"
#include "lab/job.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  co_await task.io(params.wait_ms);
  const auto n = static_cast<std::uint64_t>(params.millions * 1e6);
  std::uint64_t total = 0;
  task.compute(
      n, [&](std::uint64_t from, std::uint64_t to) { total += lab::sum_of_squares(from, to); });
  co_return static_cast<int>(total % 1000);
}
