#include "lab/models.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <queue>

#include "lab/clock.h"
#include "lab/cores.h"
#include "lab/gil.h"
#include "lab/locks.h"
#include "lab/workloads.h"

#ifndef LAB_HAS_THREADS
#define LAB_HAS_THREADS 1
#endif
#if LAB_HAS_THREADS
#include <thread>
#endif

namespace lab {

namespace {

// Sleeps until `deadline`, in short slices so that a Stop is noticed within one.
void sleep_until(double deadline, const std::atomic<bool>& stop) {
  constexpr double kSliceMs = 10;
  for (double left = deadline - now_ms(); left > 0 && !stop; left = deadline - now_ms()) {
    sleep_ms(std::min(left, kSliceMs));
  }
}

bool raised(Ending ending) { return ending == Ending::failed || ending == Ending::timed_out; }

struct Outcome {
  RunResult& result;
  double copy_kb = 0;  // a worker that shares no memory copies each result back
  // Called on the task's own thread when a task raised, after its end is logged: what the model
  // does then (gather: the awaiting code gets the error; a pool: shutdown(cancel_futures=True)).
  std::function<void(Task&)> on_error = nullptr;

  void finished(Task& task, int value) {
    // A task cut short by Stop, or by a deadlock, has no result: it stays unfinished.
    if (task.stop_requested() || task.abandoned()) return;
    if (task.ending() == Ending::crashed) {  // nothing crosses back at all
      result.endings[task.id()] = Ending::crashed;
      result.lanes_of[task.id()] = task.lane();
      task.log(EventKind::task_crashed);
      return;
    }
    if (raised(task.ending())) {  // an exception crosses back, not a result
      result.endings[task.id()] = task.ending();
      result.lanes_of[task.id()] = task.lane();
      task.log(task.ending() == Ending::failed ? EventKind::task_failed
                                               : EventKind::task_timed_out);
      if (on_error) on_error(task);
      return;
    }
    copy_between_workers(task, copy_kb * 1024);
    if (task.stop_requested()) return;
    result.results[task.id()] = value;
    result.lanes_of[task.id()] = task.lane();
    result.endings[task.id()] = Ending::done;
    task.log(EventKind::task_end, value);
  }

  // The model cancelled `task` while it ran (a task group when another task raised).
  void cancelled(Task& task) {
    result.endings[task.id()] = Ending::cancelled;
    result.lanes_of[task.id()] = task.lane();
    task.log(EventKind::task_cancelled);
  }
};

// Threads: a task that waits blocks its own thread and nothing else. With a GIL, a thread
// gives the lock up while it waits and competes for it again afterwards; with a given number of
// cores, it gives its core up while it waits, and at the end of each time slice.
class ThreadExecutor final : public Executor {
 public:
  ThreadExecutor(Gil* gil, Cores* cores, int lanes, const std::atomic<bool>& stop)
      : gil_(gil), cores_(cores), locks_(lanes), stop_(stop) {}

  // A thread waiting for a lock, like one waiting on I/O, holds neither the GIL nor a core.
  bool lock(Task& task, int id) override {
    if (locks_.try_acquire(task, id)) return true;
    if (gil_) gil_->release();
    if (cores_) cores_->release();
    const bool taken = locks_.acquire(task, id, stop_);
    if (cores_) cores_->acquire_after(task, EventKind::core_wait_end);
    if (gil_) gil_->acquire(task);
    return taken;
  }

  void unlock(Task& task, int id) override { locks_.release(task, id); }

  // Once its threads have deadlocked, a run starts no more tasks.
  bool halted() const { return locks_.deadlocked(); }

  bool wait_io_in_place(Task& task, double ms) override {
    if (gil_) gil_->release();
    if (cores_) cores_->release();
    sleep_until(now_ms() + ms, stop_);
    log_then_take_what_runs(task, EventKind::io_end);
    return true;
  }

  void checkpoint(Task& task) override {
    if (cores_) cores_->yield_if_due(task);
    if (gil_) gil_->yield_if_requested(task);
  }

  void run_task(Task& task, const TaskBody& body, Outcome& outcome) {
    log_then_take_what_runs(task, EventKind::task_start);
    Job job = body(task);
    job.resume();  // nothing suspends on a thread: the body runs to its end
    // The end is logged before the lock or the core passes on, so that on the timeline this
    // task stops running before the next thread starts.
    outcome.finished(task, job.result());
    if (gil_) gil_->release();
    if (cores_) cores_->release();
  }

