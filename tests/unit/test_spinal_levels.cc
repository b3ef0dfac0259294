// The level table: measured rows as published, approximated dimensions
// flagged and checked against the measurements the rule did not use.

#include "spinal_levels.h"

#include <deal.II/base/exceptions.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cementflow::Meshes;

TEST(SpinalLevels, EveryLevelFromT1ToL5HasARow)
{
  const std::vector<std::string> levels = spinal_levels();
  ASSERT_EQ(levels.size(), 1u + 12u + 5u);
  EXPECT_EQ(levels[1], "T1");
  EXPECT_EQ(levels.back(), "L5");
  for (const std::string &level : levels)
    {
      const LevelDimensions row = level_dimensions(level);
      EXPECT_FALSE(row.source.empty()) << level;
      EXPECT_GT(row.width, row.depth) << level;
      EXPECT_GT(row.depth, row.anterior_height * 0.8) << level;
    }
}

TEST(SpinalLevels, MeasuredNumbersAreThePublishedOnes)
{
  // Kunkel et al. 2011, Table 2.
  const LevelDimensions t7 = level_dimensions("T7");
  EXPECT_DOUBLE_EQ(t7.anterior_height, 15.94);
  EXPECT_DOUBLE_EQ(t7.posterior_height, 18.67);
  // Bonczar 2024.
  const LevelDimensions l3 = level_dimensions("L3");
  EXPECT_DOUBLE_EQ(l3.width, 44.82);
  EXPECT_DOUBLE_EQ(l3.anterior_height, 26.83);
  EXPECT_DOUBLE_EQ(l3.posterior_height, 26.67);
  // Cook & Baker 2021 at L5, every dimension measured.
  const LevelDimensions l5 = level_dimensions("L5");
  EXPECT_DOUBLE_EQ(l5.depth, 35.7);
  EXPECT_DOUBLE_EQ(l5.anterior_height, 30.3);
  EXPECT_TRUE(l5.approximation.empty());
  EXPECT_TRUE(level_dimensions("thoracic").approximation.empty());
}

TEST(SpinalLevels, ApproximatedDimensionsAreFlagged)
{
  for (const std::string level : {"T1", "T6", "T12"})
    EXPECT_NE(level_dimensions(level).approximation.find(
                "width and depth approximated"),
              std::string::npos)
      << level;
  for (const std::string level : {"L1", "L4"})
    {
      const LevelDimensions row = level_dimensions(level);
      EXPECT_NE(row.approximation.find("depth approximated"),
                std::string::npos);
      EXPECT_NEAR(row.depth / row.width, 35.7 / 48.81, 1e-12);
    }
}

TEST(SpinalLevels, ThoracicRuleAgreesWithWidthsItDidNotUse)
{
  // The rule averages to 1 over T2-T9, where the typical values were
  // measured.
  double mean = 0;
  for (unsigned int t = 2; t <= 9; ++t)
    {
      const LevelDimensions row = level_dimensions("T" + std::to_string(t));
      mean += row.width / 27.02 / 8;
    }
  EXPECT_NEAR(mean, 1., 1e-12);
  // Widths the rule never saw (physics-reference.md 13.1): T12 upper
  // endplate 34.5 mm (Tan 2004) and 34.62-36.99 mm (Yadav 2020); T1
  // 24.54 mm and T11 35.2 mm read off Panjabi 1991's graph.
  EXPECT_LT(std::abs(level_dimensions("T12").width - 34.5) / 34.5, 0.05);
  EXPECT_LT(std::abs(level_dimensions("T1").width - 24.54) / 24.54, 0.06);
  EXPECT_LT(std::abs(level_dimensions("T11").width - 35.2) / 35.2, 0.07);
  // Bodies grow down the spine: T1 is about half of L5 in width.
  EXPECT_LT(level_dimensions("T1").width, 0.5 * level_dimensions("L5").width);
}

TEST(SpinalLevels, UnknownLevelNamesTheLevelsThereAre)
{
  try
    {
      level_dimensions("C5");
      FAIL() << "C5 has no row";
    }
  catch (const dealii::ExceptionBase &error)
    {
      const std::string message = error.what();
      EXPECT_NE(message.find("no level C5"), std::string::npos) << message;
      EXPECT_NE(message.find("T1, T2"), std::string::npos) << message;
    }
}
