// The probes natively, small enough to run in well under a second (also under ThreadSanitizer):
// every figure is a positive, finite time, in the order the hardware guarantees.
#include "probes.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

// Larger than an L1 or L2 cache, small enough to set up in a few milliseconds, even under
// ThreadSanitizer.
constexpr std::size_t kBytes = 2u << 20;

void expect_time(double ns) {
  EXPECT_TRUE(std::isfinite(ns)) << ns;
  EXPECT_GT(ns, 0);
}

TEST(Probes, EachGivesAPositiveFiniteTime) {
  expect_time(probes::sequential_read_ns(kBytes, 1));
  expect_time(probes::random_read_ns(kBytes, 20'000));
  expect_time(probes::atomic_add_ns(100'000));
  expect_time(probes::mutex_handover_ns(200));
}

TEST(Probes, ReadingInOrderIsFasterThanChasingRandomLinks) {
  EXPECT_LT(probes::sequential_read_ns(kBytes), probes::random_read_ns(kBytes, 50'000));
}

TEST(Probes, AnUncontendedAtomicIsFasterThanHandingAMutexToAnotherThread) {
  EXPECT_LT(probes::atomic_add_ns(100'000), probes::mutex_handover_ns(200));
}

TEST(Probes, TheMutexProbeCountsEveryHandOverWhateverItsParity) {
  // An odd count ends on the first thread's turn, an even one on the other's: both end.
  expect_time(probes::mutex_handover_ns(1));
  expect_time(probes::mutex_handover_ns(2));
}

}  // namespace
