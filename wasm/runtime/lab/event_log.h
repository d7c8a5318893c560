// What happened during a run, in order, for the timeline and the tests.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace lab {

// The numbers are part of the page's protocol (themes/course/assets/js/lab/events.js).
enum class EventKind : std::int32_t {
  run_start = 1,       // task = model, value = number of lanes
  task_start = 2,      // lane, task
  io_start = 3,        // lane, task: the task waits on I/O
  io_end = 4,          // lane, task: its I/O is done
  task_end = 5,        // lane, task, value = the task's result
  run_end = 6,         // task = model, value = 1 if stopped before every task ran
  gil_wait_start = 7,  // lane, task: the thread waits for the GIL
  gil_wait_end = 8,    // lane, task: the thread holds the GIL again
  blocked_start = 9,   // lane, task: this task's blocking call stalls the whole event loop
  blocked_end = 10,
  step_start = 11,     // lane, task: an event loop runs this task until its next await
  step_end = 12,
  // Logged by the page, which starts the worker processes of a process pool itself.
  process_start = 13,  // lane: a worker process is starting up
  process_ready = 14,  // lane: it has loaded its module and can take tasks
};

// One slot of the log. The page reads these straight out of memory, so the layout is fixed.
struct Event {
  double time_ms;
  std::atomic<std::uint32_t> seq;  // index + 1 once the slot is complete
  EventKind kind;
  std::int32_t lane;
  std::int32_t task;
  std::int32_t value;
  std::int32_t unused;
};
static_assert(sizeof(Event) == 32 && offsetof(Event, seq) == 8 && offsetof(Event, value) == 24,
              "the page's event reader depends on this layout");

// A copy of an Event without the publication flag, for readers in C++.
struct Record {
  double time_ms;
  EventKind kind;
  int lane, task, value;
};

// A ring of events that any thread may append to without a lock, and that one reader polls.
// Writing costs a few atomic operations, so logging does not distort the timings it records;
// printf from a worker would, because it is a round trip to the browser's main thread.
class EventLog {
 public:
  static constexpr std::uint32_t kCapacity = 1u << 12;

  void emit(EventKind kind, int lane, int task, int value, double time_ms);
  void emit(EventKind kind, int lane, int task, int value = 0);

  // Events from index `from` on that are complete, as long as the ring has not overwritten them.
  std::vector<Record> read_from(std::uint32_t from) const;
  // How many events have been reserved so far; the newest may still be being written.
  std::uint32_t size() const { return next_.load(std::memory_order_acquire); }

  const Event* slots() const { return slots_; }

  // Called after every emit, on the emitting thread. The single-threaded browser build uses it
  // to post events to the page as they happen; builds with threads leave it unset.
  using Listener = void (*)(EventKind kind);
  void set_listener(Listener listener) { listener_ = listener; }

 private:
  Listener listener_ = nullptr;
  std::atomic<std::uint32_t> next_{0};
  Event slots_[kCapacity] = {};
};

}  // namespace lab
