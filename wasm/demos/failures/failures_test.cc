#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <thread>

#include "demo_params.h"
#include "lab/models.h"
#include "lab/workloads.h"

lab::Job run_task(lab::Task& task, const demo::Params& params);

namespace {

using lab::Ending;

struct Observed {
  lab::EventLog log;
  lab::RunResult result;
  std::vector<lab::Record> events() const { return log.read_from(0); }
  // When the first event of `kind` for `task` (-1: any task) was logged, ms from the run's start;
  // -1 if none was.
  double time_of(lab::EventKind kind, int task = -1) const {
    const auto all = events();
    const double start = all.front().time_ms;
    for (const lab::Record& e : all) {
      if (e.kind == kind && (task < 0 || e.task == task)) return e.time_ms - start;
    }
    return -1;
  }
  int count(Ending ending) const {
    return static_cast<int>(std::count(result.endings.begin(), result.endings.end(), ending));
  }
};

// The declared defaults, with these values.
demo::Params with(double tasks, double workers, double latency_ms, double fail_rate,
                  double hang_rate, double timeout_ms, double seed) {
  double values[std::size(demo::kParamSpecs)];
  for (std::size_t i = 0; i < std::size(values); ++i) values[i] = demo::kParamSpecs[i].fallback;
  demo::Params params = demo::params_from(values);
  params.tasks = tasks;
  params.workers = workers;
  params.latency_ms = latency_ms;
  params.jitter = 0;
  params.fail_rate = fail_rate;
  params.hang_rate = hang_rate;
  params.timeout_ms = timeout_ms;
  params.seed = seed;
  return params;
}

void run(Observed& r, lab::Model model, const demo::Params& params) {
  std::atomic<bool> stop{false};
  r.result = lab::run(
      lab::options_for(model, params), [&](lab::Task& task) { return run_task(task, params); },
      r.log, stop);
}

// The first task (by id) whose server gives `answer` under these values, or -1.
int first_with(lab::Answer answer, const demo::Params& p, int tasks) {
  for (int id = 0; id < tasks; ++id) {
    if (lab::answer_for(p.fail_rate, p.hang_rate, p.seed, id) == answer) return id;
  }
  return -1;
}

TEST(Failures, AnswersDependOnTheSeedAloneAndFollowTheRates) {
  int errors = 0, never = 0;
  for (int id = 0; id < 10000; ++id) {
    const lab::Answer a = lab::answer_for(0.2, 0.1, 7, id);
    EXPECT_EQ(a, lab::answer_for(0.2, 0.1, 7, id));
    errors += a == lab::Answer::error;
    never += a == lab::Answer::never;
  }
  EXPECT_NEAR(errors / 10000.0, 0.2, 0.02);
  EXPECT_NEAR(never / 10000.0, 0.1, 0.02);
  EXPECT_EQ(lab::answer_for(0, 0, 7, 3), lab::Answer::ok);
  EXPECT_EQ(lab::answer_for(1, 0, 7, 3), lab::Answer::error);
}

TEST(Failures, UnderGatherTheOthersRunOnAfterTheFirstError) {
  // Everything answers at 100 ms except the errors (also at 100 ms) and the hangs, which time out
  // at 300 ms: the error reaches the awaiting code at 100 ms, and the loop still runs the hang on
  // to its timeout.
  const demo::Params p = with(8, 4, 100, 0.15, 0.1, 300, 18);
  ASSERT_GE(first_with(lab::Answer::error, p, 8), 0);
  ASSERT_GE(first_with(lab::Answer::never, p, 8), 0);
  Observed r;
  run(r, lab::Model::event_loop, p);
  EXPECT_FALSE(r.result.stopped);
  EXPECT_EQ(r.count(Ending::cancelled), 0);
  EXPECT_GT(r.count(Ending::done), 0);
  EXPECT_GT(r.count(Ending::failed), 0);
  EXPECT_GT(r.count(Ending::timed_out), 0);
  const double raised = r.time_of(lab::EventKind::error_raised);
  EXPECT_GE(raised, 90);
  EXPECT_LT(raised, 250);
  // The hang ended by its timeout, well after the error was raised.
  EXPECT_GE(r.time_of(lab::EventKind::task_timed_out), 290);
  EXPECT_GE(r.result.wall_ms, 290);
}

TEST(Failures, UnderATaskGroupTheOthersAreCancelledAtTheFirstError) {
  const demo::Params p = with(8, 4, 100, 0.15, 0.1, 300, 18);
  Observed r;
  run(r, lab::Model::task_group, p);
  EXPECT_FALSE(r.result.stopped);
  EXPECT_EQ(r.count(Ending::timed_out), 0);  // cancelled before its timeout
  EXPECT_GT(r.count(Ending::cancelled), 0);
  EXPECT_GE(r.count(Ending::failed), 1);
  const double raised = r.time_of(lab::EventKind::error_raised);
  const double cancelled = r.time_of(lab::EventKind::task_cancelled);
  EXPECT_GE(cancelled, 90);
  EXPECT_LE(cancelled, raised);      // cancelled first, then the group raises
  EXPECT_LT(r.result.wall_ms, 250);  // nothing waited for the hang
  // Each cancelled task ran on the loop and ended at the error's instant.
  for (int id = 0; id < 8; ++id) {
    if (r.result.endings[id] == Ending::cancelled) {
      EXPECT_EQ(r.result.lanes_of[id], 0);
    }
  }
}

TEST(Failures, APoolShutDownAtTheFirstErrorDropsTheQueuedAndFinishesTheRunning) {
  // 8 downloads on 2 threads, the first one fails at 50 ms while the second is running: it
  // finishes; the six still queued are cancelled without starting.
  demo::Params p = with(8, 2, 100, 0, 0, 0, 1);
  p.fail_rate = 0;
  Observed r;
  std::atomic<bool> stop{false};
  r.result = lab::run(
      lab::options_for(lab::Model::pool_cancel_futures, p),
      [&](lab::Task& task) -> lab::Job {
        // Task 1 fails after 50 ms; every other waits 100 ms and succeeds.
        const bool fails = task.id() == 0;
        co_await task.io(fails ? 50 : 100);
        co_return fails ? task.fail() : 1;
      },
      r.log, stop);
  EXPECT_FALSE(r.result.stopped);
  EXPECT_EQ(r.result.endings[0], Ending::failed);
  EXPECT_EQ(r.result.endings[1], Ending::done);  // running when the error came: it finished
  for (int id = 2; id < 8; ++id) {
    EXPECT_EQ(r.result.endings[id], Ending::cancelled) << id;
    EXPECT_EQ(r.result.lanes_of[id], -1) << id;  // never started
  }
  EXPECT_EQ(r.time_of(lab::EventKind::task_start, 2), -1);
}

TEST(Failures, WithoutATimeoutAHangLastsUntilStop) {
  const demo::Params p = with(2, 2, 10, 0, 1, 0, 1);
  lab::EventLog log;
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    stop = true;
  });
  const lab::RunResult result = lab::run(
      lab::options_for(lab::Model::event_loop, p),
      [&](lab::Task& task) { return run_task(task, p); }, log, stop);
  stopper.join();
  EXPECT_TRUE(result.stopped);
  EXPECT_GE(result.wall_ms, 140);
}

TEST(Failures, DeclaredDefaultsShowAFailureAndAHang) {
  double values[std::size(demo::kParamSpecs)];
  for (std::size_t i = 0; i < std::size(values); ++i) values[i] = demo::kParamSpecs[i].fallback;
  const demo::Params p = demo::params_from(values);
  const int tasks = static_cast<int>(p.tasks);
  const int failing = first_with(lab::Answer::error, p, tasks);
  // The lesson's picture: one page fails while the pool's first threads are still busy, so a pool
  // has tasks queued to drop, and one page never answers.
  ASSERT_GE(failing, 0);
  EXPECT_LT(failing, static_cast<int>(p.workers));
  EXPECT_GE(first_with(lab::Answer::never, p, tasks), static_cast<int>(p.workers));
  for (const lab::ParamSpec& spec : demo::kParamSpecs) {
    EXPECT_LE(spec.min, spec.fallback) << spec.name;
    EXPECT_LE(spec.fallback, spec.max) << spec.name;
    const double steps = (spec.fallback - spec.min) / spec.step;
    EXPECT_NEAR(steps, std::round(steps), 1e-9) << spec.name;
  }
}

}  // namespace
