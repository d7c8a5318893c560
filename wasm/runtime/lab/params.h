// A demo's parameters, as declared in its demo.json, checked before a run.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace lab {

struct ParamSpec {
  const char* name;
  double min, max, step, fallback;
};

struct Adjustment {
  std::string name;
  double given, used;
};

// Brings each value into its declared range, on its step, and replaces a value that is not a
// number with the declared default. The page checks the same rules first; this is the second
// line, so a value that slipped past the page cannot start a run with 100000 threads.
std::vector<Adjustment> clamp_params(std::span<double> values, std::span<const ParamSpec> specs);

}  // namespace lab