 private:
  // Logs `event`, then takes what a thread needs to run: its core, or the GIL (a model has one or
  // the other, or neither). Each logs `event` and the wait that may follow it at one instant.
  void log_then_take_what_runs(Task& task, EventKind event) {
    if (cores_) {
      cores_->acquire_after(task, event);
    } else if (gil_) {
      gil_->acquire_after(task, event);
    } else {
      task.log(event);
    }
  }

  Gil* gil_;
  Cores* cores_;
  LockTable locks_;
  const std::atomic<bool>& stop_;
};

#if LAB_HAS_THREADS
// Like ThreadPoolExecutor.map: each worker takes the next task that nobody has taken yet.
void run_pool(const RunOptions& options, int lanes, const TaskBody& body, EventLog& log,
              const std::atomic<bool>& stop, RunResult& result) {
  std::optional<Gil> gil;
  const bool cancel_queued = options.model == Model::pool_cancel_futures;
  if (options.model == Model::gil_threads || cancel_queued) gil.emplace(options.switch_interval_ms);
  std::optional<Cores> cores;
  if (options.model == Model::one_core) cores.emplace(1, options.quantum_ms, lanes);
  if (options.model == Model::many_cores) cores.emplace(options.cores, options.quantum_ms, lanes);
  ThreadExecutor executor(gil ? &*gil : nullptr, cores ? &*cores : nullptr, lanes, stop);
  // Subinterpreters: threads with an interpreter each, so no lock shared between them, and no
  // object either: each result is copied back to the interpreter that asked for it.
  const bool interpreters = options.model == Model::subinterpreters;
  Outcome outcome{result, interpreters ? options.copy_kb : 0};
  std::atomic<int> next_task{0};
  // as_completed hands the main thread the first future that raised as soon as it is done; its
  // result() raises there, and shutdown(cancel_futures=True) drops every task not yet taken by a
  // worker. The tasks already running are not interrupted: threads cannot be.
  std::atomic<bool> error_seen{false};
  if (cancel_queued) {
    outcome.on_error = [&](Task& task) {
      if (error_seen.exchange(true)) return;
      log.emit(EventKind::error_raised, -1, task.id(), 1);
      for (int id = next_task.exchange(options.tasks); id < options.tasks; ++id) {
        result.endings[id] = Ending::cancelled;
        log.emit(EventKind::task_cancelled, -1, id, 0);
      }
    };
  }
  std::vector<std::thread> pool;
  for (int lane = 0; lane < lanes; ++lane) {
    pool.emplace_back([&, lane] {
      if (interpreters) {  // each worker creates its interpreter first
        log.emit(EventKind::process_start, lane, -1, 0);
        sleep_until(now_ms() + options.interpreter_ms, stop);
        log.emit(EventKind::process_ready, lane, -1, 0);
      }
      for (int id = next_task++; id < options.tasks && !stop && !executor.halted();
           id = next_task++) {
        Task task(id, lane, executor, log, stop);
        executor.run_task(task, body, outcome);
      }
    });
  }
  for (std::thread& worker : pool) worker.join();
  result.deadlocked = executor.halted();
}
#endif

// One thread, many tasks: a task runs until it awaits, then the loop runs whichever task is
// ready next; with nothing ready, the loop sleeps until the earliest timer. With blocking calls,
// a task's wait stalls the whole loop instead. With `in_flight` = 1 it is plain sequential code.
// What the code waiting for an event loop's tasks does when one of them raises.
enum class OnError {
  run_on,          // nothing: every task runs to its own end (plain sequential code here)
  raise_first,     // gather: the first error reaches the awaiting code; the others run on
  cancel_running,  // a task group: the others are cancelled at once, then the group raises
};

class EventLoop final : public Executor {
 public:
  // `slow_ms`: like asyncio's debug mode, flag a step that holds the loop longer (0: never).
  EventLoop(bool blocking_io, int in_flight, double slow_ms, const std::atomic<bool>& stop,
            OnError on_error = OnError::run_on)
      : blocking_io_(blocking_io),
        in_flight_(std::max(1, in_flight)),
        slow_ms_(slow_ms),
        stop_(stop),
        on_error_(on_error) {}

  bool wait_io_in_place(Task&, double) override { return false; }

  void resume_after(Task& task, double ms, co::coroutine_handle<>) override {
    const Timer timer{now_ms() + ms, task.id(), step_began_};
    if (blocking_io_) {
      blocked_ = timer;
    } else {
      timers_.push(timer);
    }
  }

