// The single-threaded build of a demo, run inside a Web Worker by the page
// (themes/course/assets/js/lab/worker.js). It needs no shared memory, so it runs on any host:
// sequential code, the event loop, and each process of a process pool. While the lab's event
// loop waits, Asyncify hands control back to the worker's own event loop.
#include <emscripten.h>

#include <atomic>
#include <cstdint>
#include <iterator>

#include "demo.h"
#include "lab/clock.h"

namespace {

std::atomic<bool> g_stop{false};  // a stopped run ends its worker; nothing sets this
lab::EventLog g_log;
std::uint32_t g_flushed = 0;
double g_flushed_at = 0;

}  // namespace

// Posts the events written since the last call to the page, as raw slots.
EM_JS(void, lab_post_events,
      (const void* slots, std::uint32_t first, std::uint32_t count, std::uint32_t capacity,
       std::uint32_t size),
      {
        const bytes = new Uint8Array(count * size);
        for (let i = 0; i < count; i++) {
          const at = slots + ((first + i) % capacity) * size;
          bytes.set(HEAPU8.subarray(at, at + size), i * size);
        }
        postMessage({type : 'events', bytes}, [bytes.buffer]);
      });

extern "C" {

EMSCRIPTEN_KEEPALIVE double* lab_params() { return glue::g_params; }

// Posts what the page has not seen yet. Called before every sleep (platform/sleep_asyncify.cc), at
// the start and end of every task, and at most a frame after any other event.
EMSCRIPTEN_KEEPALIVE void lab_flush_events() {
  const std::uint32_t written = g_log.size();
  if (written == g_flushed) return;
  lab_post_events(g_log.slots(), g_flushed, written - g_flushed, lab::EventLog::kCapacity,
                  lab::kEventBytes);
  g_flushed = written;
  g_flushed_at = lab::now_ms();
}

}  // extern "C"

namespace {

// The log's listener: a task's start and end reach the page at once, anything else within a frame.
void flush_soon(lab::EventKind kind) {
  constexpr double kFrameMs = 16;
  if (kind == lab::EventKind::task_start || kind == lab::EventKind::task_end ||
      lab::now_ms() - g_flushed_at >= kFrameMs) {
    lab_flush_events();
  }
}

}  // namespace

extern "C" {

// Runs `model` on the values in lab_params(), clamped in place first. Returns how many values
// it changed, or -2 if this build cannot run `model`. Events reach the page as they happen.
EMSCRIPTEN_KEEPALIVE int lab_run(int model) {
  if (model < 0 || model >= static_cast<int>(std::size(lab::kModels)) ||
      !lab::runs_here(static_cast<lab::Model>(model))) {
    return -2;
  }
  const int adjusted = glue::clamp_params();
  const glue::Request request;
  g_log.set_listener(flush_soon);
  lab::run(lab::options_for(static_cast<lab::Model>(model), request.params), request.body(), g_log,
           g_stop);
  lab_flush_events();
  return adjusted;
}

// Runs the one task `task_id` on `lane`, as a process of a pool, after `cpu_first_ms` of CPU
// work (the page passes a forked worker's copy-on-write with its first task); returns its result.
EMSCRIPTEN_KEEPALIVE int lab_run_task(int task_id, int lane, double cpu_first_ms) {
  glue::clamp_params();
  const glue::Request request;
  g_log.set_listener(flush_soon);
  // Every process model copies the same way: copy_kb of the result back to the page.
  const double copy_kb = lab::options_for(lab::Model::processes, request.params).copy_kb;
  const int result =
      lab::run_one(task_id, lane, copy_kb, cpu_first_ms, request.body(), g_log, g_stop);
  lab_flush_events();
  return result;
}

}  // extern "C"
