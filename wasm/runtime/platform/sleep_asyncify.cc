#include <emscripten.h>

#include "lab/clock.h"

extern "C" void lab_flush_events();

namespace lab {

// Unwinds to the browser's event loop and comes back when the timer fires (Asyncify), so the
// worker stays responsive while the lab's event loop has nothing to run.
void sleep_ms(double ms) {
  lab_flush_events();  // the page sees what happened before the wait, not after it
  emscripten_sleep(static_cast<unsigned>(ms + 0.5));
}

}  // namespace lab
