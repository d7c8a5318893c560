#include "probes.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>
#include <utility>
#include <vector>

namespace probes {
namespace {

using Clock = std::chrono::steady_clock;

double ns_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::nano>(to - from).count();
}

// Once a pointer is stored here, the compiler must assume that any call it cannot see into (the
// clock's) may read or change what it points to: no pass of a loop can be folded into another.
const void* volatile g_escaped = nullptr;
void escape(const void* pointer) { g_escaped = pointer; }

// A result the compiler must compute, since it is stored where it cannot see who reads it.
volatile std::uint64_t g_kept = 0;
void keep(std::uint64_t value) { g_kept = value; }

}  // namespace

double sequential_read_ns(std::size_t bytes, int passes) {
  std::vector<std::uint64_t> buffer(bytes / sizeof(std::uint64_t));
  std::iota(buffer.begin(), buffer.end(), std::uint64_t{1});  // touches every page before timing
  escape(buffer.data());
  double best = 0;
  for (int pass = 0; pass < passes; ++pass) {
    const auto start = Clock::now();
    std::uint64_t sum = 0;
    for (const std::uint64_t value : buffer) sum += value;
    const double ns = ns_between(start, Clock::now()) / static_cast<double>(buffer.size());
    keep(sum);
    if (pass == 0 || ns < best) best = ns;
  }
  return best;
}

double random_read_ns(std::size_t bytes, std::size_t steps) {
  constexpr std::size_t kSlotsPerLine = 64 / sizeof(std::uint32_t);
  const std::size_t lines = bytes / 64;
  // Sattolo's algorithm: a uniformly random permutation with a single cycle, so the chain visits
  // every line before it comes back to the first.
  std::vector<std::uint32_t> next(lines);
  std::iota(next.begin(), next.end(), std::uint32_t{0});
  std::mt19937_64 random(20240611);
  for (std::size_t i = lines - 1; i > 0; --i) {
    std::uniform_int_distribution<std::size_t> pick(0, i - 1);
    std::swap(next[i], next[pick(random)]);
  }
  std::vector<std::uint32_t> buffer(lines * kSlotsPerLine);
  for (std::size_t line = 0; line < lines; ++line) {
    buffer[line * kSlotsPerLine] = static_cast<std::uint32_t>(next[line] * kSlotsPerLine);
  }
  next = {};
  escape(buffer.data());
  std::uint32_t at = 0;
  const auto start = Clock::now();
  for (std::size_t step = 0; step < steps; ++step) at = buffer[at];
  const double ns = ns_between(start, Clock::now());
  keep(at);
  return ns / static_cast<double>(steps);
}

double atomic_add_ns(std::size_t operations) {
  std::atomic<std::uint64_t> counter{0};
  escape(&counter);
  const auto start = Clock::now();
  for (std::size_t i = 0; i < operations; ++i) counter.fetch_add(1, std::memory_order_seq_cst);
  const double ns = ns_between(start, Clock::now());
  keep(counter.load());
  return ns / static_cast<double>(operations);
}

double mutex_handover_ns(std::size_t handovers) {
  std::mutex mutex;
  std::condition_variable changed;
  bool other_ready = false;
  // Hand-overs so far: the first thread moves on even counts, the other on odd.
  std::size_t done = 0;
  // Takes a turn whenever `done` has this thread's parity, until every hand-over is done.
  const auto play = [&](std::size_t parity) {
    std::unique_lock lock(mutex);
    for (;;) {
      changed.wait(lock, [&] { return done >= handovers || done % 2 == parity; });
      if (done >= handovers) return;
      ++done;
      changed.notify_one();
    }
  };
  std::thread other([&] {
    {
      const std::lock_guard lock(mutex);
      other_ready = true;
    }
    changed.notify_one();
    play(1);
  });
  // Starting a thread takes far longer than a hand-over: the clock starts once it is up.
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return other_ready; });
  }
  const auto start = Clock::now();
  play(0);
  const double ns = ns_between(start, Clock::now());
  other.join();
  return ns / static_cast<double>(handovers);
}

}  // namespace probes
