#include <chrono>
#include <thread>

#include "lab/clock.h"

namespace lab {

void sleep_ms(double ms) {
  std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms));
}

}  // namespace lab
