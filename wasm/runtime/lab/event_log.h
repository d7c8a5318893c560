// What happened during a run, in order, for the timeline and the tests.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "lab/declarations.h"  // enum EventKind and the layout, from events.json and event_layout.json

namespace lab {

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
// The page decodes events by runtime/lab/event_layout.json: the struct must match it.
static_assert(sizeof(Event) == kEventBytes && offsetof(Event, time_ms) == event_offset::time_ms &&
                  offsetof(Event, seq) == event_offset::seq &&
                  offsetof(Event, kind) == event_offset::kind &&
                  offsetof(Event, lane) == event_offset::lane &&
                  offsetof(Event, task) == event_offset::task &&
                  offsetof(Event, value) == event_offset::value,
              "lab::Event differs from runtime/lab/event_layout.json, which the page decodes with");

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

  // What a writer does when the ring is full of events the reader has not taken. By default it
  // overwrites the oldest: a test reads after the run. A page reads as the run goes and says how
  // far it got with mark_read(); given `wait` (a short sleep), writers wait for it instead, so
  // that no event is lost however long the page is away: the run slows down, the log stays whole.
  using Wait = void (*)();
  void wait_for_reader(Wait wait) { wait_ = wait; }
  void mark_read(std::uint32_t upto) { read_.store(upto, std::memory_order_release); }

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
  Wait wait_ = nullptr;
  std::atomic<std::uint32_t> read_{0};
  std::atomic<std::uint32_t> next_{0};
  Event slots_[kCapacity] = {};
};

}  // namespace lab
