#include "race.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace race {
namespace {

constexpr auto relaxed = std::memory_order_relaxed;

// CPython spends a few tens of ns on one turn of `for _ in range(k): counter += 1`. Each turn
// here spends about as long, in two halves: the loop's own bytecodes before the read, and the add
// between the read and the write. Without it a turn would take a few ns, and a run would end
// before the GIL ever changed hands.
constexpr double kTurnNs = 40;

void spin(int ops) {
  volatile std::uint32_t scratch = 0;  // volatile: the compiler may not drop the work
  for (int i = 0; i < ops; ++i) scratch = scratch + 1;
}

// How many spin() steps half a turn takes on this machine (in this browser, under this
// sanitizer), measured once: a fixed count would be 5 ns here and 50 ns there.
int half_turn_ops() {
  static const int ops = [] {
    using Clock = std::chrono::steady_clock;
    auto time = [](int steps) {
      const auto start = Clock::now();
      spin(steps);
      return std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    };
    // Each timing long enough for a coarse browser clock (5-100 us steps).
    int steps = 1024;
    while (time(steps) < 1e6) steps *= 2;
    // The fastest of many timings over 30 ms: a browser first runs code unoptimized and swaps in
    // faster code a few ms later, and a thread the system puts aside only ever looks slower.
    double best_ns_per_op = 1e9;
    for (const auto until = Clock::now() + std::chrono::milliseconds(30); Clock::now() < until;) {
      best_ns_per_op = std::min(best_ns_per_op, time(steps) / steps);
    }
    return std::max(1, static_cast<int>(kTurnNs / 2 / best_ns_per_op));
  }();
  return ops;
}

// CPython's GIL (3.2 and later), reduced to what the race needs. One thread holds it. A thread
// that has waited a whole switch interval without the lock changing hands sets a drop request;
// the holder, at its next check point, lets go and waits until another thread has taken it.
class Gil {
 public:
  Gil(double switch_interval_ms, const std::atomic<bool>& stop)
      : interval_(switch_interval_ms), stop_(stop) {}

  // False if the run was stopped before the lock came.
  bool acquire() {
    std::unique_lock lock(mutex_);
    while (held_) {
      if (stop_.load(relaxed)) return false;
      const auto seen = switches_;
      const bool freed = changed_.wait_for(lock, interval_, [this] { return !held_; });
      if (!freed && switches_ == seen) drop_request_ = true;
    }
    held_ = true;
    ++switches_;
    drop_request_ = false;
    changed_.notify_all();  // a thread that let go waits to see the lock taken
    return true;
  }

  void release() {
    std::lock_guard lock(mutex_);
    held_ = false;
    changed_.notify_all();
  }

  // A check point of the eval loop: hands the lock over if a waiter asked for it. False if the
  // run was stopped before the lock came back.
  bool check() {
    if (!drop_request_.load(relaxed)) return true;
    {
      std::unique_lock lock(mutex_);
      held_ = false;
      const auto seen = switches_;
      changed_.notify_all();
      // Forced switching: without this wait the holder would usually win the lock straight back.
      while (switches_ == seen && !stop_.load(relaxed)) {
        changed_.wait_for(lock, std::chrono::milliseconds(1));
      }
    }
    return acquire();
  }

