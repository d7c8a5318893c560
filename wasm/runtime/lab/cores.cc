#include "lab/cores.h"

#include <algorithm>

#include "lab/clock.h"

namespace lab {

Cores::Cores(int count, double quantum_ms, int lanes)
    : quantum_ms_(quantum_ms), free_(std::max(1, count)), since_(std::max(1, lanes), 0.0) {}

void Cores::acquire_after(Task& task, EventKind event) {
  std::unique_lock lock(mutex_);
  // Logged under the lock, so that no other thread's slice can end or begin between `event` and
  // the wait for a core; and both at one reading of the clock, so that a thread that must wait
  // never shows a moment of running, however long the system deschedules it between the two.
  const double at = now_ms();
  task.log_at(at, event);
  if (free_ > 0 && queue_.empty()) {
    --free_;
    since_[task.lane()] = at;
    return;
  }
  task.log_at(at, EventKind::core_wait_start);
  wait_for_turn(lock, task);
}

void Cores::wait_for_turn(std::unique_lock<std::mutex>& lock, Task& task) {
  queue_.push_back(task.lane());
  ++waiting_;
  changed_.wait(lock, [&] { return free_ > 0 && queue_.front() == task.lane(); });
  queue_.pop_front();
  --waiting_;
  --free_;
  since_[task.lane()] = now_ms();
  changed_.notify_all();  // another core may be free for the next in the queue
  task.log(EventKind::core_wait_end);
}

void Cores::release() {
  std::lock_guard lock(mutex_);
  ++free_;
  changed_.notify_all();
}

void Cores::yield_if_due(Task& task) {
  if (waiting_.load(std::memory_order_relaxed) == 0) return;
  std::unique_lock lock(mutex_);
  if (now_ms() - since_[task.lane()] < quantum_ms_) return;
  // Logged before the core changes hands, so that on the timeline this slice ends before the
  // next thread's begins.
  task.log(EventKind::core_wait_start);
  ++free_;
  changed_.notify_all();
  wait_for_turn(lock, task);  // behind every thread that was already waiting
}

}  // namespace lab
