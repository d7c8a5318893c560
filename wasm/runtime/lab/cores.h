// The processor cores a run's threads share, as an operating system shares them: at most `count`
// threads compute at once, the others are ready and wait their turn, first come, first served. A
// thread that has computed for a whole `quantum` while another waits gives its core up (the end
// of its time slice) and queues again. A thread that waits on I/O needs no core meanwhile.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "lab/task.h"

namespace lab {

class Cores {
 public:
  // `lanes`: how many threads will share the cores, numbered from 0 like their lanes.
  Cores(int count, double quantum_ms, int lanes);

  // Logs `event` (a task's start, the end of its wait for I/O), then takes a core for `task`'s
  // thread, logging the wait if there is one at the same instant as `event`.
  void acquire_after(Task& task, EventKind event);
  void release();
  // Called between slices of work: at the end of its time slice, a thread lets a waiting one in.
  void yield_if_due(Task& task);

 private:
  // Queues `task`'s thread and waits until a core is free and it is first in line.
  void wait_for_turn(std::unique_lock<std::mutex>& lock, Task& task);

  const double quantum_ms_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int free_;
  std::deque<int> queue_;      // lanes waiting for a core, in arrival order
  std::vector<double> since_;  // per lane: when it last took a core
  std::atomic<int> waiting_{0};
};

}  // namespace lab
