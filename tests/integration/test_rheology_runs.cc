// End-to-end runs with cement rheology: curing raises the injection
// pressure as the viscosity, a pressure cap lowers the rate or stops the
// injection, a viscosity iteration that does not converge stops the run
// with a clear message, every cement of the library runs the default case,
// and the viscosity ratio sets the sign of dp_tip/dt (coarse copy of
// benchmarks/viscosity_ratio). Also on two ranks (label "mpi").

#include "case_parameters.h"
#include "errors.h"
#include "run_helpers.h"
#include "simulator.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cementflow;

using namespace cementflow::TestHelpers;

namespace
{
  const std::string bench = "benchmarks/cannula/cannula.prm";
} // namespace

TEST(Rheology, CuringRaisesTheInjectionPressureAsTheViscosity)
{
  // A Newtonian cement of 100 Pa s at the start, tau = 3 min; 1 mL at
  // 3 mL/min takes 20 s. The cannula dominates the injection pressure.
  Simulator        simulator(make_case(bench,
                                "curing",
                                {"Injection/Volume=1",
                                        "Injection/Start after mixing=7",
                                        "Cement/Curing/Model=exponential",
                                        "Cement/Curing/Reference time=7",
                                        "Cement/Curing/Time constant=3"}),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  const double start = 8 * 100 * 0.1 * 5e-8 / (M_PI * std::pow(1.194e-3, 4));
  EXPECT_NEAR(summary.max_cannula_pressure_drop / start,
              std::exp(summary.end_time / 60 / 3),
              1e-6);
  EXPECT_NEAR(summary.end_time, 20., 1e-9);
  if (is_root())
    {
      const auto drop =
        statistics_column("curing", "cannula pressure drop (kPa)");
      ASSERT_GT(drop.size(), 2u);
      EXPECT_NEAR(drop.front() * 1e3 / start, 1., 1e-6);
      for (unsigned int i = 1; i < drop.size(); ++i)
        EXPECT_GT(drop[i], drop[i - 1]);
    }
}

TEST(Rheology, PressureCapLowersTheRate)
{
  // 100 Pa s through 11 G needs 626 kPa at 3 mL/min; capped at 300 kPa the
  // rate falls to about 3 * 300 / 626 mL/min.
  Simulator        simulator(make_case(bench,
                                "cap",
                                {"Injection/Volume=0.2",
                                        "Injection/Pressure cap=300"}),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  EXPECT_EQ(summary.status, "completed");
  EXPECT_NEAR(summary.max_injection_pressure / 300e3, 1., 1e-5);
  EXPECT_NEAR(summary.final_rate / (5e-8 * 300. / 626.5), 1., 0.01);
  EXPECT_NEAR(summary.injected_volume, 0.2e-6, 1e-15);
  EXPECT_LT(summary.mass_balance_error, 1e-10);
}

TEST(Rheology, PressureCapCanStopTheInjection)
{
  Simulator        simulator(make_case(bench,
                                "cap-stop",
                                {"Injection/Pressure cap=300",
                                        "Injection/At the pressure cap=stop"}),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  EXPECT_EQ(summary.status, "stopped at the pressure cap");
  EXPECT_EQ(summary.outcome(), "filling failure");
  EXPECT_EQ(summary.n_time_steps, 0u);
  EXPECT_DOUBLE_EQ(summary.injected_volume, 0.);
}

TEST(Rheology, ViscosityIterationThatDoesNotConvergeStopsTheRun)
{
  Simulator simulator(make_case(bench,
                                "no-convergence",
                                {"Cement/Rheology=power law",
                                 "Cement/Flow index=0.4",
                                 "Numerics/Maximum viscosity iterations=1"}),
                      "",
                      MPI_COMM_WORLD);
  try
    {
      simulator.run();
      FAIL() << "A viscosity iteration without convergence was accepted.";
    }
  catch (const SimulationError &error)
    {
      EXPECT_NE(std::string(error.what())
                  .find("The viscosity iteration did not converge in 1 "
                        "pressure solves"),
                std::string::npos)
        << error.what();
    }
  if (is_root())
    {
      const std::string text = read_output("no-convergence", "report.json");
      // The failure names the step and time it happened at.
      EXPECT_NE(text.find("\"status\": \"failed: At time step 1 (t = 0 s, "
                          "0 mL injected): The viscosity iteration"),
                std::string::npos)
        << text;
    }
}

TEST(Rheology, AndersonAccelerationNeedsFewerSolvesForTheSameAnswer)
{
  // The shear-thinning cement of the library on a coarse default case:
  // the accelerated viscosity iteration and plain Picard reach the same
  // pressures, the accelerated one with fewer pressure solves.
  const auto run = [](const std::string &name, const std::string &depth) {
    Simulator        simulator(make_case("",
                                  name,
                                  {"Cement/Name=generic-shear-thinning",
                                          "Geometry/Cell size=3",
                                          "Injection/Volume=0.5",
                                          "Numerics/Viscosity tolerance=1e-6",
                                          "Numerics/Viscosity acceleration depth=" +
                                            depth}),
                        "",
                        MPI_COMM_WORLD);
    const RunSummary summary = simulator.run();
    EXPECT_EQ(summary.status, "completed") << name;
    double solves = 0;
    if (is_root())
      for (const double n : statistics_column(name, "viscosity iterations"))
        solves += n;
    return std::make_pair(summary, solves);
  };
  const auto [picard, picard_solves]     = run("viscosity-picard", "0");
  const auto [anderson, anderson_solves] = run("viscosity-anderson", "2");
  EXPECT_NEAR(anderson.max_tip_pressure / picard.max_tip_pressure, 1., 1e-4);
  EXPECT_NEAR(anderson.cement_cloud_radius / picard.cement_cloud_radius,
              1.,
              1e-4);
  if (is_root())
    {
      EXPECT_GT(picard_solves, 0.);
      EXPECT_LT(anderson_solves, 0.9 * picard_solves);
    }
}

TEST(Rheology, EveryLibraryCementRunsTheDefaultCase)
{
  for (const auto &entry : std::filesystem::directory_iterator(
         CEMENTFLOW_SOURCE_DIR "/params/cements"))
    {
      if (entry.path().extension() != ".prm")
        continue;
      const std::string name = entry.path().stem().string();
      Simulator         simulator(make_case("",
                                    "library-" + name,
                                    {"Cement/Name=" + name,
                                             "Geometry/Cell size=4",
                                             "Injection/Volume=0.3"}),
                          "",
                          MPI_COMM_WORLD);
      const RunSummary  summary = simulator.run();
      EXPECT_EQ(summary.status, "completed") << name;
      EXPECT_LT(summary.mass_balance_error, 1e-10) << name;
      // The cannula's drop dominates: above the tip pressure.
      EXPECT_GT(summary.max_injection_pressure, 5 * summary.max_tip_pressure)
        << name;
    }
}

TEST(AnalyticBenchmarks, ViscosityRatioSetsTheSignOfTheTipPressureSlope)
{
  for (const std::string ratio : {"0.1", "1000"})
    {
      const std::string name = "ratio-" + ratio;
      Simulator         simulator(make_case("benchmarks/viscosity_ratio/"
                                            "viscosity_ratio.prm",
                                    name,
                                    {"Geometry/Cell size=2.5",
                                             "Cement/Viscosity=" +
                                               std::to_string(std::stod(ratio) *
                                                      0.04)}),
                          "",
                          MPI_COMM_WORLD);
      simulator.run();
      if (!is_root())
        continue;
      const auto tip = statistics_column(name, "tip pressure (kPa)");
      ASSERT_EQ(tip.size(), 21u);
      // Over the second half of the injection: rising for M > 1, falling
      // for M < 1 (benchmarks/viscosity_ratio/README.md).
      for (unsigned int i = 11; i < tip.size(); ++i)
        {
          if (ratio == "1000")
            EXPECT_GT(tip[i], tip[i - 1]) << "row " << i;
          else
            EXPECT_LT(tip[i], tip[i - 1]) << "row " << i;
        }
    }
}
