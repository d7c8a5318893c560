// What both browser builds of a demo share: its parameters, as the page writes them, and its
// task body, as the runtime calls it. Included once, by the build's own glue file.
#pragma once

#include <cstdint>

#include "demo_params.h"
#include "lab/models.h"
#include "lab/params.h"

// Defined by the demo's own source file.
lab::Job run_task(lab::Task& task, const demo::Params& params);

namespace glue {

constexpr int kParamCount = sizeof(demo::kParamSpecs) / sizeof(demo::kParamSpecs[0]);

// Written by the page, then clamped to the declared ranges before any run reads them.
inline double g_params[kParamCount];

inline int clamp_params() {
  return static_cast<int>(lab::clamp_params(g_params, demo::kParamSpecs).size());
}

// The run's parameters, copied so that the page may write new ones while a run goes on.
struct Request {
  demo::Params params = demo::params_from(g_params);
  lab::TaskBody body() const {
    return [this](lab::Task& task) { return run_task(task, params); };
  }
};

}  // namespace glue
