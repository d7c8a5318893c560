// One transfer between two accounts, each guarded by its own lock, in Python:
//     def transfer(first, second):
//         with first:
//             time.sleep(hold)      # work while holding the first lock
//             with second:
//                 move_money()
// Thread 1 runs transfer(a, b). Thread 2 runs transfer(b, a), unless the
// demo's "one order" is chosen: then every thread takes A before B.
#include "demo_params.h"
#include "lab/job.h"
#include "lab/task.h"

constexpr int kLockA = 0, kLockB = 1;

lab::Job run_task(lab::Task& task, const demo::Params& params) {
  const bool b_first = params.lock_order == 0 && task.id() % 2 == 1;
  const int first = b_first ? kLockB : kLockA;
  const int second = b_first ? kLockA : kLockB;
  // A lock that cannot be taken without deadlock is never taken: the lab
  // has ended the run, and the task ends here, unfinished.
  lab::Held outer = task.hold(first);
  if (!outer) co_return 0;
  co_await task.io(params.hold_ms);
  lab::Held inner = task.hold(second);
  if (!inner) co_return 1;
  co_return 2;  // both locks held: the transfer is done
}
