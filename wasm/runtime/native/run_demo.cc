// A demo as a command-line program: runs its tasks under each of its models that run in one
// process, and prints what the lesson page shows: each task's result and thread, and the wall
// time of each model.
//
//   ./downloads                          every model, with the declared defaults
//   ./downloads workers=4 latency_ms=50  other values (clamped to the declared ranges)
//   ./downloads model=gil_threads        one model
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "demo_params.h"
#include "lab/models.h"
#include "lab/params.h"

lab::Job run_task(lab::Task& task, const demo::Params& params);

namespace {

constexpr int kParamCount = sizeof(demo::kParamSpecs) / sizeof(demo::kParamSpecs[0]);

int param_index(const std::string& name) {
  for (int i = 0; i < kParamCount; ++i) {
    if (name == demo::kParamSpecs[i].name) return i;
  }
  return -1;
}

int usage(const char* program) {
  std::fprintf(stderr, "usage: %s [name=value ...] [model=NAME]\nparameters:", program);
  for (const lab::ParamSpec& spec : demo::kParamSpecs) {
    std::fprintf(stderr, " %s (%g to %g, default %g)", spec.name, spec.min, spec.max,
                 spec.fallback);
  }
  std::fprintf(stderr, "\nmodels:");
  for (const lab::Model model : demo::kModels) std::fprintf(stderr, " %s", lab::info(model).name);
  std::fprintf(stderr, "\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  double values[kParamCount];
  for (int i = 0; i < kParamCount; ++i) values[i] = demo::kParamSpecs[i].fallback;
  std::string only;
  for (int a = 1; a < argc; ++a) {
    const char* equals = std::strchr(argv[a], '=');
    if (!equals) return usage(argv[0]);
    const std::string name(argv[a], static_cast<std::size_t>(equals - argv[a]));
    if (name == "model") {
      only = equals + 1;
      continue;
    }
    const int index = param_index(name);
    if (index < 0) return usage(argv[0]);
    values[index] = std::strtod(equals + 1, nullptr);
  }
  for (const lab::Adjustment& a : lab::clamp_params(values, demo::kParamSpecs)) {
    std::printf("%s: %g is outside its range or step, using %g\n", a.name.c_str(), a.given, a.used);
  }
  const demo::Params params = demo::params_from(values);

  for (const lab::Model declared : demo::kModels) {
    const lab::ModelInfo& model = lab::info(declared);
    if (!only.empty() && only != model.name) continue;
    if (!lab::runs_here(declared)) {
      std::printf("\n%s: runs in the browser only (one WebAssembly instance per worker)\n",
                  model.name);
      continue;
    }
    lab::EventLog log;
    std::atomic<bool> stop{false};
    const lab::RunResult result = lab::run(
        lab::options_for(declared, params), [&](lab::Task& task) { return run_task(task, params); },
        log, stop);
    std::printf("\n%s (%s): %.1f ms\n", model.name, model.stands_for, result.wall_ms);
    for (std::size_t id = 0; id < result.results.size(); ++id) {
      std::printf("  task %2zu  lane %2d  result %d\n", id + 1, result.lanes_of[id] + 1,
                  result.results[id]);
    }
  }
  return 0;
}
