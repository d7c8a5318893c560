// The probes in the browser: the one file that knows about Emscripten. Two builds
// (cmake/probes.cmake):
//   probes.js         with threads, on the page (cross-origin isolated pages only): every probe, on
//                     a thread of its own, so the page stays responsive while they run;
//   probes-single.js  without, in a Web Worker (themes/course/assets/js/probes/worker.js): the
//                     memory probes. Its std::atomic compiles to plain loads and stores, so it
//                     has nothing honest to say about atomics.
// The page reads the figures from probes_results(), in the order of `Result`.
#include <emscripten.h>

#include <cmath>
#include <cstddef>

#include "probes.h"

namespace {

// Far larger than any cache on a phone or a desktop (up to a few tens of MB), small enough for a
// phone's memory; INITIAL_MEMORY in cmake/probes.cmake leaves room for it.
constexpr std::size_t kBufferBytes = 64u << 20;
// Enough operations for each probe to last 10–100 ms: many ticks of a clock that steps by 5–100 µs.
constexpr std::size_t kRandomSteps = 400'000;
// The fastest of a few passes in order: the first may find the end of the buffer still in a cache.
constexpr int kSequentialPasses = 3;

// What the page reads: the four latencies (NaN where this build cannot measure one), then the
// sizes they were measured over.
enum Result {
  kSequentialNs,
  kRandomNs,
  kAtomicNs,
  kMutexNs,
  kBufferBytes_,
  kSequentialReads,
  kSequentialPassCount,
  kRandomReads,
  kAtomicCount,
  kHandoverCount,
  kResultCount
};
double g_results[kResultCount];

void measure_memory() {
  g_results[kBufferBytes_] = kBufferBytes;
  g_results[kSequentialReads] = kBufferBytes / 8;
  g_results[kSequentialPassCount] = kSequentialPasses;
  g_results[kRandomReads] = kRandomSteps;
  g_results[kSequentialNs] = probes::sequential_read_ns(kBufferBytes, kSequentialPasses);
  g_results[kRandomNs] = probes::random_read_ns(kBufferBytes, kRandomSteps);
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE double* probes_results() { return g_results; }

#ifdef __EMSCRIPTEN_PTHREADS__
#include <emscripten/threading.h>
// emscripten_async_run_in_main_runtime_thread: in threading.h up to 3.1.x, threading_legacy.h
// since.
#if __has_include(<emscripten/threading_legacy.h>)
#include <emscripten/threading_legacy.h>
#endif

#include <atomic>
#include <thread>

namespace {

constexpr std::size_t kAtomicOperations = 2'000'000;
constexpr std::size_t kHandovers = 1'000;

std::atomic<bool> g_busy{false};

// Runs on the page's thread, once the figures are in probes_results().
EM_JS(void, probes_tell_page, (), { Module['onProbesDone'](); });

void measure_all() {
  measure_memory();
  g_results[kAtomicCount] = kAtomicOperations;
  g_results[kHandoverCount] = kHandovers;
  g_results[kAtomicNs] = probes::atomic_add_ns(kAtomicOperations);
  g_results[kMutexNs] = probes::mutex_handover_ns(kHandovers);
  g_busy = false;
  emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_V, probes_tell_page);
}

}  // namespace

// Starts every probe on a thread of its own and returns at once: 0, or -1 if a run is going on.
// Module.onProbesDone() is called on the page when the figures are ready.
extern "C" EMSCRIPTEN_KEEPALIVE int probes_start() {
  if (g_busy.exchange(true)) return -1;
  std::thread(measure_all).detach();
  return 0;
}

#else

// Runs the memory probes to the end (in a worker, where blocking harms no page); the others are
// NaN.
extern "C" EMSCRIPTEN_KEEPALIVE void probes_measure_memory() {
  g_results[kAtomicNs] = NAN;
  g_results[kMutexNs] = NAN;
  measure_memory();
}

#endif
