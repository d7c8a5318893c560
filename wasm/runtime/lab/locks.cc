#include "lab/locks.h"

#include <chrono>

namespace lab {

LockTable::LockTable(int lanes)
    : waits_for_(std::max(1, lanes), kFree), task_on_(std::max(1, lanes)) {
  holder_.fill(kFree);
}

std::vector<int> LockTable::cycle_through(int lane, int id) const {
  std::vector<int> cycle{lane};
  // Follow holder → the lock it waits for → its holder…: each lane waits for at most one lock, so
  // the chain either ends or returns to `lane` within as many steps as there are lanes.
  for (int holder = holder_[id]; holder != kFree; holder = holder_[waits_for_[holder]]) {
    if (holder == lane) return cycle;
    if (cycle.size() > waits_for_.size() || waits_for_[holder] == kFree) break;
    cycle.push_back(holder);
  }
  return {};
}

bool LockTable::acquire(Task& task, int id, const std::atomic<bool>& stop) {
  std::unique_lock lock(mutex_);
  if (deadlocked_) return false;
  if (holder_[id] == kFree) {
    holder_[id] = task.lane();
    task.log(EventKind::lock_taken, id);
    return true;
  }
  task.log(EventKind::lock_wait_start, id);
  if (const std::vector<int> cycle = cycle_through(task.lane(), id); !cycle.empty()) {
    // Every thread of the cycle, with the lock it waits for: the page names who holds what.
    task.log(EventKind::deadlock, id);
    for (std::size_t i = 1; i < cycle.size(); ++i) {
      task_on_[cycle[i]]->log(EventKind::deadlock, waits_for_[cycle[i]]);
    }
    deadlocked_ = true;
    changed_.notify_all();
    return false;
  }
  waits_for_[task.lane()] = id;
  task_on_[task.lane()] = &task;
  // Stop is a flag, not a notification: look at it every few milliseconds.
  while (holder_[id] != kFree && !deadlocked_ && !stop) {
    changed_.wait_for(lock, std::chrono::milliseconds(10));
  }
  waits_for_[task.lane()] = kFree;
  task_on_[task.lane()] = nullptr;
  if (holder_[id] != kFree || deadlocked_) return false;
  holder_[id] = task.lane();
  task.log(EventKind::lock_taken, id);
  return true;
}

bool LockTable::try_acquire(Task& task, int id) {
  std::lock_guard lock(mutex_);
  if (deadlocked_ || holder_[id] != kFree) return false;
  holder_[id] = task.lane();
  task.log(EventKind::lock_taken, id);
  return true;
}

void LockTable::release(Task& task, int id) {
  std::lock_guard lock(mutex_);
  holder_[id] = kFree;
  task.log(EventKind::lock_released, id);
  changed_.notify_all();
}

bool LockTable::deadlocked() const {
  std::lock_guard lock(mutex_);
  return deadlocked_;
}

}  // namespace lab
