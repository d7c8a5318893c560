// C++20 coroutines under one name: g++ 12 has <coroutine>; the libc++ of Emscripten 3.1.6 only
// has <experimental/coroutine>, which clang 14 accepts with a deprecation warning.
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
namespace lab::co {
using std::coroutine_handle;
using std::suspend_always;
}  // namespace lab::co
#else
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-experimental-coroutine"
#include <experimental/coroutine>
#pragma clang diagnostic pop
namespace lab::co {
using std::experimental::coroutine_handle;
using std::experimental::suspend_always;
}  // namespace lab::co
#endif
