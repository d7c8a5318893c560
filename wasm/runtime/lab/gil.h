// A model of CPython's global interpreter lock, as CPython 3.2+ implements it: one thread runs
// Python code at a time; a thread that has waited a switch interval (5 ms by default) asks the
// holder to drop the lock, and the holder, at its next check, hands it over and does not take
// it back until another thread has had it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "lab/task.h"

namespace lab {

class Gil {
 public:
  explicit Gil(double switch_interval_ms) : switch_interval_ms_(switch_interval_ms) {}

  // Takes the lock for `task`'s thread, logging the wait if there is one.
  void acquire(Task& task);
  // Logs `event` (a task's start, the end of its wait for I/O), then takes the lock, logging the
  // wait if there is one at the same instant as `event`.
  void acquire_after(Task& task, EventKind event);
  void release();
  // Called by the holder between slices of work: hands the lock over if someone asked.
  void yield_if_requested(Task& task);

  // How many times the lock changed hands: a test can see a hand-over happen.
  std::uint64_t switches() const;

 private:
  void take(std::unique_lock<std::mutex>& lock);
  // Waits, asking the holder to drop the lock every switch interval, then takes it.
  void wait_and_take(std::unique_lock<std::mutex>& lock, Task& task);

  const double switch_interval_ms_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool locked_ = false;
  std::uint64_t switches_ = 0;
  std::atomic<bool> drop_request_{false};
};

}  // namespace lab