 private:
  const std::chrono::duration<double, std::milli> interval_;
  const std::atomic<bool>& stop_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool held_ = false;
  std::uint64_t switches_ = 0;
  std::atomic<bool> drop_request_{false};
};

// One run's shared state: the counter, and what guards it in some variants.
struct Run {
  Run(double switch_interval_ms, const std::atomic<bool>& stop) : gil(switch_interval_ms, stop) {}
  std::atomic<std::int64_t> counter{0};
  std::mutex lock;
  Gil gil;
  std::atomic<int> ready{0};
};

// One thread's `for _ in range(increments): counter += 1`, as `variant` does it. Returns early
// on stop, within 1024 turns.
void count(Variant variant, int threads, int increments, Run& run, const std::atomic<bool>& stop) {
  const bool under_gil = variant == Variant::gil || variant == Variant::gil_split;
  const int half_turn = half_turn_ops();
  auto& counter = run.counter;
  // All start together: woken one after another, in a browser the first could be done before
  // the last wakes.
  run.ready.fetch_add(1);
  while (run.ready.load() < threads && !stop.load(relaxed)) std::this_thread::yield();
  if (under_gil && !run.gil.acquire()) return;
  for (int i = 0; i < increments; ++i) {
    if (i % 1024 == 0 && stop.load(relaxed)) break;
    // The loop's backward jump: the one place CPython 3.10+ checks for a drop request here.
    if (under_gil && !run.gil.check()) return;
    spin(half_turn);
    if (variant == Variant::atomic_add) {
      spin(half_turn);
      counter.fetch_add(1, relaxed);  // read, add and write as one indivisible step
      continue;
    }
    if (variant == Variant::lock) {
      spin(half_turn);  // here, mostly entering and leaving the `with` block
      std::lock_guard held(run.lock);
      counter.store(counter.load(relaxed) + 1, relaxed);
      continue;
    }
    // `counter += 1`: a read, an add, a write. Separate atomic steps, so no undefined behaviour
    // and nothing for ThreadSanitizer to report, but another thread may write between them, and
    // then one of the two updates is lost.
    const std::int64_t seen = counter.load(relaxed);
    // Python 3.9 checked between most bytecodes; 3.10+ still does at a call, as in
    // `counter = counter + step()`. A switch here hands the lock over with `seen` in hand, and
    // the write below undoes whatever the other threads added meanwhile. Half a turn after the
    // loop's check, so about half of all switches land here, as in CPython.
    if (variant == Variant::gil_split && !run.gil.check()) return;
    spin(half_turn);
    counter.store(seen + 1, relaxed);
  }
  if (under_gil) run.gil.release();
}

}  // namespace

int count_many(Variant variant, int threads, int increments, int runs, double switch_interval_ms,
               const std::atomic<bool>& stop, const std::function<void(std::int64_t)>& on_run) {
  // One team of threads for every run: in a browser, starting a thread is a round trip through
  // the page's thread, which would cost more than the counting.
  std::mutex mutex;
  std::condition_variable changed;
  int started = 0;   // runs started so far: a thread counts once per run
  int finished = 0;  // threads done with the current run
  bool quit = false;
  std::unique_ptr<Run> run;

  auto member = [&] {
    for (int seen = 0;; ++seen) {
      Run* current;
      {
        std::unique_lock guard(mutex);
        changed.wait(guard, [&] { return started > seen || quit; });
        if (quit) return;
        current = run.get();
      }
      count(variant, threads, increments, *current, stop);
      std::lock_guard guard(mutex);
      if (++finished == threads) changed.notify_all();
    }
  };
  std::vector<std::thread> team;
  for (int t = 0; t < threads; ++t) team.emplace_back(member);

  int ended = 0;
  for (; ended < runs && !stop.load(); ++ended) {
    std::unique_lock guard(mutex);
    run = std::make_unique<Run>(switch_interval_ms, stop);
    finished = 0;
    ++started;
    changed.notify_all();
    changed.wait(guard, [&] { return finished == threads; });
    if (stop.load()) break;  // an unfinished count
    const std::int64_t counted = run->counter.load();
    guard.unlock();
    on_run(counted);
  }
  {
    std::lock_guard guard(mutex);
    quit = true;
    changed.notify_all();
  }
  for (auto& thread : team) thread.join();
  return ended;
}

std::int64_t count_once(Variant variant, int threads, int increments, double switch_interval_ms,
                        const std::atomic<bool>& stop) {
  std::int64_t counted = -1;
  count_many(variant, threads, increments, 1, switch_interval_ms, stop,
             [&](std::int64_t count) { counted = count; });
  return counted;
}

}  // namespace race
