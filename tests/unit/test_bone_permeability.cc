// The porosity -> permeability law against its closed form.

#include "physics/bone_permeability.h"

#include <gtest/gtest.h>

using cementflow::Physics::BoneParameters;
using cementflow::Physics::BonePermeability;

TEST(BonePermeability, ReferenceValuesAtReferencePorosity)
{
  BoneParameters         parameters;
  const BonePermeability k(parameters);
  EXPECT_DOUBLE_EQ(k.axial(0.9), 4.45e-8);
  EXPECT_DOUBLE_EQ(k.transverse(0.9), 3.44e-8);
}

TEST(BonePermeability, KozenyCarmanScaling)
{
  BoneParameters         parameters;
  const BonePermeability k(parameters);
  EXPECT_NEAR(BonePermeability::kozeny_carman_shape(0.5), 0.5, 1e-15);
  // (0.6^3/0.4^2) / (0.9^3/0.1^2) = 1.35 / 72.9
  const double ratio = 1.35 / 72.9;
  EXPECT_NEAR(k.axial(0.6), 4.45e-8 * ratio, 1e-20);
  EXPECT_NEAR(k.transverse(0.6), 3.44e-8 * ratio, 1e-20);
  // Anisotropy is kept at every porosity.
  EXPECT_NEAR(k.transverse(0.7) / k.axial(0.7), 3.44 / 4.45, 1e-14);
  // Denser bone is less permeable.
  EXPECT_LT(k.axial(0.6), k.axial(0.8));
  EXPECT_LT(k.axial(0.8), k.axial(0.95));
}

TEST(BonePermeability, ConstantLawIgnoresPorosity)
{
  BoneParameters parameters;
  parameters.permeability_law = "constant";
  const BonePermeability k(parameters);
  EXPECT_DOUBLE_EQ(k.axial(0.3), 4.45e-8);
  EXPECT_DOUBLE_EQ(k.transverse(0.99), 3.44e-8);
}
