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
      const double steps = (given - spec.min) / spec.step;
      // A value on its step stays as given: 0.3 is on a step of 0.1, whatever floats say.
      used = std::abs(steps - std::round(steps)) < 1e-9 ? given
                                                        : spec.min + std::round(steps) * spec.step;
      used = std::clamp(used, spec.min, spec.max);
    }
    if (used != given) adjustments.push_back({spec.name, given, used});
    values[i] = used;
  }
  return adjustments;
}

}  // namespace lab
