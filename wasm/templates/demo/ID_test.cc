// Native tests of the @ID@ demo (GoogleTest): `make native-test DEMO=@ID@`, and `make test`.
#include <gtest/gtest.h>

#include <atomic>
#include <iterator>

#include "demo_params.h"
#include "lab/models.h"

lab::Job run_task(lab::Task& task, const demo::Params& params);

namespace {

// The declared defaults, with these tasks, waits and work. Rename these three after your own
// parameters when you change them in demo.json: demo::Params has a double for each.
demo::Params with(double tasks, double wait_ms, double millions) {
  double values[std::size(demo::kParamSpecs)];
  for (std::size_t i = 0; i < std::size(values); ++i) values[i] = demo::kParamSpecs[i].fallback;
  demo::Params params = demo::params_from(values);
  params.tasks = tasks;
  params.wait_ms = wait_ms;
  params.millions = millions;
  return params;
}

lab::RunResult run_all(lab::Model model, const demo::Params& params) {
  lab::EventLog log;
  std::atomic<bool> stop{false};
  return lab::run(
      {model, int(params.tasks), int(params.workers)},
      [&](lab::Task& task) { return run_task(task, params); }, log, stop);
}

TEST(ThisDemo, EveryModelGivesEveryTaskTheSameResult) {
  const demo::Params params = with(6, 5, 1);
  const lab::RunResult sequential = run_all(lab::Model::sequential, params);
  ASSERT_EQ(sequential.results.size(), 6u);
  for (const lab::Model model : {lab::Model::gil_threads, lab::Model::event_loop}) {
    EXPECT_EQ(run_all(model, params).results, sequential.results);
  }
}

}  // namespace
