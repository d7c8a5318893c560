// The squares demo's CPU kernel, natively, for `make bench` to compare with the same kernel in
// WebAssembly. Prints the best of five timings as JSON: {"n": ..., "ms": ...}.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "lab/clock.h"
#include "lab/workloads.h"

int main(int argc, char** argv) {
  const std::uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000'000ull;
  double best = 1e300;
  std::uint64_t sum = 0;
  for (int round = 0; round < 5; ++round) {
    const double start = lab::now_ms();
    sum += lab::sum_of_squares(0, n);
    const double took = lab::now_ms() - start;
    if (took < best) best = took;
  }
  std::printf("{\"n\": %llu, \"ms\": %.3f, \"check\": %llu}\n", static_cast<unsigned long long>(n),
              best, static_cast<unsigned long long>(sum % 1000));
}
