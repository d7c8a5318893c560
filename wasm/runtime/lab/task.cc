#include "lab/task.h"

namespace lab {

void Executor::resume_after(Task&, double, co::coroutine_handle<>) {}

void Executor::checkpoint(Task&) {}

}  // namespace lab
