// A task's body as a coroutine, so that one demo source runs under every model: a thread runs
// it straight through, blocking where it waits; an event loop resumes it where it left off.
#pragma once

#include <exception>
#include <utility>

#include "lab/coroutine.h"

namespace lab {

class Job {
 public:
  struct promise_type {
    int result = 0;
    Job get_return_object() { return Job(Handle::from_promise(*this)); }
    co::suspend_always initial_suspend() noexcept { return {}; }
    co::suspend_always final_suspend() noexcept { return {}; }
    void return_value(int value) { result = value; }
    void unhandled_exception() { std::terminate(); }
  };
  using Handle = co::coroutine_handle<promise_type>;

  Job() = default;
  Job(Job&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Job& operator=(Job&& other) noexcept {
    std::swap(handle_, other.handle_);
    return *this;
  }
  ~Job() {
    if (handle_) handle_.destroy();
  }

  // Runs the body until it finishes or suspends; true once it has finished.
  bool resume() {
    handle_.resume();
    return handle_.done();
  }
  int result() const { return handle_.promise().result; }

 private:
  explicit Job(Handle handle) : handle_(handle) {}
  Handle handle_ = nullptr;
};

}  // namespace lab