  // Runs the tasks `ids` in that order on `lane`.
  void run(const std::vector<int>& ids, int lane, const TaskBody& body, EventLog& log,
           Outcome& outcome) {
    std::map<int, Running> running;
    std::size_t started = 0;
    while (!stop_) {
      while (running.size() < static_cast<std::size_t>(in_flight_) && started < ids.size()) {
        const int id = ids[started++];  // asyncio.create_task, in order
        auto task = std::make_unique<Task>(id, lane, *this, log, stop_);
        task->log(EventKind::task_start);
        Job job = body(*task);
        running.emplace(id, Running{std::move(task), std::move(job)});
        ready_.push_back(id);
      }
      if (blocked_) {  // time.sleep inside a coroutine: nothing else may run meanwhile
        Task& task = *running.at(blocked_->task).task;
        task.log(EventKind::blocked_start);
        sleep_until(blocked_->due, stop_);
        task.log(EventKind::blocked_end);
        // The blocking call was part of the step that made it: the loop was held throughout.
        warn_if_slow(task, blocked_->step_began);
        task.log(EventKind::io_end);
        ready_.push_front(blocked_->task);
        blocked_.reset();
      } else if (!ready_.empty()) {
        const int id = ready_.front();
        ready_.pop_front();
        Running& step = running.at(id);
        // With one task at a time there is nothing to interleave, so no steps to show.
        if (in_flight_ > 1) step.task->log(EventKind::step_start);
        step_began_ = now_ms();
        const bool finished = step.job.resume();
        if (in_flight_ > 1) step.task->log(EventKind::step_end);
        if (!blocked_) warn_if_slow(*step.task, step_began_);
        if (finished) {
          const Ending ending = step.task->ending();
          outcome.finished(*step.task, step.job.result());
          running.erase(id);
          if (raised(ending) && !stop_) error_in(id, running, log, outcome);
        }
      } else if (!timers_.empty()) {
        const Timer timer = timers_.top();
        if (timer.due > now_ms()) sleep_until(timer.due, stop_);  // idle: yield to the host
        if (stop_) break;
        timers_.pop();
        running.at(timer.task).task->log(EventKind::io_end);
        ready_.push_back(timer.task);
      } else {
        break;  // nothing left to start, run or wait for
      }
    }
  }

 private:
  // Logs a slow_step with the step's length if it held the loop longer than slow_ms_.
  void warn_if_slow(Task& task, double began) {
    const double ms = now_ms() - began;
    if (slow_ms_ > 0 && ms > slow_ms_) task.log(EventKind::slow_step, static_cast<int>(ms + 0.5));
  }

  struct Timer {
    double due;
    int task;
    double step_began;  // when the step that set this timer began
    bool operator>(const Timer& other) const { return due > other.due; }
  };
  struct Running {
    std::unique_ptr<Task> task;
    Job job;
  };

  // Task `id` raised. Under gather its error reaches the awaiting code, once; under a task group
  // every task still running is cancelled at this instant (each would get CancelledError at its
  // await), then the group raises an ExceptionGroup carrying the error.
  void error_in(int id, std::map<int, Running>& running, EventLog& log, Outcome& outcome) {
    if (on_error_ == OnError::run_on || error_seen_) return;
    error_seen_ = true;
    if (on_error_ == OnError::cancel_running) {
      for (auto& [other, cancelled] : running) outcome.cancelled(*cancelled.task);
      running.clear();  // destroys their coroutines, suspended at their awaits
      ready_.clear();
      timers_ = {};
      blocked_.reset();
    }
    log.emit(EventKind::error_raised, -1, id, 1);
  }

