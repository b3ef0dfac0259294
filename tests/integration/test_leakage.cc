// What a run reports about leakage and filling: the first leak and the
// safe volume, stopping at the first leak, the filling metrics, and the
// verdict of report.md. Also on two ranks (label "mpi").

#include "case_parameters.h"
#include "run_helpers.h"
#include "simulator.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace cementflow;

using namespace cementflow::TestHelpers;

namespace
{
  // 12 mm of bone around the tip, open walls, 1 mm cells.
  RunSummary run(const std::string &name, std::vector<std::string> overrides)
  {
    overrides.insert(overrides.begin(),
                     {"Geometry/Cell size=1", "Geometry/Box/Size=12, 12, 12"});
    Simulator simulator(make_case("params/box.prm", name, overrides),
                        "",
                        MPI_COMM_WORLD);
    return simulator.run();
  }
} // namespace

TEST(Leakage, FirstLeakAndSafeVolume)
{
  // 1 mL from the centre of a 12 mm box of open walls: the cloud of radius
  // (3 V / 4 pi phi)^(1/3) reaches the walls, 6 mm away, after about
  // 4/3 pi 6^3 0.9 mm^3 = 0.81 mL.
  const RunSummary summary = run("first-leak", {"Injection/Volume=1"});
  EXPECT_EQ(summary.outcome(), "leak");
  EXPECT_TRUE(summary.leaked);
  EXPECT_EQ(summary.first_leak_zone, "outer boundary");
  EXPECT_GT(summary.safe_volume, 0.6e-6);
  EXPECT_LT(summary.safe_volume, 1.0e-6);
  EXPECT_NEAR(summary.first_leak_time, summary.safe_volume / 5e-8, 1e-6);
  ASSERT_EQ(summary.zones.size(), 1u);
  EXPECT_NEAR(summary.zones[0].first_arrival_injected,
              summary.safe_volume,
              1e-18);
  EXPECT_GT(summary.zones[0].peak_rate, 0.);
  EXPECT_LT(summary.zones[0].peak_rate, 5e-8); // never more than injected

  // Stopping at the first leak stops there, with the leak just above the
  // threshold.
  const RunSummary stopped =
    run("stop-at-leak",
        {"Injection/Volume=1", "Injection/Stop at first leak=true"});
  EXPECT_EQ(stopped.status, "stopped at the first leak");
  EXPECT_LT(stopped.injected_volume, 1e-6);
  EXPECT_GE(stopped.injected_volume, summary.safe_volume);
  EXPECT_LT(stopped.injected_volume, summary.safe_volume + 0.025e-6 + 1e-15);
  EXPECT_GT(stopped.total_leaked_volume, stopped.leak_threshold);
  EXPECT_LT(stopped.mass_balance_error, 1e-10);
}

TEST(Leakage, FillingMetricsOfACentredCloud)
{
  // 0.3 mL from the centre: a ball of radius 4.3 mm that reaches neither
  // wall, symmetric about x = 0.
  const RunSummary summary = run("filling", {"Injection/Volume=0.3"});
  EXPECT_EQ(summary.outcome(), "no leak");
  EXPECT_NEAR(summary.safe_volume, 0.3e-6, 1e-15);
  EXPECT_TRUE(summary.crosses_midline);
  EXPECT_NEAR(summary.cement_left,
              summary.cement_right,
              1e-6 * summary.cement_left);
  EXPECT_FALSE(summary.superior_endplate_contact);
  EXPECT_FALSE(summary.inferior_endplate_contact);
  for (unsigned int d = 0; d < 3; ++d)
    {
      EXPECT_LT(summary.extent_min[d], -2e-3);
      EXPECT_GT(summary.extent_max[d], 2e-3);
      EXPECT_GT(summary.extent_min[d], -6e-3);
    }
  ASSERT_EQ(summary.regions.size(), 1u);
  EXPECT_NEAR(summary.regions[0].cement_volume, 0.3e-6, 1e-15);
  EXPECT_NEAR(summary.regions[0].pore_volume, 0.9 * 1728e-9, 1e-12);

  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    {
      const std::string text = read_output("filling", "report.md");
      EXPECT_EQ(text.find("# cementflow report\n\n**No leak** above 0.01 "
                          "mL in 0.3 mL injected."),
                0u)
        << text;
    }
}

// A basivertebral vein of 2 mm radius (11 times the bone's permeability)
// from 3 mm behind the tip to the basivertebral foramen draws the cloud
// towards the spinal canal: after 2 mL its posterior edge is 6 mm further
// back (11.2 against 5.2 mm behind the centre), 0.15 mL fill the vein and
// the tip pressure is lower (7.3 against 10.6 kPa). The cement reaches the
// foramen after about 4 mL (docs/model.md).
TEST(Leakage, VenousChannelDrawsCementTowardsItsForamen)
{
  const std::vector<std::string> coarse = {"Geometry/Cell size=2",
                                           "Injection/Volume=2"};
  Simulator closed(make_case("", "no-channel", coarse), "", MPI_COMM_WORLD);
  const RunSummary without = closed.run();

  std::vector<std::string> with_channel = coarse;
  with_channel.insert(with_channel.end(),
                      {"Venous channels/Names=basivertebral vein",
                       "Venous channels/basivertebral vein/Start=3, 0, 1",
                       "Venous channels/basivertebral vein/End=0, -16, 3",
                       "Venous channels/basivertebral vein/Radius=2"});
  Simulator open(make_case("", "channel", with_channel), "", MPI_COMM_WORLD);
  const RunSummary with = open.run();
  EXPECT_LT(with.mass_balance_error, 1e-10);
  EXPECT_LT(with.extent_min[1], without.extent_min[1] - 4e-3);
  EXPECT_LT(with.max_tip_pressure, 0.8 * without.max_tip_pressure);
  const auto vein = std::find_if(with.regions.begin(),
                                 with.regions.end(),
                                 [](const Postprocess::RegionFilling &r) {
                                   return r.name == "basivertebral vein";
                                 });
  ASSERT_NE(vein, with.regions.end());
  EXPECT_GT(vein->cement_volume, 0.1e-6);
}
