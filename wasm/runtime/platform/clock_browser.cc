#include <emscripten.h>

#include "lab/clock.h"

// timeOrigin differs per worker, timeOrigin + now() does not: every thread reads the same clock.
EM_JS(double, lab_performance_now_ms, (), { return performance.timeOrigin + performance.now(); });

namespace lab {

double now_ms() { return lab_performance_now_ms(); }

}  // namespace lab
