// The work that demos give their tasks: kernels for the CPU, latencies for I/O.
#pragma once

#include <cstdint>

#include "lab/task.h"

namespace lab {

// sum(i * i for i in range(from, to)), modulo 2**64: the course's CPU-bound example.
inline std::uint64_t sum_of_squares(std::uint64_t from, std::uint64_t to) {
  std::uint64_t sum = 0;
  for (std::uint64_t i = from; i < to; ++i) {
    sum += i * i;
    opaque(sum);
  }
  return sum;
}

// Iterations of sum_of_squares in a millisecond of one core of the machine the course's costs
// were measured on (2 cores, shared): 2.8 million natively (g++ -O2), 3.0 million in Chromium's
// WebAssembly. A constant, not measured at run time: a measurement of a fraction of a
// millisecond swung tenfold in the browser, with the code not yet optimised in a fresh worker.
inline constexpr double kIterationsPerMs = 3e6;

// The iterations that keep such a core busy `ms`.
inline std::uint64_t iterations_for(double ms) {
  return ms <= 0 ? 0 : static_cast<std::uint64_t>(ms * kIterationsPerMs);
}

// CPU work that keeps such a core busy for about `ms`: a cost measured in Python in milliseconds
// (its own work for one download, say) rather than in iterations. It is a fixed amount of work,
// not a time: a task that shares its core with others takes longer to do it, and a slower device
// takes longer, as real work does. Slices and checkpoints as in Task::compute, so a GIL changes
// hands and Stop is noticed meanwhile.
inline void compute_for(Task& task, double ms) {
  std::uint64_t total = 0;
  task.compute(iterations_for(ms),
               [&](std::uint64_t from, std::uint64_t to) { total += sum_of_squares(from, to); });
  opaque(total);
}

// A number in [-1, 1) that depends only on (seed, index): the same jitter on every run.
inline double unit_noise(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + index + 1;  // splitmix64
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / static_cast<double>(1ull << 52) - 1.0;
}

// A latency of `ms`, varied by up to ±`jitter` of itself, deterministically per task.
inline double jittered_ms(double ms, double jitter, std::uint64_t seed, int task) {
  return ms * (1.0 + jitter * unit_noise(seed, static_cast<std::uint64_t>(task)));
}

// What a server does with one request: answers, answers with an error (a 503, say), or accepts it
// and never answers.
enum class Answer { ok, error, never };

// The answer to task `task`'s request when a share `fail_rate` of requests fail and `hang_rate`
// hang: decided by (seed, task) alone, so a run shows the same failures every time.
inline Answer answer_for(double fail_rate, double hang_rate, std::uint64_t seed, int task) {
  // A draw of its own, apart from the jitter's: (noise + 1) / 2 is in [0, 1).
  const double draw = (unit_noise(seed ^ 0xFA11ull, static_cast<std::uint64_t>(task)) + 1) / 2;
  if (draw < fail_rate) return Answer::error;
  if (draw < fail_rate + hang_rate) return Answer::never;
  return Answer::ok;
}

}  // namespace lab
