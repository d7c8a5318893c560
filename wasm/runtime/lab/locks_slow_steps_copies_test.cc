// The lab's models beyond their timing: locks and deadlock, asyncio's slow-step warning,
// subinterpreters, and the copying between workers that share no memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <thread>

#include "lab/clock.h"
#include "lab/models.h"
#include "lab/workloads.h"

namespace lab {
namespace {

struct LabRun {
  EventLog log;
  std::atomic<bool> stop{false};
  RunResult result;
  std::vector<Record> events() const { return log.read_from(0); }
  std::vector<Record> of(EventKind kind) const {
    std::vector<Record> found;
    for (const Record& e : events()) {
      if (e.kind == kind) found.push_back(e);
    }
    return found;
  }
};

#if defined(__SANITIZE_THREAD__)
constexpr double kHoldMs = 200;
#else
constexpr double kHoldMs = 40;
#endif

// Python's transfer(first, second): hold one lock, wait a while, take the other.
Job transfer(Task& task, int first, int second, double hold_ms) {
  Held outer = task.hold(first);
  if (!outer) co_return 0;
  co_await task.io(hold_ms);
  Held inner = task.hold(second);
  if (!inner) co_return 1;
  co_return 2;
}

// Even tasks take lock 0 then 1; odd tasks take them in the opposite order unless `one_order`.
void run_transfers(LabRun& r, Model model, int tasks, bool one_order) {
  r.result = run(
      {model, tasks, tasks},
      [=](Task& task) {
        const bool swapped = !one_order && task.id() % 2 == 1;
        return transfer(task, swapped ? 1 : 0, swapped ? 0 : 1, kHoldMs);
      },
      r.log, r.stop);
}

class Locks : public testing::TestWithParam<Model> {};

TEST_P(Locks, OppositeOrdersDeadlockAndTheRunEndsWithTheCycleNamed) {
  LabRun r;
  const double start = now_ms();
  run_transfers(r, GetParam(), 2, false);
  // Both threads hold their first lock after kHoldMs and then wait: the cycle closes at once.
  EXPECT_LT((now_ms() - start) / kHoldMs, 4.0);
  EXPECT_TRUE(r.result.deadlocked);
  EXPECT_TRUE(r.result.stopped);
  EXPECT_EQ(std::count(r.result.lanes_of.begin(), r.result.lanes_of.end(), -1), 2);
  // Each task of the cycle, with the lock it waits for: the first waits for B, the second for A
  // (which pool thread took which task varies).
  std::map<int, int> waits_for;
  for (const Record& e : r.of(EventKind::deadlock)) waits_for[e.task] = e.value;
  EXPECT_EQ(waits_for, (std::map<int, int>{{0, 1}, {1, 0}}));
  // Every lock taken was released again: nothing is left held.
  EXPECT_EQ(r.of(EventKind::lock_taken).size(), r.of(EventKind::lock_released).size());
  EXPECT_EQ(r.of(EventKind::task_end).size(), 0u);
}

TEST_P(Locks, OneOrderRunsEveryTransferToItsEnd) {
  LabRun r;
  run_transfers(r, GetParam(), 4, true);
  EXPECT_FALSE(r.result.deadlocked);
  EXPECT_FALSE(r.result.stopped);
  EXPECT_EQ(r.result.results, (std::vector<int>{2, 2, 2, 2}));
  EXPECT_TRUE(r.of(EventKind::deadlock).empty());
  // The second thread waited for lock A while the first held it.
  EXPECT_FALSE(r.of(EventKind::lock_wait_start).empty());
}

TEST_P(Locks, AThreadOutsideTheCycleIsReleasedToo) {
  LabRun r;
  run_transfers(r, GetParam(), 3, false);  // the third waits for A, held by a thread in the cycle
  EXPECT_TRUE(r.result.deadlocked);
  EXPECT_EQ(r.of(EventKind::deadlock).size(), 2u);
  EXPECT_EQ(r.of(EventKind::lock_taken).size(), r.of(EventKind::lock_released).size());
}

TEST_P(Locks, StopReleasesAThreadWaitingForALock) {
  LabRun r;
  std::thread stopper([&] {
    sleep_ms(kHoldMs / 2);
    r.stop = true;
  });
  const double start = now_ms();
  // One order, a long hold: the second thread waits for A when Stop comes.
  r.result = run(
      {GetParam(), 2, 2}, [](Task& task) { return transfer(task, 0, 1, 40 * kHoldMs); }, r.log,
      r.stop);
  stopper.join();
  EXPECT_LT((now_ms() - start) / kHoldMs, 4.0);
  EXPECT_TRUE(r.result.stopped);
  EXPECT_FALSE(r.result.deadlocked);
}

INSTANTIATE_TEST_SUITE_P(Threads, Locks, testing::Values(Model::threads, Model::gil_threads),
                         [](const auto& param) {
                           return std::string(lab::info(param.param).name);
                         });

TEST(Locks, OneThreadTakesEveryLockAtOnce) {
  LabRun r;
  r.result = run(
      {Model::sequential, 2, 1},
      [](Task& task) { return transfer(task, task.id() % 2, 1 - task.id() % 2, 1); }, r.log,
      r.stop);
  EXPECT_EQ(r.result.results, (std::vector<int>{2, 2}));
  EXPECT_TRUE(r.of(EventKind::lock_wait_start).empty());
}

Job wait_io(Task& task, double ms) {
  co_await task.io(ms);
  co_return task.id();
}

constexpr double kSlowMs = 60;

void run_loop(LabRun& r, Model model, double io_ms) {
  RunOptions options{model, 3, 1};
  options.slow_callback_ms = kSlowMs;
  r.result = run(
      options, [=](Task& task) { return wait_io(task, io_ms); }, r.log, r.stop);
}

TEST(SlowStep, ABlockingCallLongerThanTheThresholdIsFlaggedOncePerTask) {
  LabRun r;
  run_loop(r, Model::event_loop_blocking, 2 * kSlowMs);
  const auto slow = r.of(EventKind::slow_step);
  ASSERT_EQ(slow.size(), 3u);
  for (const Record& e : slow) EXPECT_GE(e.value, 2 * kSlowMs);
}

TEST(SlowStep, AStepShorterThanTheThresholdIsNotFlagged) {
  LabRun r;
  run_loop(r, Model::event_loop_blocking, kSlowMs / 3);
  EXPECT_TRUE(r.of(EventKind::slow_step).empty());
}

TEST(SlowStep, AwaitingHoldsTheLoopForNoTimeHoweverLongTheWait) {
  LabRun r;
  run_loop(r, Model::event_loop, 2 * kSlowMs);
  EXPECT_TRUE(r.of(EventKind::slow_step).empty());
}

TEST(Subinterpreters, EachWorkerStartsItsOwnInterpreterBeforeItsTasks) {
  LabRun r;
  RunOptions options{Model::subinterpreters, 6, 3};
  options.interpreter_ms = 5;
  r.result = run(
      options, [](Task& t) { return wait_io(t, 1); }, r.log, r.stop);
  std::map<int, double> ready;
  for (const Record& e : r.events()) {
    if (e.kind == EventKind::process_ready) ready[e.lane] = e.time_ms;
    // No task runs on an interpreter that is not ready yet.
    if (e.kind == EventKind::task_start) {
      EXPECT_TRUE(ready.count(e.lane)) << "lane " << e.lane;
    }
  }
  EXPECT_EQ(ready.size(), 3u);
  EXPECT_EQ(r.of(EventKind::process_start).size(), 3u);
}

TEST(Subinterpreters, CopyEachResultBackInsideItsTask) {
  LabRun r;
  RunOptions options{Model::subinterpreters, 4, 2};
  options.copy_kb = 256;
  r.result = run(
      options, [](Task& t) { return wait_io(t, 1); }, r.log, r.stop);
  std::map<int, int> open;  // task → copy_start seen, before its end
  for (const Record& e : r.events()) {
    if (e.kind == EventKind::copy_start) {
      EXPECT_EQ(e.value, 256 * 1024);
      open[e.task] = 1;
    }
    if (e.kind == EventKind::task_end) {
      EXPECT_EQ(open[e.task], 1) << "task " << e.task;
    }
  }
  EXPECT_EQ(r.of(EventKind::copy_end).size(), 4u);
}

TEST(Copy, TakesLongerTheMoreThereIsToCopy) {
  EventLog log;
  std::atomic<bool> stop{false};
  const auto timed = [&](double kb) {
    const double start = now_ms();
    run_one(
        0, 0, kb, 0, [](Task& t) { return wait_io(t, 0); }, log, stop);
    return now_ms() - start;
  };
  // The quickest of a few copies of each size: a copy the shared machine interrupted (TSan makes
  // them slow enough to be) measures the machine, not the copy. 64 times the data: a copy whose
  // time did not grow with its size would give about 1; each run's fixed cost (a thread, the log)
  // keeps the ratio well under 64, and under TSan on a loaded machine it measured 6.1.
  const auto quickest = [&](double kb) {
    return std::min({timed(kb), timed(kb), timed(kb), timed(kb), timed(kb)});
  };
  timed(1024);  // warm up
  EXPECT_GT(quickest(64 * 1024) / quickest(1024), 4.0);
}

TEST(Copy, AThreadPoolCopiesNothing) {
  LabRun r;
  RunOptions options{Model::threads, 2, 2};
  options.copy_kb = 256;
  r.result = run(
      options, [](Task& t) { return wait_io(t, 1); }, r.log, r.stop);
  EXPECT_TRUE(r.of(EventKind::copy_start).empty());
}

}  // namespace
}  // namespace lab
