// One task of the course's CPU-bound example, in Python:
//     sum(i * i for i in range(n))
// No waiting at all: the task needs a processor for its whole life.
#include <cstdint>

#include "demo_params.h"
#include "lab/job.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  // Like the Python example's numbers, each task's n differs a little.
  const auto n = static_cast<std::uint64_t>(params.millions * 1e6) + 1000 * task.id();
  std::uint64_t total = 0;
  // compute() runs the loop in slices; between two slices, a GIL may
  // change hands, as CPython's does every few milliseconds.
  task.compute(
      n, [&](std::uint64_t from, std::uint64_t to) { total += lab::sum_of_squares(from, to); });
  co_return static_cast<int>(total % 1'000'000);  // the sum's last 6 digits
}
