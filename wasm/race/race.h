// The racy counter: `threads` threads each add 1 to a shared counter `increments` times, the way
// one of five Python programs would, and the final count says how many updates were lost. Plain
// standard C++, so the same code runs natively (race_test.cc, also under ThreadSanitizer) and in
// the browser (race_glue.cc, the thin Emscripten layer).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string_view>

namespace race {

// In the order of wasm/race/race.json, which the page reads (race_glue.cc checks the order).
enum class Variant {
  free_threaded,  // `counter += 1` on python3.14t: a real race between real threads
  gil,            // the same under the GIL of CPython 3.10+: a switch only between statements
  gil_split,      // under the GIL, a switch may land inside the statement (3.9, or a call in it)
  lock,           // `with lock: counter += 1`
  atomic_add,     // one indivisible fetch_add, as a lock-free counter written in C does it
};

inline constexpr std::string_view kVariantIds[] = {"free_threaded", "gil", "gil_split", "lock",
                                                   "atomic_add"};

// What one run of `variant` left in the counter (at most threads × increments), or -1 if `stop`
// was set before it ended. Under a GIL, a waiting thread asks for the lock every
// `switch_interval_ms`, as sys.setswitchinterval() sets it.
std::int64_t count_once(Variant variant, int threads, int increments, double switch_interval_ms,
                        const std::atomic<bool>& stop);

// Runs `runs` runs of count_once() on one team of threads, calling `on_run` with each run's count
// as it ends. Returns how many runs ended: fewer than `runs` if `stop` was set.
int count_many(Variant variant, int threads, int increments, int runs, double switch_interval_ms,
               const std::atomic<bool>& stop, const std::function<void(std::int64_t)>& on_run);

}  // namespace race
