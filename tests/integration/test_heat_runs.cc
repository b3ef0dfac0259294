// End-to-end runs with Heat and cure: the exotherm heats the cement after
// the injection, blood and the exits cool it again, the cure of each cell's
// cement raises its viscosity, the energy budget closes, and cases that
// cannot carry the fields yet are refused. Also on two ranks (label "mpi").

#include "case_parameters.h"
#include "run_helpers.h"
#include "simulator.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace cementflow;
using namespace cementflow::TestHelpers;

namespace
{
  // A 16 mm box of bone, 2 mm cells, 1 mL at 3 mL/min from its centre,
  // followed for 15 minutes; no perfusion (a bone in a 37 C bath).
  std::vector<std::string> heated_box(std::vector<std::string> more = {})
  {
    std::vector<std::string> settings = {"Geometry/Cell size=2",
                                         "Geometry/Box/Size=16, 16, 16",
                                         "Injection/Volume=1",
                                         "Injection/Follow after injection=900",
                                         "Numerics/Maximum time step=10",
                                         "Heat and cure/Enabled=true",
                                         "Heat and cure/Perfusion rate=0"};
    settings.insert(settings.end(), more.begin(), more.end());
    return settings;
  }
} // namespace

TEST(HeatAndCure, ExothermHeatsTheCementAndTheBathCoolsItAgain)
{
  Simulator        simulator(make_case("params/box.prm", "heat", heated_box()),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  EXPECT_EQ(summary.status, "completed");
  const std::vector<double> time = statistics_column("heat", "time (s)");
  const std::vector<double> hottest =
    statistics_column("heat", "max temperature (C)");
  const std::vector<double> cure =
    statistics_column("heat", "max degree of cure");
  const std::vector<double> tip =
    statistics_column("heat", "cement viscosity at tip (Pa s)");
  ASSERT_GT(time.size(), 30u);

  // During the injection (20 s) cement from the 23 C syringe only cools.
  const auto end_of_injection =
    std::find_if(time.begin(), time.end(), [](double t) { return t > 20; }) -
    time.begin();
  for (long i = 0; i < end_of_injection; ++i)
    EXPECT_LE(hottest[i], 37 + 1e-6) << "t = " << time[i];
  // Then the polymerisation heats it well above body temperature, and the
  // bath takes the heat away again.
  const auto   peak      = std::max_element(hottest.begin(), hottest.end());
  const double peak_time = time[peak - hottest.begin()];
  EXPECT_GT(*peak, 45.);
  EXPECT_LT(*peak, 37 + 100 / 1.450); // below the adiabatic rise of cement
  EXPECT_GT(peak_time, 60.);
  EXPECT_LT(hottest.back(), *peak - 5);
  // The cure only grows and ends near completion; the cement at the tip,
  // fresh when the needle closed, sets.
  for (unsigned int i = 1; i < cure.size(); ++i)
    EXPECT_GE(cure[i], cure[i - 1] - 1e-12);
  EXPECT_GT(cure.back(), 0.7);
  EXPECT_GT(tip.back(), 100 * tip[end_of_injection]);
  // The posterior wall (the box's -y face, 8 mm from the cement's centre,
  // held near 37 C by the exit beyond it) warms, much less than the cement.
  const double wall =
    statistics_column("heat",
                      "peak temperature at the posterior wall so far (C)")
      .back();
  EXPECT_GT(wall, 37.);
  EXPECT_LT(wall, *peak - 10);
  // The report gives the same figures.
  EXPECT_NEAR(summary.heat.posterior_wall_peak, wall, 1e-9);
  EXPECT_NEAR(summary.heat.peak_temperature,
              statistics_column("heat", "peak temperature so far (C)").back(),
              1e-9);
  // (statistics.csv keeps 12 significant digits)
  EXPECT_GE(summary.heat.peak_temperature, *peak - 1e-9 * *peak);
  // Per region: the posterior wall as above, the anterior wall, the
  // endplates, and the box's one exit zone, whose cells the hot cement
  // warms above the body temperature but not to the cement's peak; the
  // statistics give the zone's figures too.
  ASSERT_EQ(summary.heat.regions.size(), 4u);
  EXPECT_NEAR(summary.heat.regions[0].peak, wall, 1e-9);
  EXPECT_EQ(summary.heat.regions[1].name, "anterior wall");
  EXPECT_GT(summary.heat.regions[1].peak, 37.);
  const Postprocess::RegionDose &exit = summary.heat.regions[3];
  EXPECT_EQ(exit.name, "exit zone outer boundary");
  EXPECT_GT(exit.peak, 37.);
  EXPECT_LT(exit.peak, summary.heat.peak_temperature);
  EXPECT_GE(exit.above_45, exit.above_50);
  EXPECT_NEAR(statistics_column(
                "heat",
                "peak temperature behind exit zone outer boundary so far (C)")
                .back(),
              exit.peak,
              1e-9);
  // The energy budget closes: what the cure released and the cold cement
  // brought is stored or left through the exits (no blood here).
  EXPECT_GT(summary.heat.budget.released, 0.);
  EXPECT_LT(summary.heat.budget.injected, 0.);
  EXPECT_GT(summary.heat.budget.exits, 0.);
  EXPECT_EQ(summary.heat.budget.blood, 0.);
  EXPECT_LT(std::abs(summary.heat.budget.imbalance),
            1e-8 * summary.heat.budget.released);
  const std::vector<double> imbalance =
    statistics_column("heat", "energy imbalance (J)");
  for (const double error : imbalance)
    EXPECT_LT(std::abs(error), 1e-8 * summary.heat.budget.released);
  if (is_root())
    {
      EXPECT_NE(read_output("heat", "report.md").find("## Heat and cure"),
                std::string::npos);
      EXPECT_NE(read_output("heat", "report.json")
                  .find("\"posterior_wall_peak_temperature_C\""),
                std::string::npos);
    }
}

TEST(HeatAndCure, BloodPerfusionLowersThePeak)
{
  Simulator bath(make_case("params/box.prm", "heat-bath", heated_box()),
                 "",
                 MPI_COMM_WORLD);
  bath.run();
  Simulator perfused(make_case("params/box.prm",
                               "heat-perfused",
                               heated_box(
                                 {"Heat and cure/Perfusion rate=3e-3"})),
                     "",
                     MPI_COMM_WORLD);
  perfused.run();
  const auto peak = [](const std::string &name) {
    const std::vector<double> column =
      statistics_column(name, "peak temperature so far (C)");
    return column.back();
  };
  EXPECT_LT(peak("heat-perfused"), peak("heat-bath") - 0.1);
}

TEST(HeatAndCure, AdaptiveMeshKeepsHeatCureAndCement)
{
  // The mesh follows the front and coarsens the filled core (no refinement
  // kept at the tip) while the cement heats and cures: the energy budget
  // and the cement volume still close, and coarsening happened.
  Simulator simulator(
    make_case("params/box.prm",
              "heat-adaptive",
              heated_box({"Adaptive mesh/Refinement levels=1",
                          "Adaptive mesh/Tip refinement radius=0",
                          "Adaptive mesh/Steps between adaptations=2"})),
    "",
    MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  EXPECT_EQ(summary.status, "completed");
  EXPECT_LT(summary.mass_balance_error, 1e-10);
  EXPECT_GT(summary.heat.peak_temperature, 60);
  EXPECT_LT(std::abs(summary.heat.budget.imbalance),
            1e-8 * summary.heat.budget.released);
  for (const double error :
       statistics_column("heat-adaptive", "energy imbalance (J)"))
    EXPECT_LT(std::abs(error), 1e-8 * summary.heat.budget.released);
  const std::vector<double> cure =
    statistics_column("heat-adaptive", "max degree of cure");
  for (const double alpha : cure)
    {
      EXPECT_GE(alpha, 0);
      EXPECT_LE(alpha, 1);
    }
  // The uniform 1 mm mesh has 4096 cells, the 2 mm one 512.
  EXPECT_GT(summary.n_cells, 512u);
  EXPECT_LT(summary.n_cells, 4096u);
}

TEST(HeatAndCure, LibraryCementCuresOnItsEquivalentAge)
{
  // The medium cement of the library: exponential cure, 100 Pa s at 7 min
  // after mixing at 22 C, tau 3.1 min. From a syringe at 22 C its
  // equivalent age is the time since mixing, so 10 min after mixing the
  // first cement at the tip has 100 exp(3 / 3.1) Pa s; in the 37 C bone it
  // then cures on until it sets.
  Simulator simulator(make_case("params/box.prm",
                                "heat-library-cement",
                                heated_box(
                                  {"Cement/Name=generic-medium-viscosity",
                                   "Heat and cure/Syringe temperature=22",
                                   "Injection/Start after mixing=10"})),
                      "",
                      MPI_COMM_WORLD);
  EXPECT_EQ(simulator.run().status, "completed");
  const std::vector<double> tip =
    statistics_column("heat-library-cement", "cement viscosity at tip (Pa s)");
  // Row 0 is the state before the injection.
  ASSERT_GT(tip.size(), 2u);
  EXPECT_NEAR(tip[1], 100 * std::exp(3 / 3.1), 0.05 * tip[1]);
  EXPECT_GT(tip.back(), 1e4);
}
