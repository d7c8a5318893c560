// The threaded build of a demo: the page asks for runs through the exported lab_* functions and
// reads their events from shared memory; main(), which PROXY_TO_PTHREAD puts in a worker, runs
// them there, so the page never blocks.
#include <emscripten.h>
#include <emscripten/threading.h>
// emscripten_async_run_in_main_runtime_thread: in threading.h up to 3.1.x, threading_legacy.h
// since.
#if __has_include(<emscripten/threading_legacy.h>)
#include <emscripten/threading_legacy.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <iterator>

#include "demo.h"

namespace {

std::int32_t g_model = 0;
// Bumped once per request: the runner sleeps on it with a futex, the page wakes it.
std::atomic<std::int32_t> g_requests{0};
std::atomic<bool> g_busy{false};
std::atomic<bool> g_stop{false};
// Whether the page has been told of events it has not read yet (see on_event).
std::atomic<bool> g_page_told{false};
lab::EventLog g_log;

// Runs on the page's thread: the page reads the log (runtime.js).
EM_JS(void, lab_tell_page, (), { Module['onLabEvents'](); });

// The log's listener, on the thread that logged `kind`.
void on_event(lab::EventKind kind) {
  // Once its end is logged the run is over: the page may ask for the next one as soon as it reads
  // it.
  if (kind == lab::EventKind::run_end) g_busy = false;
  // Tell the page there is something to read, by a message: messages reach a page in a background
  // tab, where animation frames stop. At most one is on its way at a time. (Queuing a C call that
  // runs JS on arrival ships less loader code than MAIN_THREAD_ASYNC_EM_ASM: 0.7 KB.)
  if (!g_page_told.exchange(true)) {
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_V, lab_tell_page);
  }
}

// While the ring is full of events the page has not read, a writer waits for it.
void wait_for_page() { emscripten_thread_sleep(1); }

void serve_request() {
  const glue::Request request;
  lab::run(lab::options_for(static_cast<lab::Model>(g_model), request.params), request.body(),
           g_log, g_stop);
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE double* lab_params() { return glue::g_params; }
EMSCRIPTEN_KEEPALIVE const lab::Event* lab_events() { return g_log.slots(); }
EMSCRIPTEN_KEEPALIVE std::uint32_t lab_event_capacity() { return lab::EventLog::kCapacity; }

// The page is about to read the log: any event logged from now on tells it again.
EMSCRIPTEN_KEEPALIVE void lab_events_reading() { g_page_told = false; }
// The page has read every event before `upto`: writers waiting for room may go on.
EMSCRIPTEN_KEEPALIVE void lab_events_read(std::uint32_t upto) { g_log.mark_read(upto); }

// Asks the runner for a run of `model` with the values in lab_params(), which it first clamps
// in place. Returns how many values it had to change, -1 if a run is still going, or -2 if this
// build cannot run `model`.
EMSCRIPTEN_KEEPALIVE int lab_run(int model) {
  if (model < 0 || model >= static_cast<int>(std::size(lab::kModels)) ||
      !lab::runs_here(static_cast<lab::Model>(model))) {
    return -2;
  }
  if (g_busy.exchange(true)) return -1;
  const int adjusted = glue::clamp_params();
  g_model = model;
  g_stop = false;
  g_requests.fetch_add(1);
  emscripten_futex_wake(&g_requests, 1);
  return adjusted;
}

// How many threads a run of `model` with the values in lab_params() would start, counted on the
// values as lab_run will clamp them (the page's own stay as written). The page has that many
// pthread workers loaded before it asks for the run: the pool starts with main()'s worker alone
// and grows to what runs need, from the browser's cache.
EMSCRIPTEN_KEEPALIVE int lab_threads_for(int model) {
  if (model < 0 || model >= static_cast<int>(std::size(lab::kModels))) return 0;
  double values[glue::kParamCount];
  std::copy(std::begin(glue::g_params), std::end(glue::g_params), values);
  lab::clamp_params(values, demo::kParamSpecs);
  return lab::threads_for(
      lab::options_for(static_cast<lab::Model>(model), demo::params_from(values)));
}

// Asks the running tasks to stop at their next wait or slice of work.
EMSCRIPTEN_KEEPALIVE void lab_stop() { g_stop = true; }

}  // extern "C"

int main() {
  g_log.set_listener(on_event);
  g_log.wait_for_reader(wait_for_page);
  for (std::int32_t served = 0;; ++served) {
    while (g_requests.load() == served) {
      emscripten_futex_wait(&g_requests, static_cast<std::uint32_t>(served), INFINITY);
    }
    serve_request();
  }
}
