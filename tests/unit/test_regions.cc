// Regions of the bone: lesions (turned ellipsoids), venous channels and
// clefts diluted over the cells that resolve them, and the seeded random
// porosity field with its covariance.

#include "regions.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace cementflow::Meshes;
using dealii::Point;

namespace
{
  const double millimetre = 1e-3;

  LesionsParameters two_lesions()
  {
    LesionsParameters lesions;
    lesions.lesions.resize(2);
    lesions.lesions[0].name      = "first";
    lesions.lesions[0].center    = Point<3>(0, 0, 0);
    lesions.lesions[0].semi_axes = Point<3>(2e-3, 1e-3, 1e-3);
    lesions.lesions[0].porosity  = 0.5;
    lesions.lesions[1].name      = "second";
    lesions.lesions[1].center    = Point<3>(1.5e-3, 0, 0);
    lesions.lesions[1].semi_axes = Point<3>(1e-3, 1e-3, 1e-3);
    lesions.lesions[1].porosity  = 0.7;
    return lesions;
  }

  ConduitsParameters one_channel_one_cleft()
  {
    ConduitsParameters conduits;
    conduits.channels.resize(1);
    conduits.channels[0].name   = "vein";
    conduits.channels[0].start  = Point<3>(0, -5e-3, 0);
    conduits.channels[0].end    = Point<3>(0, -15e-3, 0);
    conduits.channels[0].radius = 0.25e-3;
    conduits.clefts.resize(1);
    conduits.clefts[0].name     = "cleft";
    conduits.clefts[0].center   = Point<3>(0, 0, 8e-3);
    conduits.clefts[0].normal   = dealii::Tensor<1, 3>({0, 0, 1});
    conduits.clefts[0].radius   = 5e-3;
    conduits.clefts[0].aperture = 0.3e-3;
    return conduits;
  }
} // namespace

TEST(Regions, LesionMembershipAndPorosity)
{
  const Regions regions(two_lesions(), {}, {}, 0.9);
  const auto    at = [&regions](const double x, const double y) {
    return regions.material(Point<3>(x, y, 0), 1e-4);
  };
  EXPECT_EQ(at(1.9e-3, 0).region_id, 1u); // the first listed wins
  EXPECT_EQ(at(2.3e-3, 0).region_id, 2u);
  EXPECT_EQ(at(0, 1.1e-3).region_id, 0u);
  EXPECT_DOUBLE_EQ(at(0, 1.1e-3).porosity(), 0.9);
  EXPECT_DOUBLE_EQ(at(0, 0).porosity(), 0.5);
  EXPECT_DOUBLE_EQ(at(2.3e-3, 0).porosity(), 0.7);
  EXPECT_DOUBLE_EQ(at(0, 0).permeability(3e-9), 3e-9); // no conduit
  EXPECT_EQ(regions.region_name(0), "trabecular bone");
  EXPECT_EQ(regions.region_name(2), "second");
  EXPECT_EQ(regions.n_regions(), 3u);
}

TEST(Regions, TurnedLesion)
{
  // A cigar along x, turned 90 degrees about z, lies along y.
  LesionParameters lesion;
  lesion.center    = Point<3>(0, 0, 0);
  lesion.semi_axes = Point<3>(10e-3, 2e-3, 2e-3);
  lesion.axes      = dealii::Tensor<2, 3>({{0, -1, 0}, {1, 0, 0}, {0, 0, 1}});
  EXPECT_TRUE(lesion.contains(Point<3>(0, 8e-3, 0)));
  EXPECT_FALSE(lesion.contains(Point<3>(8e-3, 0, 0)));
}

TEST(Regions, ChannelKeepsVolumeAndConductanceOnACoarseMesh)
{
  const Regions regions(two_lesions(), one_channel_one_cleft(), {}, 0.9);
  EXPECT_EQ(regions.n_regions(), 5u);
  EXPECT_EQ(regions.region_name(3), "vein");
  EXPECT_EQ(regions.region_name(4), "cleft");

  // Cells of 1 mm mark the channel out to 0.75 mm: the lumen of radius
  // 0.25 mm is 1/9 of the marked cross-section, and the marked cells carry
  // the lumen's conductance pi r^2 * r^2 / 8 over that cross-section.
  const double       r = 0.25 * millimetre, marked = 0.75 * millimetre;
  const CellMaterial on_axis =
    regions.material(Point<3>(0.5e-3, -10e-3, 0), millimetre);
  EXPECT_EQ(on_axis.region_id, 3u);
  EXPECT_NEAR(on_axis.conduit_fraction, 1. / 9, 1e-12);
  const double k_bone = 4e-8;
  EXPECT_NEAR(on_axis.permeability(k_bone) * M_PI * marked * marked,
              M_PI * r * r * (r * r / 8) +
                (M_PI * marked * marked - M_PI * r * r) * k_bone,
              1e-20);
  EXPECT_NEAR(on_axis.porosity(), 1. / 9 + 8. / 9 * 0.9, 1e-12);
  // Off the axis, past the end, or on a mesh fine enough to resolve it.
  EXPECT_EQ(regions.material(Point<3>(0.8e-3, -10e-3, 0), millimetre).region_id,
            0u);
  EXPECT_EQ(regions.material(Point<3>(0, -16e-3, 0), millimetre).region_id, 0u);
  const CellMaterial resolved =
    regions.material(Point<3>(0, -10e-3, 0), 0.1 * millimetre);
  EXPECT_DOUBLE_EQ(resolved.conduit_fraction, 1.);
  EXPECT_DOUBLE_EQ(resolved.porosity(), 1.);
  EXPECT_NEAR(resolved.permeability(k_bone), r * r / 8, 1e-22);
}

