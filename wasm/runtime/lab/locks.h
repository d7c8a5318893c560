// The locks of a run with threads, and the graph of who waits for whom. A thread that would wait
// for a lock whose holder waits, directly or down a chain, for a lock this thread holds would
// wait forever: a deadlock. The table sees that cycle at the moment the last edge would close it,
// logs it, and releases every waiting thread, so that the run ends instead of hanging.
#pragma once

#include <array>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "lab/task.h"

namespace lab {

class LockTable {
 public:
  explicit LockTable(int lanes);

  // Blocks until `task`'s thread holds lock `id`, logging the wait if there is one. False if
  // waiting would deadlock (every thread in the cycle gets a deadlock event), if a deadlock was
  // found elsewhere meanwhile, or if `stop` was set.
  bool acquire(Task& task, int id, const std::atomic<bool>& stop);
  // Takes lock `id` for `task`'s thread if it is free, without waiting.
  bool try_acquire(Task& task, int id);
  void release(Task& task, int id);
  // Whether a deadlock has been found: the run takes no new tasks.
  bool deadlocked() const;

 private:
  // The lanes of the cycle that `lane` would close by waiting for `id`, starting with `lane`;
  // empty if there is none.
  std::vector<int> cycle_through(int lane, int id) const;

  static constexpr int kFree = -1;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::array<int, kLocks> holder_;  // the lane holding each lock, or kFree
  std::vector<int> waits_for_;      // per lane: the lock it waits for, or kFree
  std::vector<Task*> task_on_;      // per lane: the task it runs, while it waits
  bool deadlocked_ = false;
};

}  // namespace lab
