#include "lab/params.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace lab {
namespace {

const ParamSpec kSpecs[] = {
    {"workers", 1, 16, 1, 4},
    {"latency_ms", 0, 2000, 10, 200},
};

TEST(ClampParams, KeepsValuesThatAreInRange) {
  double values[] = {8, 150};
  EXPECT_TRUE(clamp_params(values, kSpecs).empty());
  EXPECT_EQ(values[0], 8);
  EXPECT_EQ(values[1], 150);
}

TEST(ClampParams, ClampsToTheDeclaredRangeAndSaysSo) {
  double values[] = {100000, -5};
  const std::vector<Adjustment> adjustments = clamp_params(values, kSpecs);
  EXPECT_EQ(values[0], 16);
  EXPECT_EQ(values[1], 0);
  ASSERT_EQ(adjustments.size(), 2u);
  EXPECT_EQ(adjustments[0].name, "workers");
  EXPECT_EQ(adjustments[0].given, 100000);
  EXPECT_EQ(adjustments[0].used, 16);
}

TEST(ClampParams, RoundsToTheStep) {
  double values[] = {2.6, 123};
  clamp_params(values, kSpecs);
  EXPECT_EQ(values[0], 3);
  EXPECT_EQ(values[1], 120);
}

TEST(ClampParams, KeepsAFractionalValueThatIsOnItsStep) {
  const ParamSpec jitter[] = {{"jitter", 0, 0.9, 0.1, 0}};
  double values[] = {0.3};
  EXPECT_TRUE(clamp_params(values, jitter).empty());
  EXPECT_EQ(values[0], 0.3);
}

TEST(ClampParams, ReplacesWhatIsNotANumberWithTheDefault) {
  double values[] = {std::nan(""), std::numeric_limits<double>::infinity()};
  EXPECT_EQ(clamp_params(values, kSpecs).size(), 2u);
  EXPECT_EQ(values[0], 4);
  EXPECT_EQ(values[1], 200);
}

}  // namespace
}  // namespace lab
