#include "lab/task.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "lab/clock.h"

namespace lab {

namespace {
// Sleep in slices no longer than this, so Stop is noticed quickly during a long wait.
constexpr double kStopCheckMs = 10;
}  // namespace

void Task::wait_io(double ms) {
  log_.emit(EventKind::io_start, lane_, id_);
  const double deadline = now_ms() + ms;
  for (double left = ms; left > 0 && !stop_requested(); left = deadline - now_ms()) {
    std::this_thread::sleep_for(
        std::chrono::duration<double, std::milli>(std::min(left, kStopCheckMs)));
  }
  log_.emit(EventKind::io_end, lane_, id_);
}

}  // namespace lab
