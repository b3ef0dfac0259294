// The adaptive step control against a front whose saturation change per
// step has a closed form.

#include "numerics/time_step_control.h"

#include <gtest/gtest.h>

#include <cmath>

using cementflow::Numerics::StepChanges;
using cementflow::Numerics::StepTargets;
using cementflow::Numerics::TimeStepControl;

TEST(TimeStepControl, ScalesByTheWorstRatioWithinTheGrowthLimits)
{
  StepTargets targets;
  targets.saturation      = 0.5;
  targets.exit_saturation = 0.1;
  targets.leak            = 0.25;
  targets.viscosity       = 0.05;
  targets.growth          = 2;
  StepChanges changes;
  EXPECT_DOUBLE_EQ(TimeStepControl::scaling(changes, targets), 2.);
  changes.saturation = 1.;
  EXPECT_DOUBLE_EQ(TimeStepControl::scaling(changes, targets), 0.5);
  changes.exit_saturation = 0.4; // four times its target
  EXPECT_DOUBLE_EQ(TimeStepControl::scaling(changes, targets), 0.25);
  changes.viscosity = 50.; // far above: the shrink limit 1/growth^2
  EXPECT_DOUBLE_EQ(TimeStepControl::scaling(changes, targets), 0.25);
  changes      = StepChanges();
  changes.leak = 0.05; // a fifth of its target: the growth limit
  EXPECT_DOUBLE_EQ(TimeStepControl::scaling(changes, targets), 2.);
}

TEST(TimeStepControl, FixedVolumeNeverChanges)
{
  TimeStepControl control(false, StepTargets(), 2e-8, 1e-6);
  StepChanges     changes;
  changes.saturation = 0.9;
  control.step_done(2e-8, changes);
  EXPECT_DOUBLE_EQ(control.volume(), 2e-8);
}

TEST(TimeStepControl, AStepCutShortDoesNotShrinkTheNext)
{
  StepTargets targets;
  targets.saturation = 0.5;
  TimeStepControl control(true, targets, 1e-8, 1e-6);
  StepChanges     changes;
  changes.saturation = 0.25; // half the target: doubles
  control.step_done(1e-8, changes);
  EXPECT_DOUBLE_EQ(control.volume(), 2e-8);
  // Cut to a tenth at an output, with changes a tenth as large: the full
  // step was not tried, so it neither shrinks nor grows.
  changes.saturation = 0.025;
  control.step_done(2e-9, changes);
  EXPECT_DOUBLE_EQ(control.volume(), 2e-8);
  // A cut step that overshot shrinks from what it took.
  changes.saturation = 1.;
  control.step_done(1e-8, changes);
  EXPECT_DOUBLE_EQ(control.volume(), 5e-9);
  // The largest volume bounds it.
  TimeStepControl bounded(true, StepTargets(), 1e-8, 1.5e-8);
  bounded.step_done(1e-8, StepChanges());
  EXPECT_DOUBLE_EQ(bounded.volume(), 1.5e-8);
}

// A spherical piston front in cells of size h and porosity phi: a step of
// volume dV at radius r changes the front cell's saturation by
// dV / (4 pi r^2 phi h). Holding the change at the target tau, the front
// moves tau cells per step, so injecting up to radius R takes R / (tau h)
// steps (plus the ramp from a small first step).
TEST(TimeStepControl, SphericalFrontTakesRadiusOverTargetSteps)
{
  const double phi = 0.8, h = 1e-3, tau = 0.5;
  const double volume = 3e-6; // 3 mL
  const auto   radius = [&](const double v) {
    return std::cbrt(3 * v / (4 * M_PI * phi));
  };
  StepTargets targets;
  targets.saturation = tau;
  TimeStepControl control(true, targets, 1e-9, 1.);

  double       injected       = 0;
  unsigned int steps          = 0;
  double       largest_change = 0;
  while (injected < volume * (1 - 1e-12))
    {
      const double step = std::min(control.volume(), volume - injected);
      injected += step;
      const double r = radius(injected);
      StepChanges  changes;
      changes.saturation = step / (4 * M_PI * r * r * phi * h);
      if (steps > 10)
        largest_change = std::max(largest_change, changes.saturation);
      control.step_done(step, changes);
      ++steps;
    }
  const double expected = radius(volume) / (tau * h); // 19.3 steps
  // The ramp from 1e-9 m^3 (doubling) adds a few steps.
  EXPECT_GE(steps, expected);
  EXPECT_LE(steps, expected + 8);
  // Once ramped up, the front never moves more than 1.3 targets per step.
  EXPECT_LE(largest_change, 1.3 * tau);
}
