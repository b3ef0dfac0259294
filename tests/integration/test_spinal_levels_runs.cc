// Every spinal level of the table runs end to end with the transpedicular
// placement rule: the tip lands in trabecular bone well inside the body,
// and the cement stays accounted for.

#include "run_helpers.h"
#include "simulator.h"
#include "spinal_levels.h"
#include "vertebral_body.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace cementflow;
using namespace cementflow::TestHelpers;

namespace
{
  // How far inside the superellipse cross-section a point of the
  // mid-height plane lies: 1 at the centre, 0 on the wall.
  double inside_margin(const Meshes::VertebralBodyParameters &body,
                       const dealii::Point<3>                &point)
  {
    const double p = body.squareness;
    return 1. - std::pow(std::abs(point[0]) / (0.5 * body.width), p) -
           std::pow(std::abs(point[1]) / (0.5 * body.depth), p);
  }
} // namespace

TEST(SpinalLevels, EveryLevelRunsWithATranspedicularNeedle)
{
  for (const std::string &level : Meshes::spinal_levels())
    {
      const CaseParameters parameters =
        make_case("",
                  "level-" + level,
                  {"Geometry/Vertebral body/Level=" + level,
                   "Geometry/Cell size=2.5",
                   "Needle/Placement=left transpedicular",
                   "Lesions/Names=",
                   "Injection/Volume=0.3"});
      const Meshes::VertebralBodyParameters &body =
        parameters.geometry.vertebral_body;
      // Well inside the cross-section: the wall is at least 2 mm away
      // along either axis (the thoracic bodies are half as wide as L5).
      const dealii::Point<3> tip = parameters.needle.tip;
      EXPECT_GT(inside_margin(body, tip), 0.2) << level;
      EXPECT_LT(std::abs(tip[0]), 0.5 * body.width - 2e-3) << level;
      EXPECT_LT(std::abs(tip[1]), 0.5 * body.depth - 2e-3) << level;
      EXPECT_LT(std::abs(tip[2]),
                0.25 * std::min(body.anterior_height, body.posterior_height))
        << level;

      Simulator        simulator(parameters, "", MPI_COMM_WORLD);
      const RunSummary summary = simulator.run();
      EXPECT_EQ(summary.status, "completed") << level;
      EXPECT_NEAR(summary.injected_volume, 0.3e-6, 1e-15) << level;
      EXPECT_LT(summary.mass_balance_error, 1e-10) << level;
      EXPECT_NEAR(summary.cement_in_bone + summary.total_leaked_volume,
                  0.3e-6,
                  1e-15)
        << level;
      // The cement pushes against the bone from the tip's side.
      EXPECT_GT(summary.max_tip_pressure, 3e3) << level;
      EXPECT_GT(summary.cement_left, summary.cement_right) << level;
    }
}

TEST(SpinalLevels, ThoracicExampleRunsCoarse)
{
  // params/thoracic.prm on 2 mm cells: T8 of the table, the tip beside the
  // lesion, no leak of its 2 mL through the three foramina.
  const CaseParameters parameters = make_case("params/thoracic.prm",
                                              "thoracic-example",
                                              {"Geometry/Cell size=2"});
  const Meshes::VertebralBodyParameters &body =
    parameters.geometry.vertebral_body;
  EXPECT_EQ(body.level, "T8");
  EXPECT_NEAR(body.anterior_height, 16.99e-3, 1e-12);
  EXPECT_GT(inside_margin(body, parameters.needle.tip), 0.2);

  Simulator        simulator(parameters, "", MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  EXPECT_NEAR(summary.injected_volume, 2e-6, 1e-14);
  EXPECT_LT(summary.mass_balance_error, 1e-10);
  EXPECT_FALSE(summary.leaked);
  // A 2 mL cloud spans the 17-20 mm tall body.
  EXPECT_TRUE(summary.superior_endplate_contact);
}