  const bool blocking_io_;
  const int in_flight_;
  const double slow_ms_;
  const std::atomic<bool>& stop_;
  const OnError on_error_;
  bool error_seen_ = false;
  double step_began_ = 0;
  std::deque<int> ready_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
  std::optional<Timer> blocked_;
};

std::vector<int> first_ids(int count) {
  std::vector<int> ids(count);
  for (int id = 0; id < count; ++id) ids[id] = id;
  return ids;
}

int lanes_for(const RunOptions& options) {
  switch (info(options.model).lanes) {
    case Lanes::one:
      return 1;
    case Lanes::per_worker:
      return std::max(1, std::min(options.workers, options.tasks));
    case Lanes::per_task:
      return std::max(1, options.tasks);
  }
  return 1;
}

}  // namespace

int threads_for(const RunOptions& options) {
  return info(options.model).backend == Backend::threads ? lanes_for(options) : 0;
}

bool runs_here(Model model) {
  switch (info(model).backend) {
    case Backend::single:
      return true;
    case Backend::threads:
      return LAB_HAS_THREADS;
    case Backend::processes:
      return false;
  }
  return false;
}

RunResult run(const RunOptions& options, const TaskBody& body, EventLog& log,
              const std::atomic<bool>& stop) {
  RunResult result;
  const int tasks = std::max(0, options.tasks);
  result.results.assign(tasks, 0);
  result.lanes_of.assign(tasks, -1);
  result.endings.assign(tasks, Ending::none);
  result.lanes = lanes_for(options);

  const double start = now_ms();
  log.emit(EventKind::run_start, -1, static_cast<int>(options.model), result.lanes, start);
  Outcome outcome{result};
  // A model that does not run here (see runs_here) ends at once, with no task run.
  if (runs_here(options.model)) {
    switch (options.model) {
      case Model::threads:
      case Model::gil_threads:
      case Model::subinterpreters:
      case Model::one_core:
      case Model::many_cores:
      case Model::pool_cancel_futures:
#if LAB_HAS_THREADS
      {
        RunOptions pool = options;
        pool.tasks = tasks;
        run_pool(pool, result.lanes, body, log, stop, result);
      }
#endif
      break;
      case Model::event_loop:
      case Model::event_loop_blocking: {
        const bool blocking = options.model == Model::event_loop_blocking;
        // A connection limit holds tasks back on the cooperative loop; the blocking one runs them
        // one at a time whatever the limit.
        const int in_flight =
            !blocking && options.connections > 0 ? std::min(tasks, options.connections) : tasks;
        EventLoop(blocking, in_flight, options.slow_callback_ms, stop, OnError::raise_first)
            .run(first_ids(tasks), 0, body, log, outcome);
        break;
      }
      case Model::task_group:
        EventLoop(false, tasks, options.slow_callback_ms, stop, OnError::cancel_running)
            .run(first_ids(tasks), 0, body, log, outcome);
        break;
      case Model::sequential:
        EventLoop(false, 1, 0, stop).run(first_ids(tasks), 0, body, log, outcome);
        break;
      case Model::processes:  // started by the page, one module per worker (run_one)
      case Model::process_pool_executor:
      case Model::processes_fork:
      case Model::processes_spawn:
      case Model::processes_forkserver:
        break;
    }
  }
  result.stopped = std::count(result.endings.begin(), result.endings.end(), Ending::none) > 0;
  const double end = now_ms();
  result.wall_ms = end - start;
  log.emit(EventKind::run_end, -1, static_cast<int>(options.model), result.stopped, end);
  return result;
}

int run_one(int task_id, int lane, double copy_kb, double cpu_first_ms, const TaskBody& body,
            EventLog& log, const std::atomic<bool>& stop) {
  RunResult result;
  result.results.assign(task_id + 1, 0);
  result.lanes_of.assign(task_id + 1, -1);
  result.endings.assign(task_id + 1, Ending::none);
  Outcome outcome{result, copy_kb};
  // The work before the task's own runs as the task is created, right after its start is logged.
  const TaskBody after_work = [&](Task& task) {
    compute_for(task, cpu_first_ms);
    return body(task);
  };
  // A worker process runs its task as plain sequential code.
  EventLoop(false, 1, 0, stop)
      .run({task_id}, lane, cpu_first_ms > 0 ? after_work : body, log, outcome);
  return result.results[task_id];
}

void copy_between_workers(Task& task, double bytes) {
  if (bytes <= 0) return;
  // Through a buffer of a fixed size, a block at a time, as a pipe carries it: memory stays
  // small however much is copied, and Stop is noticed between blocks.
  constexpr std::size_t kBlock = 64 * 1024;
  std::vector<unsigned char> sent(kBlock, 1);
  std::vector<unsigned char> received(kBlock);
  task.log(EventKind::copy_start, static_cast<int>(std::min(bytes, 2e9)));
  for (double left = bytes; left > 0 && !task.stop_requested(); left -= kBlock) {
    const auto size = static_cast<std::size_t>(std::min<double>(left, kBlock));
    // Pickled into a buffer on one side, unpickled out of it on the other: two copies.
    std::memcpy(received.data(), sent.data(), size);
    std::memcpy(sent.data(), received.data(), size);
    // Makes the copies count: the compiler may not drop them as unused.
    __asm__ volatile("" : : "r"(sent.data()), "r"(received.data()) : "memory");
  }
  task.log(EventKind::copy_end);
}

}  // namespace lab
