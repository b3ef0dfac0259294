// The pieces of a sweep that are pure functions: distributions and the
// Wilson interval.

#include "sweep.h"

#include <deal.II/base/exceptions.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cementflow;

TEST(Sweep, WilsonIntervalClosedForms)
{
  // k = 0: [0, z^2 / (n + z^2)].
  const double z2 = 1.959963984540054 * 1.959963984540054;
  EXPECT_NEAR(wilson_interval(0, 4).first, 0., 1e-15);
  // Exactly 0 (and 1) at the ends: a report prints "0", not 3.5e-18.
  EXPECT_EQ(wilson_interval(0, 100).first, 0.);
  EXPECT_EQ(wilson_interval(100, 100).second, 1.);
  EXPECT_NEAR(wilson_interval(0, 4).second, z2 / (4 + z2), 1e-12);
  // Symmetric about 1/2 for k = n/2.
  const auto half = wilson_interval(50, 100);
  EXPECT_NEAR(half.first + half.second, 1., 1e-12);
  EXPECT_NEAR(half.second - half.first, 2 * 0.0961, 1e-3); // 0.404-0.596
  // More samples, a narrower interval.
  EXPECT_LT(wilson_interval(300, 1000).second -
              wilson_interval(300, 1000).first,
            wilson_interval(30, 100).second - wilson_interval(30, 100).first);
}

TEST(Sweep, DistributionsSampleWhatTheySay)
{
  std::mt19937_64    generator(1);
  const Distribution uniform("uniform(2, 3)");
  const Distribution truncated("truncated normal(0, 1, -0.5, 0.5)");
  const Distribution lognormal("lognormal(4.605, 0.2)");
  double             sum = 0, log_sum = 0;
  const unsigned int n = 20000;
  for (unsigned int i = 0; i < n; ++i)
    {
      const double u = uniform.sample(generator);
      EXPECT_TRUE(u >= 2 && u < 3);
      const double t = truncated.sample(generator);
      EXPECT_TRUE(t >= -0.5 && t <= 0.5);
      sum += u;
      log_sum += std::log(lognormal.sample(generator));
    }
  EXPECT_NEAR(sum / n, 2.5, 0.01);
  EXPECT_NEAR(log_sum / n, 4.605, 0.01);
  EXPECT_THROW(Distribution("gaussian(0, 1)"), dealii::ExceptionBase);
  EXPECT_THROW(Distribution("uniform(3, 2)"), dealii::ExceptionBase);
  EXPECT_THROW(Distribution("normal(0)"), dealii::ExceptionBase);
  EXPECT_THROW(Distribution("normal(0, x)"), dealii::ExceptionBase);
}
