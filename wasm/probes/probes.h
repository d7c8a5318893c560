// Latency probes: each measures one kind of operation on this machine and returns the time of
// one operation in nanoseconds. Plain standard C++, so the same code runs natively (probes_test.cc)
// and in the browser (probes_glue.cc, the thin Emscripten layer).
//
// A single operation is far shorter than a clock tick (a browser's clock steps by 5–100 µs), so
// each probe times many operations in one stretch and divides.
#pragma once

#include <cstddef>

namespace probes {

// Reads a buffer of `bytes` in order, 8 bytes at a time, `passes` times; the fastest pass, per
// read. The hardware sees the pattern and fetches ahead, so most reads find their data in a cache.
double sequential_read_ns(std::size_t bytes, int passes = 3);

// Follows `steps` links of a chain through a buffer of `bytes`, one link per 64-byte cache line,
// in the order of a random cyclic permutation: each read needs the one before it, and no
// prefetcher can guess the next line. Per read. Make `bytes` much larger than the caches.
double random_read_ns(std::size_t bytes, std::size_t steps);

// `operations` fetch_adds on a std::atomic that no other thread touches. Per operation.
double atomic_add_ns(std::size_t operations);

// Two threads hand a mutex back and forth `handovers` times, each waiting on a condition
// variable for its turn. Per hand-over: from one thread's unlock to the other's running on.
double mutex_handover_ns(std::size_t handovers);

}  // namespace probes
