// The Corey relative permeabilities and the fractional flow against their
// closed forms and limits.

#include "physics/relative_permeability.h"

#include <gtest/gtest.h>

#include <cmath>

using cementflow::Physics::RelativePermeability;
using cementflow::Physics::RelativePermeabilityParameters;

namespace
{
  RelativePermeability corey(const double n_c,
                             const double n_m,
                             const double s_cr = 0,
                             const double s_mr = 0)
  {
    RelativePermeabilityParameters parameters;
    parameters.cement_exponent            = n_c;
    parameters.marrow_exponent            = n_m;
    parameters.residual_cement_saturation = s_cr;
    parameters.residual_marrow_saturation = s_mr;
    return RelativePermeability(parameters);
  }
} // namespace

TEST(RelativePermeability, EndPointsAndQuadraticCorey)
{
  const RelativePermeability k = corey(2, 2);
  EXPECT_DOUBLE_EQ(k.cement(0.), 0.);
  EXPECT_DOUBLE_EQ(k.cement(1.), 1.);
  EXPECT_DOUBLE_EQ(k.marrow(0.), 1.);
  EXPECT_DOUBLE_EQ(k.marrow(1.), 0.);
  EXPECT_DOUBLE_EQ(k.cement(0.5), 0.25);
  EXPECT_DOUBLE_EQ(k.marrow(0.3), 0.49);
}

TEST(RelativePermeability, ResidualSaturationsScaleTheMobileRange)
{
  const RelativePermeability k = corey(2, 3, 0.1, 0.2);
  EXPECT_DOUBLE_EQ(k.cement(0.1), 0.);
  EXPECT_DOUBLE_EQ(k.cement(0.05), 0.);
  EXPECT_DOUBLE_EQ(k.marrow(0.8), 0.);
  EXPECT_DOUBLE_EQ(k.marrow(0.95), 0.);
  EXPECT_DOUBLE_EQ(k.maximum_mobile_saturation(), 0.8);
  // S = 0.45 is halfway through the mobile range [0.1, 0.8].
  EXPECT_NEAR(k.cement(0.45), 0.25, 1e-15);
  EXPECT_NEAR(k.marrow(0.45), 0.125, 1e-15);
}

TEST(RelativePermeability, FractionalFlowClosedForm)
{
  const RelativePermeability k    = corey(2, 2);
  const double               mu_c = 100, mu_m = 0.04;
  for (const double s : {0.1, 0.5, 0.9, 0.99})
    {
      const double lc = s * s / mu_c, lm = (1 - s) * (1 - s) / mu_m;
      EXPECT_NEAR(k.fractional_flow(s, mu_c, mu_m), lc / (lc + lm), 1e-15);
      EXPECT_NEAR(k.total_mobility(s, mu_c, mu_m), lc + lm, 1e-12);
    }
  EXPECT_DOUBLE_EQ(k.fractional_flow(0., mu_c, mu_m), 0.);
  EXPECT_DOUBLE_EQ(k.fractional_flow(1., mu_c, mu_m), 1.);
  // Beyond the end points the flow fraction stays at 0 and 1.
  EXPECT_DOUBLE_EQ(k.fractional_flow(1.2, mu_c, mu_m), 1.);
  EXPECT_DOUBLE_EQ(k.fractional_flow(-0.1, mu_c, mu_m), 0.);
}

TEST(RelativePermeability, LinearCurvesAndEqualViscositiesGiveFEqualsS)
{
  const RelativePermeability k = corey(1, 1);
  for (const double s : {0., 0.2, 0.5, 0.7, 1.})
    EXPECT_NEAR(k.fractional_flow(s, 3., 3.), s, 1e-15);
}

TEST(RelativePermeability, DerivativeMatchesFiniteDifferences)
{
  const RelativePermeability k    = corey(2, 3, 0.05, 0.1);
  const double               mu_c = 10, mu_m = 0.04, h = 1e-7;
  for (const double s : {0.1, 0.3, 0.6, 0.85})
    {
      double       derivative = 0;
      const double f          = k.fractional_flow(s, mu_c, mu_m, &derivative);
      const double fd         = (k.fractional_flow(s + h, mu_c, mu_m) -
                         k.fractional_flow(s - h, mu_c, mu_m)) /
                        (2 * h);
      EXPECT_GT(f, 0.);
      EXPECT_NEAR(derivative, fd, 1e-6 * std::max(1., std::abs(fd)));
    }
}

TEST(RelativePermeability, FractionalFlowIncreasesWithSaturation)
{
  const RelativePermeability k    = corey(2, 2);
  double                     last = -1;
  for (double s = 0; s <= 1.0; s += 0.01)
    {
      const double f = k.fractional_flow(s, 1000, 0.04);
      EXPECT_GE(f, last);
      last = f;
    }
}
