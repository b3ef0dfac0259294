// End-to-end runs on small meshes: mass conservation with leakage, mirror
// symmetry, input errors found during setup, and coarse copies of the
// analytic benchmarks (benchmarks/spherical_injection, piston_front). Every
// test also runs on two MPI ranks (ctest label "mpi").

#include "case_parameters.h"
#include "errors.h"
#include "run_helpers.h"
#include "simulator.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

using namespace cementflow;

using namespace cementflow::TestHelpers;

namespace
{
  const std::vector<std::string> small_box = {"Geometry/Cell size=1",
                                              "Geometry/Box/Size=12, 12, 12"};
} // namespace

TEST(Simulation, CementIsConservedWhileItLeaks)
{
  // 1 mL from the centre of a 12 mm box reaches its open walls.
  std::vector<std::string> overrides = small_box;
  overrides.push_back("Injection/Volume=1");
  Simulator        simulator(make_case("params/box.prm", "leak", overrides),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  EXPECT_NEAR(summary.injected_volume, 1e-6, 1e-18);
  EXPECT_GT(summary.total_leaked_volume, 0.01e-6);
  EXPECT_LT(summary.mass_balance_error, 1e-10);
  EXPECT_NEAR(summary.cement_in_bone + summary.total_leaked_volume,
              summary.injected_volume,
              1e-10 * summary.injected_volume);
  // Adaptive steps: fewer than the 40 of 0.025 mL, at least the 4 of the
  // largest step (0.25 mL).
  EXPECT_LT(summary.n_time_steps, 40u);
  EXPECT_GE(summary.n_time_steps, 4u);
}

// The two flux reconstructions (vertex patches, the default, and the global
// correction) both balance every cell to the solver's tolerance, on the
// vertebral body's mapped cells and at a leaky zone, and give the same
// injection within a fraction of the discretisation error: from 2 mm to
// 1 mm cells this case's cloud radius changes by 1 % and its tip pressure
// by 17 %.
TEST(Simulation, BothFluxReconstructionsBalanceEveryCell)
{
  std::map<std::string, RunSummary> summaries;
  for (const std::string method : {"vertex patches", "global correction"})
    {
      Simulator simulator(
        make_case("params/leak-scenario.prm",
                  "fluxes-" + method.substr(0, 6),
                  {"Injection/Volume=0.5",
                   // Equal steps: adaptive ones would differ with the fluxes.
                   "Numerics/Time stepping=fixed volume",
                   "Numerics/Conservative fluxes=" + method,
                   "Numerics/Pressure tolerance=1e-12",
                   "Numerics/Flux tolerance=1e-12",
                   "Exit zones/posterior defect/Boundary condition=leaky",
                   "Exit zones/posterior defect/Cortex permeability=1e-10"}),
        "",
        MPI_COMM_WORLD);
      summaries[method]               = simulator.run();
      const auto [imbalance, largest] = simulator.cell_flux_imbalance();
      EXPECT_LT(imbalance, 1e-9 * largest) << method;
      EXPECT_LT(summaries[method].mass_balance_error, 1e-12) << method;
    }
  const RunSummary &patches = summaries["vertex patches"];
  const RunSummary &global  = summaries["global correction"];
  EXPECT_NEAR(patches.max_tip_pressure,
              global.max_tip_pressure,
              0.01 * global.max_tip_pressure);
  EXPECT_NEAR(patches.cement_cloud_radius,
              global.cement_cloud_radius,
              0.005 * global.cement_cloud_radius);
}

// The same with the circulation: the exchange with the veins and the
// arterial supply are cell sources that both reconstructions balance.
TEST(Simulation, BothFluxReconstructionsBalanceTheCirculation)
{
  for (const std::string method : {"vertex patches", "global correction"})
    {
      Simulator        simulator(make_case("params/leak-scenario-perfused.prm",
                                    "fluxes-perfused-" + method.substr(0, 6),
                                    {"Injection/Volume=0.5",
                                            "Injection/Follow after injection=0",
                                            "Numerics/Conservative fluxes=" + method,
                                            "Numerics/Pressure tolerance=1e-12",
                                            "Numerics/Flux tolerance=1e-12"}),
                          "",
                          MPI_COMM_WORLD);
      const RunSummary summary        = simulator.run();
      const auto [imbalance, largest] = simulator.cell_flux_imbalance();
      EXPECT_LT(imbalance, 1e-9 * largest) << method;
      EXPECT_LT(summary.mass_balance_error, 1e-12) << method;
      EXPECT_GT(summary.circulation.cement_in_veins, 0.) << method;
    }
}

TEST(Simulation, CementIsConservedWhileACuringCementLeaksWithAPause)
{
  // Curing changes the viscosities between steps; the leak accounting must
  // use those the transport used. A pause keeps the clock running.
  std::vector<std::string> overrides = small_box;
  overrides.insert(overrides.end(),
                   {"Geometry/Box/Size=14, 14, 14",
                    "Injection/Volume=1.5",
                    "Injection/Pauses=0.5: 20",
                    "Cement/Name=generic-medium-viscosity"});
  Simulator simulator(make_case("params/box.prm", "curing-leak", overrides),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  EXPECT_TRUE(summary.leaked);
  EXPECT_GT(summary.safe_volume, 0.5e-6);
  EXPECT_LT(summary.safe_volume, 1.5e-6);
  EXPECT_LT(summary.mass_balance_error, 1e-10);
  // 1.5 mL at 3 mL/min plus the 20 s pause.
  EXPECT_NEAR(summary.end_time, 50., 1e-9);
}

TEST(Simulation, CementIsConservedInLumbarAndThoracicBodies)
{
  // The default anatomy, coarse: lesion, three exits, the needle; and a
  // thoracic body (20.8 mm deep) with a smaller lesion and one exit leaky
  // instead of open.
  const std::vector<std::pair<std::string, std::vector<std::string>>> bodies = {
    {"vertebra", {"Geometry/Cell size=3"}},
    {"thoracic",
     {"Geometry/Cell size=2",
      "Geometry/Vertebral body/Level=thoracic",
      "Lesions/blastic lesion/Center=-5, 2, 0",
      "Lesions/blastic lesion/Semi-axes=4, 3, 3",
      "Exit zones/left segmental foramen/Boundary condition=leaky",
      "Exit zones/left segmental foramen/Cortex permeability=1e-10"}}};
  for (auto [name, settings] : bodies)
    {
      settings.push_back("Injection/Volume=1");
      Simulator simulator(make_case("", name, settings), "", MPI_COMM_WORLD);
      const RunSummary summary = simulator.run();
      EXPECT_LT(summary.mass_balance_error, 1e-10) << name;
      EXPECT_NEAR(summary.cement_in_bone + summary.total_leaked_volume,
                  1e-6,
                  1e-16)
        << name;
      EXPECT_EQ(summary.zones.size(), 3u) << name;
      // Cement works against the bone: the tip is above the venous 3 kPa.
      EXPECT_GT(summary.max_tip_pressure, 3e3) << name;
    }
}

// Two needles placed as mirror images inject half the rate each: the cloud
// is mirror symmetric, and each (Newtonian) cannula carries half the rate,
// so its pressure drop is exactly half that of a single needle.
TEST(Simulation, BipedicularNeedlesShareTheRate)
{
  const std::vector<std::string> box = {"Geometry/Cell size=1",
                                        "Geometry/Box/Size=20, 20, 12",
                                        "Needle/Tip=4, 0, 0",
                                        "Needle/Entry=4, -30, 0",
                                        "Injection/Volume=0.3"};
  std::vector<std::string>       two = box;
  two.insert(two.end(),
             {"Needle/Approach=bipedicular",
              "Needle/Second tip=-4, 0, 0",
              "Needle/Second entry=-4, -30, 0"});
  Simulator        one_needle(make_case("params/box.prm", "unipedicular", box),
                       "",
                       MPI_COMM_WORLD);
  const RunSummary one = one_needle.run();
  Simulator        two_needles(make_case("params/box.prm", "bipedicular", two),
                        "",
                        MPI_COMM_WORLD);
  const RunSummary both = two_needles.run();

  EXPECT_NEAR(both.max_cannula_pressure_drop / one.max_cannula_pressure_drop,
              0.5,
              1e-9);
  EXPECT_LT(both.mass_balance_error, 1e-10);
  EXPECT_NEAR(both.cement_left, both.cement_right, 1e-6 * 0.3e-6);
  EXPECT_NEAR(both.cement_left + both.cement_right, 0.3e-6, 1e-15);
  // The single needle's cloud lies almost all on its side.
  EXPECT_GT(one.cement_left, 0.9 * 0.3e-6);
}

TEST(Simulation, SecondNeedleOutsideTheBoneIsAnInputError)
{
  Simulator simulator(make_case("params/box.prm",
                                "second-needle-outside",
                                {"Geometry/Cell size=3",
                                 "Needle/Approach=bipedicular",
                                 "Needle/Second tip=0, 0, 100",
                                 "Needle/Second entry=0, 0, 130"}),
                      "",
                      MPI_COMM_WORLD);
  try
    {
      simulator.run();
      FAIL() << "a second tip outside the bone was accepted";
    }
  catch (const InputError &error)
    {
      EXPECT_NE(std::string(error.what()).find("Needle/Second tip (0, 0, 100)"),
                std::string::npos)
        << error.what();
    }
}

TEST(Simulation, MirrorSymmetricSetupGivesMirrorSymmetricCloud)
{
  // Symmetric about x = 0: box, needle tip and lesion on the plane; the
  // lesion and tip sit off-centre in y and z so the cloud is not trivially
  // symmetric in every direction.
  std::vector<std::string> overrides = small_box;
  overrides.insert(overrides.end(),
                   {"Injection/Volume=0.3",
                    "Needle/Tip=0, 1.5, 0.5",
                    "Lesions/Names=lesion",
                    "Lesions/lesion/Center=0, -2, 0",
                    "Lesions/lesion/Semi-axes=3, 2, 2",
                    "Bone/Permeability law=Kozeny-Carman",
                    "Numerics/Pressure tolerance=1e-12",
                    "Numerics/Flux tolerance=1e-12"});
  Simulator simulator(make_case("params/box.prm", "mirror", overrides),
                      "",
                      MPI_COMM_WORLD);
  simulator.run();
  const auto cells = simulator.gather_cell_saturation();
  if (!is_root())
    return;

  // Cell centres lie on a 1 mm grid offset by half a cell: key them in
  // half-millimetres.
  std::map<std::array<long, 3>, double> saturation;
  for (const auto &c : cells)
    saturation[{{std::lround(c[0] * 2e3),
                 std::lround(c[1] * 2e3),
                 std::lround(c[2] * 2e3)}}] = c[3];
  ASSERT_EQ(saturation.size(), 1728u);
  double max_difference = 0, max_saturation = 0;
  for (const auto &[key, s] : saturation)
    {
      const auto mirror = saturation.find({{-key[0], key[1], key[2]}});
      ASSERT_NE(mirror, saturation.end());
      max_difference = std::max(max_difference, std::abs(s - mirror->second));
      max_saturation = std::max(max_saturation, s);
    }
  EXPECT_GT(max_saturation, 0.9);
  EXPECT_LT(max_difference, 1e-7);
}

TEST(Simulation, NeedleTipOutsideTheBoneIsAnInputError)
{
  Simulator simulator(
    make_case("", "outside", {"Geometry/Cell size=4", "Needle/Tip=0, -30, 0"}),
    "",
    MPI_COMM_WORLD);
  try
    {
      simulator.run();
      FAIL() << "A tip outside the bone was accepted.";
    }
  catch (const InputError &error)
    {
      const std::string message = error.what();
      EXPECT_NE(message.find("Needle/Tip (0, -30, 0) mm lies outside the bone"),
                std::string::npos)
        << message;
    }
}

TEST(Simulation, TipAtTheSurfaceIsAnInputError)
{
  // Inside the box, in a corner: most of the source ball sticks out.
  std::vector<std::string> overrides = small_box;
  overrides.push_back("Needle/Tip=5.9, 5.9, 5.9");
  Simulator simulator(make_case("params/box.prm", "surface", overrides),
                      "",
                      MPI_COMM_WORLD);
  EXPECT_THROW(simulator.run(), InputError);
}

namespace
{
  // The exact pressure of benchmarks/spherical_injection for a power-law
  // fluid of flow index n (n = 1: Newtonian).
  class SphericalPressure : public dealii::Function<3>
  {
  public:
    explicit SphericalPressure(const double n)
      : n(n)
    {}

    double value(const dealii::Point<3> &p, const unsigned int) const override
    {
      const double q = 5e-8, k = 4e-8, phi = 0.9, r0 = 2e-3, radius = 10e-3;
      const double h = 0.04 / 12 * std::pow(9 + 3 / n, n) *
                       std::pow(150 * k * phi, (1 - n) / 2) / k;
      const auto outside = [&](const double r) {
        return h * std::pow(q / (4 * M_PI), n) *
               (std::pow(r, 1 - 2 * n) - std::pow(radius, 1 - 2 * n)) /
               (2 * n - 1);
      };
      const double r = p.norm();
      return r >= r0 ? outside(r) :
                       outside(r0) +
                         h * std::pow(q / (4 * M_PI * std::pow(r0, 3)), n) *
                           (std::pow(r0, n + 1) - std::pow(r, n + 1)) / (n + 1);
    }

  private:
    const double n;
  };
} // namespace

TEST(AnalyticBenchmarks, SphericalInjectionPressureConvergesAtSecondOrder)
{
  for (const std::string n : {"1", "0.3"})
    {
      std::vector<double> errors;
      for (const std::string h : {"2.5", "1.25"})
        {
          Simulator simulator(make_case("benchmarks/spherical_injection/"
                                        "spherical_injection.prm",
                                        "sphere-n" + n + "-h" + h,
                                        {"Geometry/Cell size=" + h,
                                         "Marrow/Flow index=" + n}),
                              "",
                              MPI_COMM_WORLD);
          simulator.run();
          const auto [error, norm] =
            simulator.pressure_l2_error(SphericalPressure(std::stod(n)));
          errors.push_back(error / norm);
        }
      // Recorded in benchmarks/spherical_injection/README.md: n = 1 6.1% and
      // 1.6%, n = 0.3 6.4% and 1.7%.
      EXPECT_LT(errors[1], 0.02) << "n = " << n;
      EXPECT_GT(std::log2(errors[0] / errors[1]), 1.7) << "n = " << n;
    }
}

// A leaky shell (Robin condition) adds a uniform jump across the cortex:
// the whole injection rate Q leaves through the area 4 pi R^2, so the
// pressure inside rises by Q mu / (4 pi R^2 T), T = k_cortex / t_cortex,
// everywhere, also at the tip.
TEST(AnalyticBenchmarks, LeakyShellRaisesThePressureByTheCortexJump)
{
  std::vector<double> tip_pressure;
  for (const std::string condition : {"open", "leaky"})
    {
      const std::string name = "sphere-" + condition;
      Simulator         simulator(
        make_case("benchmarks/spherical_injection/spherical_injection.prm",
                  name,
                  {"Geometry/Cell size=1.25",
                           "Exit zones/outer boundary/Boundary condition=" + condition,
                           "Exit zones/outer boundary/Cortex permeability=1e-11",
                           "Exit zones/outer boundary/Cortex thickness=0.5"}),
        "",
        MPI_COMM_WORLD);
      simulator.run();
      if (is_root())
        tip_pressure.push_back(
          statistics_column(name, "tip pressure (kPa)").front() * 1e3);
    }
  if (!is_root())
    return;
  const double jump = 5e-8 * 0.04 / (4 * M_PI * 1e-4 * (1e-11 / 0.5e-3));
  // The meshed sphere's surface is about 1 % smaller than 4 pi R^2.
  EXPECT_NEAR((tip_pressure[1] - tip_pressure[0]) / jump, 1., 0.03);
}

TEST(AnalyticBenchmarks, PistonFrontRadiusAndTipPressure)
{
  Simulator simulator(make_case("benchmarks/piston_front/piston_front.prm",
                                "piston",
                                {"Geometry/Cell size=2.5",
                                 "Injection/Volume=0.5"}),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary summary = simulator.run();
  const auto       cells   = simulator.gather_cell_saturation();
  if (!is_root())
    return;

  // Behind the analytic front the pores hold cement, ahead of it marrow,
  // up to the smearing of about one and a half cells.
  const double front    = std::cbrt(3 * 0.5e-6 / (4 * M_PI * 0.9));
  const double h        = 2.5e-3;
  unsigned int n_behind = 0, n_ahead = 0;
  for (const auto &c : cells)
    {
      const double r = std::sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
      if (r < front - 1.5 * h)
        {
          EXPECT_GT(c[3], 0.9) << "r = " << r;
          ++n_behind;
        }
      else if (r > front + 1.5 * h)
        {
          EXPECT_LT(c[3], 0.1) << "r = " << r;
          ++n_ahead;
        }
    }
  EXPECT_GT(n_behind, 0u);
  EXPECT_GT(n_ahead, 0u);

  // Tip pressure of the piston solution; 8% at this resolution
  // (benchmarks/piston_front/README.md).
  const double exact =
    5e-8 / (4 * M_PI * 4e-8) *
    (100 * (6 / (5 * 1.5e-3) - 1 / front) + 0.04 * (1 / front - 1 / 12e-3));
  EXPECT_NEAR(summary.final_tip_pressure / exact, 1., 0.1);
}
