#include <chrono>

#include "lab/clock.h"

namespace lab {

double now_ms() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace lab
