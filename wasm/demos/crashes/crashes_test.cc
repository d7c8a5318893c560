#include <gtest/gtest.h>

#include <iterator>

#include "demo_params.h"
#include "lab/models.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params);

namespace {

demo::Params defaults() {
  double values[std::size(demo::kParamSpecs)];
  for (std::size_t i = 0; i < std::size(values); ++i) values[i] = demo::kParamSpecs[i].fallback;
  return demo::params_from(values);
}

// What one worker process logs for `id`, as the page's process pool runs it (run_one).
std::vector<lab::Record> run_in_a_worker(const demo::Params& params, int id) {
  lab::EventLog log;
  std::atomic<bool> stop{false};
  lab::run_one(
      id, 0, 0, 0, [&](lab::Task& task) { return run_task(task, params); }, log, stop);
  return log.read_from(0);
}

TEST(Crashes, ADyingProcessSendsNoResultAndNoError) {
  demo::Params params = defaults();
  params.latency_ms = 20;
  params.crash_rate = 1;
  const auto events = run_in_a_worker(params, 0);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().kind, lab::EventKind::task_crashed);
  for (const lab::Record& e : events) {
    EXPECT_NE(e.kind, lab::EventKind::task_end);
    EXPECT_NE(e.kind, lab::EventKind::task_failed);
  }
  params.crash_rate = 0;
  EXPECT_EQ(run_in_a_worker(params, 0).back().kind, lab::EventKind::task_end);
}

TEST(Crashes, DeclaredDefaultsKillOneProcessWhileOthersRunAndSomeWait) {
  const demo::Params p = defaults();
  int dying = 0, first = -1;
  for (int id = 0; id < int(p.tasks); ++id) {
    if (lab::answer_for(p.crash_rate, 0, p.seed, id) == lab::Answer::error) {
      ++dying;
      if (first < 0) first = id;
    }
  }
  // One process dies, among the first wave, with downloads still queued behind it.
  EXPECT_EQ(dying, 1);
  EXPECT_LT(first, int(p.workers));
  EXPECT_GT(p.tasks, p.workers);
}

}  // namespace
