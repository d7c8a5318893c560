// The racy counter in the browser: the one file that knows about Emscripten (cmake/race.cmake).
// The page (assets/js/race/) asks for a batch of runs of one variant with race_start(); a runner
// thread of the module's own runs them, so the page's thread never waits, and writes each run's
// final count into race_counts(). After each run the page gets a message, which, unlike an
// animation frame, also reaches a page in a background tab.
#include <emscripten.h>
#include <emscripten/threading.h>
// emscripten_async_run_in_main_runtime_thread: in threading.h up to 3.1.x, threading_legacy.h
// since.
#if __has_include(<emscripten/threading_legacy.h>)
#include <emscripten/threading_legacy.h>
#endif

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <iterator>
#include <thread>

#include "race.h"
#include "race_declared.h"  // generated from race.json

namespace {

namespace declared = race::declared;

constexpr bool variants_match_declaration() {
  if (std::size(declared::kVariantIds) != std::size(race::kVariantIds)) return false;
  for (std::size_t i = 0; i < std::size(race::kVariantIds); ++i) {
    if (declared::kVariantIds[i] != race::kVariantIds[i]) return false;
  }
  return true;
}
static_assert(variants_match_declaration(), "race.json lists the variants of race.h, in its order");

std::int32_t g_counts[declared::kruns_max];
std::atomic<std::int32_t> g_done{0};  // how many of g_counts hold a run's count
std::atomic<bool> g_busy{false};
std::atomic<bool> g_stop{false};
// Whether a message to the page is on its way: at most one at a time.
std::atomic<bool> g_page_told{false};

// Runs on the page's thread.
EM_JS(void, race_tell_page, (), { Module['onRaceProgress'](); });

void tell_page() {
  if (!g_page_told.exchange(true)) {
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_V, race_tell_page);
  }
}

void run_batch(race::Variant variant, int threads, int increments, int runs, double switch_ms) {
  race::count_many(variant, threads, increments, runs, switch_ms, g_stop, [](std::int64_t count) {
    const int done = g_done.load();
    g_counts[done] = static_cast<std::int32_t>(count);
    g_done.store(done + 1);
    tell_page();
  });
  g_busy = false;
  tell_page();  // the page reads g_busy after this message, or after the one still on its way
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const std::int32_t* race_counts() { return g_counts; }
EMSCRIPTEN_KEEPALIVE int race_done() { return g_done.load(); }
EMSCRIPTEN_KEEPALIVE int race_busy() { return g_busy.load(); }
// The page is about to read: anything from now on sends another message.
EMSCRIPTEN_KEEPALIVE void race_reading() { g_page_told = false; }

// Starts a batch of `runs` runs of variant number `variant` (race.json's order) on a thread of
// its own and returns at once: 0, -1 if a batch is still going on, -2 for an unknown variant.
// The page clamps the values first (with a message); they are clamped here again all the same.
EMSCRIPTEN_KEEPALIVE int race_start(int variant, int threads, int increments, int runs,
                                    double switch_ms) {
  if (variant < 0 || variant >= static_cast<int>(std::size(race::kVariantIds))) return -2;
  if (g_busy.exchange(true)) return -1;
  threads = std::clamp(threads, declared::kthreads_min, declared::kthreads_max);
  increments = std::clamp(increments, declared::kincrements_min, declared::kincrements_max);
  runs = std::clamp(runs, declared::kruns_min, declared::kruns_max);
  g_stop = false;
  g_done = 0;
  std::thread(run_batch, static_cast<race::Variant>(variant), threads, increments, runs,
              std::clamp(switch_ms, 0.01, 1000.0))
      .detach();
  return 0;
}

// Ends the batch within a few thousand turns of the counting loops.
EMSCRIPTEN_KEEPALIVE void race_stop() { g_stop = true; }

}  // extern "C"
