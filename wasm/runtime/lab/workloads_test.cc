#include "lab/workloads.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace lab
