// The Emscripten side of a demo: the page asks for runs through the exported lab_* functions,
// and main(), which PROXY_TO_PTHREAD puts in a worker, runs them there so the page never blocks.
#include <emscripten.h>
#include <emscripten/threading.h>

#include <atomic>
#include <cmath>
#include <cstdint>

#include "demo_params.h"
#include "lab/models.h"
#include "lab/params.h"

// Defined by the demo's own source file.
int run_task(lab::Task& task, const demo::Params& params);

namespace {

constexpr int kParamCount = sizeof(demo::kParamSpecs) / sizeof(demo::kParamSpecs[0]);

// Written by the page before it calls lab_run, read by the runner after the request is posted.
double g_params[kParamCount];
std::int32_t g_model = 0;
// Bumped once per request: the runner sleeps on it with a futex, the page wakes it.
std::atomic<std::int32_t> g_requests{0};
std::atomic<bool> g_busy{false};
std::atomic<bool> g_stop{false};
lab::EventLog g_log;

void run_request() {
  const demo::Params params = demo::params_from(g_params);
  const lab::RunOptions options{static_cast<lab::Model>(g_model), static_cast<int>(params.tasks),
                                static_cast<int>(params.workers)};
  lab::run(options, [&params](lab::Task& task) { return run_task(task, params); }, g_log, g_stop);
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE double* lab_params() { return g_params; }
EMSCRIPTEN_KEEPALIVE const lab::Event* lab_events() { return g_log.slots(); }
EMSCRIPTEN_KEEPALIVE std::uint32_t lab_event_capacity() { return lab::EventLog::kCapacity; }

// Asks the runner for a run with the values in lab_params(), which it first clamps in place.
// Returns how many values it had to change, or -1 if a run is still going.
EMSCRIPTEN_KEEPALIVE int lab_run(int model) {
  if (g_busy.exchange(true)) return -1;
  if (model != static_cast<int>(lab::Model::sequential) &&
      model != static_cast<int>(lab::Model::threads)) {
    model = static_cast<int>(lab::Model::sequential);
  }
  const int adjusted = static_cast<int>(lab::clamp_params(g_params, demo::kParamSpecs).size());
  g_model = model;
  g_stop = false;
  g_requests.fetch_add(1);
  emscripten_futex_wake(&g_requests, 1);
  return adjusted;
}

EMSCRIPTEN_KEEPALIVE void lab_stop() { g_stop = true; }

}  // extern "C"

int main() {
  for (std::int32_t served = 0;; ++served) {
    while (g_requests.load() == served) {
      emscripten_futex_wait(&g_requests, static_cast<std::uint32_t>(served), INFINITY);
    }
    run_request();
    g_busy = false;
  }
}
