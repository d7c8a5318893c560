// One task that first waits, then computes, in Python:
//     page = session.get(url).content    # waiting for the network
//     digest = parse(page)               # computing, with nothing to wait for
#include <cstdint>

#include "demo_params.h"
#include "lab/job.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  co_await task.io(params.latency_ms);
  // Parsing stands for any pure-Python computation: a loop of arithmetic.
  const auto n = static_cast<std::uint64_t>(params.millions * 1e6);
  std::uint64_t total = 0;
  task.compute(
      n, [&](std::uint64_t from, std::uint64_t to) { total += lab::sum_of_squares(from, to); });
  co_return static_cast<int>(total % 1'000'000);
}
