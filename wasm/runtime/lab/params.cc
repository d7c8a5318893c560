#include "lab/params.h"

#include <algorithm>
#include <cmath>

namespace lab {

std::vector<Adjustment> clamp_params(std::span<double> values, std::span<const ParamSpec> specs) {
  std::vector<Adjustment> adjustments;
  for (std::size_t i = 0; i < specs.size() && i < values.size(); ++i) {
    const ParamSpec& spec = specs[i];
    const double given = values[i];
    double used = spec.fallback;
    if (std::isfinite(given)) {
      used = spec.min + std::round((given - spec.min) / spec.step) * spec.step;
      used = std::clamp(used, spec.min, spec.max);
    }
    if (used != given) adjustments.push_back({spec.name, given, used});
    values[i] = used;
  }
  return adjustments;
}

}  // namespace lab
