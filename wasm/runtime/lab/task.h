// What a demo's task can do while it runs, whatever model runs it.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "lab/coroutine.h"
#include "lab/event_log.h"

namespace lab {

class Task;

// What a model does when a task waits or computes. Each model implements it once.
class Executor {
 public:
  virtual ~Executor() = default;
  // A task starts waiting `ms` on I/O. Either wait right here, log io_end and return true (a
  // thread blocks), or return false: the task suspends and resume_after is called.
  virtual bool wait_io_in_place(Task& task, double ms) = 0;
  // Resume `handle` once `ms` have passed, logging io_end first (an event loop's timer).
  virtual void resume_after(Task& task, double ms, co::coroutine_handle<> handle);
  // Between two slices of CPU work: where a GIL changes hands.
  virtual void checkpoint(Task& task);
  // Takes lock `id` (one of kLocks) for `task`, waiting while another thread holds it; false if
  // the wait would close a cycle of threads each waiting for the next (a deadlock), which ends
  // the run. Only threads can wait for each other: one thread takes every lock at once.
  virtual bool lock(Task& task, int id);
  virtual void unlock(Task& task, int id);
};

// How many locks a demo may use, numbered from 0 and shown as A, B, C…
inline constexpr int kLocks = 8;

// How a task ended. `none`: it has not (yet). A task that raised ends `failed` or `timed_out`;
// one its model gave up on ends `cancelled`.
enum class Ending { none, done, failed, timed_out, cancelled, crashed };

// A wait that never ends on its own: a server that accepts the request and never answers.
inline constexpr double kForeverMs = 1e15;

class Held;

class Task {
 public:
  // How many iterations of a CPU kernel run between two checkpoints: about 0.1 ms of work,
  // far below the GIL's 5 ms switch interval and Stop's 200 ms.
  static constexpr std::uint64_t kSliceSize = 1u << 18;

  Task(int id, int lane, Executor& executor, EventLog& log, const std::atomic<bool>& stop)
      : id_(id), lane_(lane), executor_(executor), log_(log), stop_(stop) {}

  int id() const { return id_; }
  int lane() const { return lane_; }
  Executor& executor() { return executor_; }
  bool stop_requested() const { return stop_.load(std::memory_order_relaxed); }
  void log(EventKind kind, int value = 0) { log_.emit(kind, lane_, id_, value); }
  // Logs at a time read earlier: two events that happen at one instant share one reading.
  void log_at(double time_ms, EventKind kind, int value = 0) {
    log_.emit(kind, lane_, id_, value, time_ms);
  }

  // `co_await task.io(ms)` waits `ms` on I/O, like `await asyncio.sleep(ms / 1000)` or a
  // blocking socket read: a thread sleeps there, an event loop runs other tasks meanwhile.
  struct IoWait {
    Task& task;
    double ms;
    bool await_ready() {
      task.log(EventKind::io_start);
      return task.executor_.wait_io_in_place(task, ms);
    }
    void await_suspend(co::coroutine_handle<> handle) {
      task.executor_.resume_after(task, ms, handle);
    }
    void await_resume() {}
  };
  IoWait io(double ms) { return {*this, ms}; }

  // `co_await task.io_within(ms, timeout_ms)` waits like io(ms), but gives up after `timeout_ms`
  // (0: no timeout), like requests.get(url, timeout=…) or `async with asyncio.timeout(…)`; it
  // returns true if the wait timed out.
  struct TimedWait : IoWait {
    bool times_out;
    bool await_resume() const { return times_out; }
  };
  TimedWait io_within(double ms, double timeout_ms) {
    const bool times_out = timeout_ms > 0 && ms > timeout_ms;
    return {{*this, times_out ? timeout_ms : ms}, times_out};
  }

  // The task raises instead of returning a result: `co_return task.fail();` for an error such as
  // raise_for_status() on a 503, `co_return task.time_out();` after a wait that timed out. The
  // model decides what the others do then (run on, be cancelled, never start).
  int fail() { return end_as(Ending::failed); }
  int time_out() { return end_as(Ending::timed_out); }
  // The task's process dies on the spot, as a crash in C code would end it: only a model of
  // worker processes gives this a meaning (the page's process pool, which sees the worker die).
  int crash() { return end_as(Ending::crashed); }
  Ending ending() const { return ending_; }

  // `with lock:` in Python: `if (Held held = task.hold(id))` holds lock `id` until `held` goes
  // out of scope. A hold that failed (a deadlock was found) leaves the task unfinished.
  Held hold(int id);
  // Whether the task gave up because the run ended under it (a deadlock).
  bool abandoned() const { return abandoned_; }

  // CPU work: calls `slice(from, to)` over [0, n) a slice at a time, with a checkpoint between
  // slices where a GIL may change hands and Stop is noticed. It never gives way to an event loop.
  template <class Slice>
  void compute(std::uint64_t n, Slice&& slice) {
    for (std::uint64_t from = 0; from < n && !stop_requested(); from += kSliceSize) {
      executor_.checkpoint(*this);
      slice(from, std::min(n, from + kSliceSize));
    }
  }

 private:
  int id_;
  int lane_;
  Executor& executor_;
  EventLog& log_;
  const std::atomic<bool>& stop_;
  bool abandoned_ = false;
  Ending ending_ = Ending::none;

  int end_as(Ending ending) {
    ending_ = ending;
    return 0;
  }
};

// A lock held by a task, released when it goes out of scope; false if it could not be taken.
class Held {
 public:
  Held(Task& task, int id, bool taken) : task_(&task), id_(id), taken_(taken) {}
  Held(Held&& other) noexcept : task_(other.task_), id_(other.id_), taken_(other.taken_) {
    other.taken_ = false;
  }
  Held& operator=(Held&&) = delete;
  ~Held() {
    if (taken_) task_->executor().unlock(*task_, id_);
  }
  explicit operator bool() const { return taken_; }

 private:
  Task* task_;
  int id_;
  bool taken_;
};

inline Held Task::hold(int id) {
  const bool taken = executor_.lock(*this, id);
  if (!taken) abandoned_ = true;
  return Held(*this, id, taken);
}

// Keeps the compiler from replacing a loop by its closed form or from vectorising it, so that a
// CPU kernel costs what it would in Python: time proportional to its size, on one core.
template <class T>
inline void opaque(T& value) {
  __asm__ volatile("" : "+r"(value));
}

}  // namespace lab
