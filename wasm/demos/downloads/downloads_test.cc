#include <gtest/gtest.h>

#include <cmath>

#include "demo_params.h"
#include "lab/models.h"

int run_task(lab::Task& task, const demo::Params& params);

namespace {

lab::RunResult download_all(lab::Model model, int tasks, int workers, double latency_ms) {
  const demo::Params params{double(tasks), double(workers), latency_ms};
  lab::EventLog log;
  std::atomic<bool> stop{false};
  return lab::run({model, tasks, workers},
                  [&](lab::Task& task) { return run_task(task, params); }, log, stop);
}

TEST(Downloads, EveryPageIsReadOnceWithItsOwnSize) {
  const lab::RunResult result = download_all(lab::Model::threads, 12, 4, 5);
  for (int id = 0; id < 12; ++id) EXPECT_EQ(result.results[id], 1000 + 37 * id);
}

TEST(Downloads, ThreadsOverlapTheWaiting) {
  // 8 downloads of 100 ms: one by one they need 800 ms, on 8 threads about 100 ms.
  const double sequential = download_all(lab::Model::sequential, 8, 8, 100).wall_ms;
  const double threaded = download_all(lab::Model::threads, 8, 8, 100).wall_ms;
  EXPECT_LT(threaded * 3, sequential);
}

TEST(Downloads, DeclaredDefaultsAreInRange) {
  for (const lab::ParamSpec& spec : demo::kParamSpecs) {
    EXPECT_LE(spec.min, spec.fallback) << spec.name;
    EXPECT_LE(spec.fallback, spec.max) << spec.name;
    EXPECT_EQ(std::fmod(spec.fallback - spec.min, spec.step), 0) << spec.name;
  }
}

}  // namespace
