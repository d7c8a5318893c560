#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "demo_params.h"
#include "lab/models.h"

lab::Job run_task(lab::Task& task, const demo::Params& params);

namespace {

lab::RunResult download_all(lab::Model model, const demo::Params& params) {
  lab::EventLog log;
  std::atomic<bool> stop{false};
  return lab::run(
      {model, int(params.tasks), int(params.workers)},
      [&](lab::Task& task) { return run_task(task, params); }, log, stop);
}

// The declared defaults, with these downloads.
demo::Params downloads(double tasks, double workers, double latency_ms, double jitter,
                       double seed) {
  double values[std::size(demo::kParamSpecs)];
  for (std::size_t i = 0; i < std::size(values); ++i) values[i] = demo::kParamSpecs[i].fallback;
  demo::Params params = demo::params_from(values);
  params.tasks = tasks;
  params.workers = workers;
  params.latency_ms = latency_ms;
  params.jitter = jitter;
  params.seed = seed;
  return params;
}

TEST(Downloads, EveryPageIsReadOnceWithItsOwnSize) {
  for (const lab::Model model : {lab::Model::threads, lab::Model::event_loop}) {
    const lab::RunResult result = download_all(model, downloads(12, 4, 5, 0.5, 3));
    for (int id = 0; id < 12; ++id) EXPECT_EQ(result.results[id], 1000 + 37 * id);
  }
}

TEST(Downloads, ThreadsOverlapTheWaiting) {
  // 8 downloads of 100 ms: one by one they need 800 ms, on 8 threads about 100 ms. Starting 8
  // threads under ThreadSanitizer on a busy shared machine can take a few hundred ms: a few
  // tries for a quiet moment; the bound itself never moves.
  const double sequential =
      download_all(lab::Model::sequential, downloads(8, 8, 100, 0, 1)).wall_ms;
  double threaded = sequential;
  for (int attempt = 0; attempt < 3 && threaded * 3 >= sequential; ++attempt) {
    threaded = download_all(lab::Model::threads, downloads(8, 8, 100, 0, 1)).wall_ms;
  }
  EXPECT_LT(threaded * 3, sequential);
}

TEST(Downloads, PythonsOwnWorkPerDownloadAddsUpOnTheEventLoopsOneThread) {
  // 8 downloads of 20 ms at once, each then 10 ms of Python's own work: the waits overlap, the
  // work does not (the loop runs one step at a time), so it adds all of the work: as much as the
  // same work with nothing to wait for (measured beside it: a busy machine slows the work). The
  // quickest of three runs each: a run the shared machine interrupted measures the machine.
  const auto quickest = [](const demo::Params& params) {
    const auto wall = [&] { return download_all(lab::Model::event_loop, params).wall_ms; };
    return std::min({wall(), wall(), wall()});
  };
  demo::Params params = downloads(8, 8, 20, 0, 1);
  const double waiting_only = quickest(params);
  params.cpu_ms = 10;
  const double with_work = quickest(params);
  params.latency_ms = 0;
  const double work_only = quickest(params);
  EXPECT_GT(work_only, 8 * 10 * 0.5) << "the work is done, about 10 ms a download or more";
  EXPECT_GT((with_work - waiting_only) / work_only, 0.5);
  EXPECT_LT((with_work - waiting_only) / work_only, 2);
}

TEST(Downloads, DeclaredDefaultsAreInRangeAndOnTheirStep) {
  for (const lab::ParamSpec& spec : demo::kParamSpecs) {
    EXPECT_LE(spec.min, spec.fallback) << spec.name;
    EXPECT_LE(spec.fallback, spec.max) << spec.name;
    const double steps = (spec.fallback - spec.min) / spec.step;
    EXPECT_NEAR(steps, std::round(steps), 1e-9) << spec.name;
  }
}

}  // namespace
