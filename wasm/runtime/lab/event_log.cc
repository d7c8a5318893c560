#include "lab/event_log.h"

#include "lab/clock.h"

namespace lab {

void EventLog::emit(EventKind kind, int lane, int task, int value, double time_ms) {
  const std::uint32_t index = next_.fetch_add(1, std::memory_order_relaxed);
  // Unsigned arithmetic: right across the counters' wrap-around, too.
  while (wait_ && index - read_.load(std::memory_order_acquire) >= kCapacity) wait_();
  Event& slot = slots_[index % kCapacity];
  slot.time_ms = time_ms;
  slot.kind = kind;
  slot.lane = lane;
  slot.task = task;
  slot.value = value;
  slot.seq.store(index + 1, std::memory_order_release);
  if (listener_) listener_(kind);
}

void EventLog::emit(EventKind kind, int lane, int task, int value) {
  emit(kind, lane, task, value, now_ms());
}

std::vector<Record> EventLog::read_from(std::uint32_t from) const {
  std::vector<Record> out;
  for (std::uint32_t index = from;; ++index) {
    const Event& slot = slots_[index % kCapacity];
    if (slot.seq.load(std::memory_order_acquire) != index + 1) break;
    out.push_back({slot.time_ms, slot.kind, slot.lane, slot.task, slot.value});
  }
  return out;
}

}  // namespace lab
