#include "lab/gil.h"

#include <chrono>

#include "lab/clock.h"

namespace lab {

void Gil::take(std::unique_lock<std::mutex>&) {
  locked_ = true;
  ++switches_;
  drop_request_ = false;
  changed_.notify_all();  // the thread that dropped the lock waits to see it taken
}

void Gil::acquire(Task& task) {
  std::unique_lock lock(mutex_);
  if (!locked_) {
    take(lock);
    return;
  }
  task.log(EventKind::gil_wait_start);
  wait_and_take(lock, task);
}

void Gil::acquire_after(Task& task, EventKind event) {
  std::unique_lock lock(mutex_);
  // One reading of the clock for both: a thread that must wait never shows a moment of running
  // Python code, however long the system deschedules it between the two.
  const double at = now_ms();
  task.log_at(at, event);
  if (!locked_) {
    take(lock);
    return;
  }
  task.log_at(at, EventKind::gil_wait_start);
  wait_and_take(lock, task);
}

void Gil::wait_and_take(std::unique_lock<std::mutex>& lock, Task& task) {
  const auto interval = std::chrono::duration<double, std::milli>(switch_interval_ms_);
  while (locked_) {
    const std::uint64_t seen = switches_;
    const bool freed = changed_.wait_for(lock, interval, [this] { return !locked_; });
    // A whole interval without the lock changing hands: ask the holder to drop it.
    if (!freed && switches_ == seen) drop_request_ = true;
  }
  take(lock);
  task.log(EventKind::gil_wait_end);
}

void Gil::release() {
  std::lock_guard lock(mutex_);
  locked_ = false;
  changed_.notify_all();
}

void Gil::yield_if_requested(Task& task) {
  if (!drop_request_.load(std::memory_order_relaxed)) return;
  std::unique_lock lock(mutex_);
  // Logged before the lock changes hands, so that on the timeline this thread's slice ends
  // before the next one's begins.
  task.log(EventKind::gil_wait_start);
  locked_ = false;
  const std::uint64_t seen = switches_;
  changed_.notify_all();
  // Forced switching: wait until another thread has taken the lock, or this thread would
  // usually win it straight back and the waiter would starve.
  while (switches_ == seen && !task.stop_requested()) {
    changed_.wait_for(lock, std::chrono::milliseconds(1));
  }
  wait_and_take(lock, task);
}

std::uint64_t Gil::switches() const {
  std::lock_guard lock(mutex_);
  return switches_;
}

}  // namespace lab