TEST(Regions, CleftIsAThinDisc)
{
  const Regions regions({}, one_channel_one_cleft(), {}, 0.9);
  const double  aperture = 0.3 * millimetre;
  // 1 mm cells mark the 0.3 mm gap within 0.75 mm of its plane.
  const CellMaterial in_cleft =
    regions.material(Point<3>(3e-3, 2e-3, 8.5e-3), millimetre);
  EXPECT_EQ(in_cleft.region_id, 2u);
  EXPECT_NEAR(in_cleft.conduit_fraction, aperture / 1.5e-3, 1e-12);
  EXPECT_NEAR(in_cleft.conduit_permeability, aperture * aperture / 12, 1e-22);
  EXPECT_EQ(regions.material(Point<3>(0, 0, 9e-3), millimetre).region_id, 0u);
  EXPECT_EQ(regions.material(Point<3>(5.1e-3, 0, 8e-3), millimetre).region_id,
            0u);
}

TEST(RandomField, SameSeedSameFieldAndGaussianCovariance)
{
  HeterogeneityParameters parameters;
  parameters.standard_deviation = 0.05;
  parameters.correlation_length = 2e-3;
  const Point<3> x(1e-3, -3e-3, 2e-3);

  parameters.seed    = 7;
  const double first = RandomField(parameters).value(x);
  EXPECT_EQ(RandomField(parameters).value(x), first);
  parameters.seed = 8;
  EXPECT_NE(RandomField(parameters).value(x), first);

  // Over many seeds: mean 0, variance sigma^2, and the correlation at
  // distance r is exp(-r^2 / (2 l^2)): 0.61 at r = l, 0.14 at r = 2 l.
  const unsigned int n_seeds = 400;
  const double       l       = parameters.correlation_length;
  double             mean = 0, variance = 0, at_l = 0, at_2l = 0;
  for (unsigned int seed = 0; seed < n_seeds; ++seed)
    {
      parameters.seed = seed;
      const RandomField field(parameters);
      const double      v = field.value(x);
      mean += v / n_seeds;
      variance += v * v / n_seeds;
      at_l += v * field.value(x + dealii::Tensor<1, 3>({l, 0, 0})) / n_seeds;
      at_2l +=
        v * field.value(x + dealii::Tensor<1, 3>({0, 2 * l, 0})) / n_seeds;
    }
  const double sigma2 = 0.05 * 0.05;
  // Standard errors over 400 samples are about 5-7 % of sigma^2.
  EXPECT_NEAR(mean, 0., 3 * 0.05 / std::sqrt(n_seeds));
  EXPECT_NEAR(variance / sigma2, 1., 0.2);
  EXPECT_NEAR(at_l / sigma2, std::exp(-0.5), 0.2);
  EXPECT_NEAR(at_2l / sigma2, std::exp(-2.), 0.2);
}

TEST(RandomField, ClippedPorosityOfBoneAndLesionsOnly)
{
  HeterogeneityParameters parameters;
  parameters.standard_deviation = 0.3;
  const Regions regions(two_lesions(),
                        one_channel_one_cleft(),
                        parameters,
                        0.9);
  bool          varies = false;
  for (unsigned int i = 0; i < 200; ++i)
    {
      const CellMaterial m =
        regions.material(Point<3>(0.37e-3 * i, 0.11e-3 * i, -5e-3), 1e-4);
      EXPECT_GE(m.matrix_porosity, 0.05);
      EXPECT_LE(m.matrix_porosity, 0.99);
      varies = varies || std::abs(m.matrix_porosity - 0.9) > 0.01;
    }
  EXPECT_TRUE(varies);
  // A resolved channel is open lumen whatever the field says.
  EXPECT_DOUBLE_EQ(regions.material(Point<3>(0, -10e-3, 0), 1e-4).porosity(),
                   1.);
}
