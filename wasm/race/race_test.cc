// The racy counter natively, also under ThreadSanitizer (where every turn is several times
// slower, so the counts here stay small): the race loses updates, the cures never do, and no
// variant ever counts more than it was asked to.
#include "race.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace {

using race::Variant;

constexpr int kThreads = 4;
constexpr int kIncrements = 20'000;
constexpr std::int64_t kRight = std::int64_t{kThreads} * kIncrements;
const std::atomic<bool> kGoOn{false};

std::int64_t count(Variant variant, double switch_interval_ms = 5) {
  return race::count_once(variant, kThreads, kIncrements, switch_interval_ms, kGoOn);
}

TEST(Race, WithoutALockRealThreadsLoseUpdatesInSomeRuns) {
  // Whether two threads overlap depends on the scheduler, so a bounded number of tries.
  int lost = 0;
  for (int run = 0; run < 50 && lost == 0; ++run) {
    const std::int64_t counted = count(Variant::free_threaded);
    ASSERT_GT(counted, 0);
    ASSERT_LE(counted, kRight);
    if (counted < kRight) ++lost;
  }
  EXPECT_GT(lost, 0) << "50 runs of " << kThreads << " threads, and no update was ever lost";
}

TEST(Race, ALockAndAnAtomicAddAreAlwaysRight) {
  for (int run = 0; run < 5; ++run) {
    EXPECT_EQ(count(Variant::lock), kRight);
    EXPECT_EQ(count(Variant::atomic_add), kRight);
  }
}

TEST(Race, TheGilOfPython310NeverSplitsAStatement) {
  // A short switch interval, so that the lock changes hands many times in each run.
  for (int run = 0; run < 5; ++run) EXPECT_EQ(count(Variant::gil, 0.05), kRight);
}

TEST(Race, AGilThatMaySwitchInsideAStatementNeverCountsTooMany) {
  for (int run = 0; run < 5; ++run) {
    const std::int64_t counted = count(Variant::gil_split, 0.05);
    EXPECT_GT(counted, 0);
    EXPECT_LE(counted, kRight);
  }
}

TEST(Race, AGilThatMaySwitchInsideAStatementLosesUpdatesInSomeRuns) {
  // A short switch interval: many switches per run, about half of them inside the statement.
  int lost = 0;
  for (int run = 0; run < 20 && lost == 0; ++run) {
    if (count(Variant::gil_split, 0.05) < kRight) ++lost;
  }
  EXPECT_GT(lost, 0) << "20 runs, many switches each, and no update was ever lost";
}

TEST(Race, OneThreadIsAlwaysRight) {
  for (Variant variant : {Variant::free_threaded, Variant::gil, Variant::gil_split}) {
    EXPECT_EQ(race::count_once(variant, 1, kIncrements, 0.05, kGoOn), kIncrements);
  }
}

TEST(Race, StopEndsARunPromptly) {
  std::atomic<bool> stop{false};
  for (Variant variant :
       {Variant::free_threaded, Variant::gil, Variant::gil_split, Variant::lock}) {
    stop = false;
    std::thread stopper([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      stop = true;
    });
    const auto started = std::chrono::steady_clock::now();
    // Far more turns than 20 ms allow, even natively.
    EXPECT_EQ(race::count_once(variant, kThreads, 100'000'000, 5, stop), -1);
    stopper.join();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  }
}

}  // namespace
