#include "lab/event_log.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>
#include <vector>

namespace lab {
namespace {

TEST(EventLog, ReadsBackWhatWasWrittenInOrder) {
  EventLog log;
  log.emit(EventKind::task_start, 2, 7, 0, 1.5);
  log.emit(EventKind::task_end, 2, 7, 1234, 2.5);
  const std::vector<Record> events = log.read_from(0);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, EventKind::task_end);
  EXPECT_EQ(events[1].value, 1234);
  EXPECT_EQ(events[1].time_ms, 2.5);
  EXPECT_EQ(log.read_from(1).size(), 1u);
  EXPECT_TRUE(log.read_from(2).empty());
}

TEST(EventLog, KeepsEveryEventFromManyWritersAtOnce) {
  EventLog log;
  constexpr int kWriters = 4, kEach = 500;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&log, w] {
      for (int i = 0; i < kEach; ++i) log.emit(EventKind::task_start, w, i);
    });
  }
  for (std::thread& t : writers) t.join();
  const std::vector<Record> events = log.read_from(0);
  ASSERT_EQ(events.size(), std::size_t{kWriters * kEach});
  std::set<std::pair<int, int>> seen;
  for (const Record& e : events) seen.insert({e.lane, e.task});
  EXPECT_EQ(seen.size(), std::size_t{kWriters * kEach});
}

TEST(EventLog, ARingThatWrappedDoesNotHandBackOverwrittenSlots) {
  EventLog log;
  for (std::uint32_t i = 0; i < EventLog::kCapacity + 10; ++i) {
    log.emit(EventKind::task_start, 0, static_cast<int>(i));
  }
  EXPECT_TRUE(log.read_from(0).empty()) << "slot 0 now holds event kCapacity";
  EXPECT_EQ(log.read_from(EventLog::kCapacity).size(), 10u);
}

TEST(EventLog, WritersWaitForASlowReaderInsteadOfOverwritingWhatItHasNotRead) {
  EventLog log;
  log.wait_for_reader([] { std::this_thread::sleep_for(std::chrono::microseconds(200)); });
  constexpr int kWriters = 3;
  constexpr int kEach = static_cast<int>(EventLog::kCapacity);  // three rings' worth in all
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&log, w] {
      for (int i = 0; i < kEach; ++i) log.emit(EventKind::task_start, w, i);
    });
  }
  // A reader that is often away, as a page in a background tab is.
  std::vector<int> next_of(kWriters, 0);
  std::uint32_t read = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (read < std::uint32_t{kWriters * kEach} && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    for (const Record& e : log.read_from(read)) {
      EXPECT_EQ(e.task, next_of[e.lane]++) << "writer " << e.lane << " lost or reordered an event";
      ++read;
    }
    log.mark_read(read);
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(next_of, std::vector<int>(kWriters, kEach));
}

}  // namespace
}  // namespace lab
