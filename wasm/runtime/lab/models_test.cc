#include "lab/models.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <set>
#include <thread>

namespace lab {
namespace {

struct Counted {
  std::vector<std::atomic<int>> runs;
  explicit Counted(int tasks) : runs(tasks) {}
  TaskBody body() {
    return [this](Task& task) { return ++runs[task.id()]; };
  }
};

RunResult run_io(Model model, int tasks, int workers, double latency_ms, EventLog& log,
                 const std::atomic<bool>& stop) {
  return run({model, tasks, workers},
             [latency_ms](Task& task) {
               task.wait_io(latency_ms);
               return task.id();
             },
             log, stop);
}

class EveryModel : public testing::TestWithParam<Model> {};

TEST_P(EveryModel, RunsEveryTaskExactlyOnce) {
  for (const int workers : {1, 3, 8, 40}) {
    Counted counted(25);
    EventLog log;
    std::atomic<bool> stop{false};
    const RunResult result = run({GetParam(), 25, workers}, counted.body(), log, stop);
    for (int id = 0; id < 25; ++id) {
      EXPECT_EQ(counted.runs[id], 1) << "task " << id << " with " << workers << " workers";
      EXPECT_EQ(result.results[id], 1);
      EXPECT_GE(result.lanes[id], 0);
    }
    EXPECT_FALSE(result.stopped);
  }
}

TEST_P(EveryModel, LogsEachTaskBetweenRunStartAndRunEnd) {
  EventLog log;
  std::atomic<bool> stop{false};
  run_io(GetParam(), 6, 3, 1, log, stop);
  const std::vector<Record> events = log.read_from(0);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().kind, EventKind::run_start);
  EXPECT_EQ(events.back().kind, EventKind::run_end);
  EXPECT_EQ(std::count_if(events.begin(), events.end(),
                          [](const Record& e) { return e.kind == EventKind::task_end; }),
            6);
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i - 1].time_ms, events[i].time_ms) << "event " << i << " is before its cause";
  }
}

TEST_P(EveryModel, ZeroTasksIsAnEmptyRun) {
  EventLog log;
  std::atomic<bool> stop{false};
  const RunResult result = run({GetParam(), 0, 4}, [](Task&) { return 0; }, log, stop);
  EXPECT_TRUE(result.results.empty());
  EXPECT_FALSE(result.stopped);
}

TEST_P(EveryModel, StopEndsALongRunQuickly) {
  EventLog log;
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stop = true;
  });
  // Ten tasks of ten seconds each: a run that is not stopped lasts 10 to 100 seconds.
  const RunResult result = run_io(GetParam(), 10, 4, 10'000, log, stop);
  stopper.join();
  EXPECT_TRUE(result.stopped);
  EXPECT_LT(result.wall_ms, 10'000 / 20.0);
}

INSTANTIATE_TEST_SUITE_P(Models, EveryModel, testing::Values(Model::sequential, Model::threads),
                         [](const auto& info) {
                           return info.param == Model::sequential ? "sequential" : "threads";
                         });

TEST(Threads, UseOneLanePerWorkerButNoMoreLanesThanTasks) {
  EventLog log;
  std::atomic<bool> stop{false};
  const RunResult few = run_io(Model::threads, 3, 8, 1, log, stop);
  EXPECT_EQ(std::set<int>(few.lanes.begin(), few.lanes.end()).size(), 3u);
  EXPECT_EQ(log.read_from(0).front().value, 3) << "run_start carries the lane count";
}

TEST(Threads, FinishInAboutCeilOfTasksOverWorkersLatencies) {
  struct Case { int tasks, workers; };
  for (const Case c : {Case{8, 8}, Case{8, 3}, Case{10, 4}, Case{5, 1}}) {
    EventLog log;
    std::atomic<bool> stop{false};
    const double latency = 40;
    const double ideal = std::ceil(double(c.tasks) / c.workers) * latency;
    const double wall = run_io(Model::threads, c.tasks, c.workers, latency, log, stop).wall_ms;
    EXPECT_GE(wall / ideal, 0.98) << c.tasks << " tasks on " << c.workers << " workers";
    EXPECT_LE(wall / ideal, 1.5) << c.tasks << " tasks on " << c.workers << " workers";
  }
}

TEST(Sequential, AddsUpEveryLatency) {
  EventLog log;
  std::atomic<bool> stop{false};
  const double wall = run_io(Model::sequential, 5, 5, 20, log, stop).wall_ms;
  EXPECT_GE(wall / 100, 0.98);
  EXPECT_LE(wall / 100, 1.5);
}

}  // namespace
}  // namespace lab
