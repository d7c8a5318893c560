// One clock for every thread of a run, and a way to wait on it.
#pragma once

namespace lab {

// Milliseconds on a clock that all threads of this process agree on. Natively this is
// std::chrono::steady_clock; in the browser it is performance.timeOrigin + performance.now(),
// because emscripten_get_now() in Emscripten 3.1.6 differs between workers by up to ±4 ms,
// enough to draw an effect before its cause on the timeline.
double now_ms();

// Sleeps without using the CPU. Natively and in a pthread this blocks the thread; in the
// single-threaded browser build it hands control back to the browser's event loop (Asyncify).
void sleep_ms(double ms);

}  // namespace lab
