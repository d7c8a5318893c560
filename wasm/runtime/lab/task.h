// What a demo's task can do while it runs, whatever model runs it.
#pragma once

#include <atomic>

#include "lab/event_log.h"

namespace lab {

class Task {
 public:
  Task(int id, int lane, EventLog& log, const std::atomic<bool>& stop)
      : id_(id), lane_(lane), log_(log), stop_(stop) {}

  int id() const { return id_; }
  int lane() const { return lane_; }
  bool stop_requested() const { return stop_.load(std::memory_order_relaxed); }

  // Waits `ms` milliseconds the way a network call does: the thread sleeps and uses no CPU,
  // so other threads run meanwhile. Returns early when the run is stopped.
  void wait_io(double ms);

 private:
  int id_;
  int lane_;
  EventLog& log_;
  const std::atomic<bool>& stop_;
};

}  // namespace lab
