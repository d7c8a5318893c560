// The probes as a command-line program: the same figures the lesson page measures in the
// browser, measured natively, for comparison.
#include <cstdio>

#include "probes.h"

int main() {
  constexpr std::size_t kBytes = 64u << 20;
  std::printf("sequential read      %10.2f ns\n", probes::sequential_read_ns(kBytes));
  std::printf("random read          %10.2f ns\n", probes::random_read_ns(kBytes, 400'000));
  std::printf("uncontended atomic   %10.2f ns\n", probes::atomic_add_ns(2'000'000));
  std::printf("mutex hand-over      %10.2f ns\n", probes::mutex_handover_ns(1'000));
}
