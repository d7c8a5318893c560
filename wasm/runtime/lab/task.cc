#include "lab/task.h"

namespace lab {

void Executor::resume_after(Task&, double, co::coroutine_handle<>) {}

void Executor::checkpoint(Task&) {}

// One thread runs every task (sequential code, an event loop): it never waits for a lock.
bool Executor::lock(Task& task, int id) {
  task.log(EventKind::lock_taken, id);
  return true;
}

void Executor::unlock(Task& task, int id) { task.log(EventKind::lock_released, id); }

}  // namespace lab
