#include "lab/workloads.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "lab/clock.h"
#include "lab/event_log.h"

namespace lab {
namespace {

TEST(SumOfSquares, MatchesTheClosedForm) {
  const std::uint64_t n = 1000;
  EXPECT_EQ(sum_of_squares(0, n), (n - 1) * n * (2 * n - 1) / 6);
  EXPECT_EQ(sum_of_squares(0, 10), sum_of_squares(0, 4) + sum_of_squares(4, 10));
}

TEST(Jitter, IsDeterministicAndWithinBounds) {
  for (int task = 0; task < 200; ++task) {
    const double ms = jittered_ms(100, 0.5, 42, task);
    EXPECT_EQ(ms, jittered_ms(100, 0.5, 42, task));
    EXPECT_GE(ms, 50);
    EXPECT_LT(ms, 150);
  }
  EXPECT_NE(jittered_ms(100, 0.5, 1, 0), jittered_ms(100, 0.5, 2, 0)) << "the seed matters";
  EXPECT_EQ(jittered_ms(100, 0, 7, 3), 100) << "no jitter, no change";
}

// A task of its own, run by no model: compute_for needs only its checkpoints and its Stop.
struct NoModel final : Executor {
  bool wait_io_in_place(Task&, double) override { return true; }
};
struct AloneTask {
  NoModel executor;
  EventLog log;
  std::atomic<bool> stop{false};
  Task task{0, 0, executor, log, stop};
};

TEST(ComputeFor, DoesWorkInProportionToTheMillisecondsAsked) {
  EXPECT_EQ(iterations_for(0), 0u) << "no work asked, none done";
  EXPECT_GT(iterations_for(1), 1000u);
  EXPECT_NEAR(static_cast<double>(iterations_for(40)) / static_cast<double>(iterations_for(10)), 4,
              0.01);
}

TEST(ComputeFor, TakesAboutTheMillisecondsAskedOnACoreOfItsOwn) {
  AloneTask alone;
  const auto timed = [&](double ms) {
    const double start = now_ms();
    compute_for(alone.task, ms);
    return now_ms() - start;
  };
  // The quickest of a few (the machine is shared: other work only ever makes it slower).
  const double quickest = std::min({timed(40), timed(40), timed(40), timed(40), timed(40)});
  EXPECT_GT(quickest, 40 * 0.5);
  EXPECT_LT(quickest, 40 * 5);
}

TEST(ComputeFor, StopsAtTheNextSliceOnceStopIsAsked) {
  AloneTask alone;
  alone.stop = true;
  const double start = now_ms();
  compute_for(alone.task, 10'000);
  EXPECT_LT(now_ms() - start, 1000);
}

}  // namespace
}  // namespace lab
