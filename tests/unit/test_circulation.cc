// The circulation's laws and geometry without a mesh: Poiseuille
// conductance, the vessel-bone exchange factor against a numerical radial
// solution, the plexus pressure's time course, the vessel network (split,
// joined, drained), the vein file reader's checks, and the parameters'
// error messages.

#include "case_parameters.h"
#include "circulation/vessel_network.h"
#include "errors.h"
#include "legacy_vtk_check.h"
#include "physics/vessel_flow.h"
#include "vein_file.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cementflow;
using namespace cementflow::Physics;
using dealii::Point;

TEST(VesselFlow, PoiseuilleConductance)
{
  // 8 mu L Q / (pi r^4) = dp: r = 1 mm, L = 10 mm, blood 4 mPa s.
  const double g = poiseuille_conductance(1e-3, 10e-3, 4e-3);
  EXPECT_NEAR(1 / g, 8 * 4e-3 * 10e-3 / (M_PI * 1e-12), 1e-6 / g);
  // Halving the radius divides it by 16.
  EXPECT_NEAR(poiseuille_conductance(0.5e-3, 10e-3, 4e-3), g / 16, 1e-12 * g);
}

TEST(VesselFlow, ExchangeFactorMatchesTheRadialSolutionOfTheKernel)
{
  // A line source spread over balls of radius rho along a line has the
  // density ~ sqrt(rho^2 - r^2) at distance r from it. Integrate the radial
  // Darcy problem numerically: the mean pressure over the kernel minus the
  // wall's, times 2 pi m / q, must be ln(rho / r_w) - (7/4 - 2 ln 2).
  const double        rho = 3e-3, r_w = 0.4e-3;
  const int           n    = 200000;
  double              mean = 0, below = 0; // p(r) - p(rho) over the kernel
  std::vector<double> inside(n + 1, 0.);
  for (int i = n - 1; i >= 0; --i)
    {
      const double x  = (i + 0.5) / n;                // r / rho
      const double Qx = 1 - std::pow(1 - x * x, 1.5); // source within r
      below += Qx / x / n;                            // int_x^1 Q / t dt
      mean += below * 3 * std::sqrt(1 - x * x) * x / n;
    }
  const double wall       = std::log(rho / r_w); // p_wall - p(rho)
  const double resistance = wall - mean;         // p_wall - p_mean
  EXPECT_NEAR(2 * M_PI / resistance, vessel_exchange_factor(rho, r_w), 1e-4);
  EXPECT_NEAR(mean, 1.75 - 2 * std::log(2.), 1e-5);
  // A vessel wider than half the balls takes balls twice its radius.
  EXPECT_DOUBLE_EQ(vessel_exchange_factor(1e-3, 1e-3),
                   vessel_exchange_factor(2e-3, 1e-3));
}

TEST(VesselFlow, PlexusPressureOverTime)
{
  const PlexusPressure constant(240., 0., 4., {});
  EXPECT_TRUE(constant.is_constant());
  EXPECT_DOUBLE_EQ(constant(17.), 240.);
  EXPECT_TRUE(std::isinf(constant.resolving_time_step()));

  // Breathing of 100 Pa with a 4 s period and a Valsalva episode of 12 kPa
  // from 20 to 30 s with 1 s ramps.
  const PlexusPressure course(240., 100., 4., {{20., 10., 12e3}}, 1.);
  EXPECT_FALSE(course.is_constant());
  const auto breathing = [](const double t) {
    return 240. + 100 * std::sin(2 * M_PI * t / 4);
  };
  EXPECT_NEAR(course(1.), 340., 1e-9);                    // a quarter period
  EXPECT_NEAR(course(20.5), breathing(20.5) + 6e3, 1e-6); // up the ramp
  EXPECT_NEAR(course(25.), breathing(25.) + 12e3, 1e-6);
  EXPECT_NEAR(course(31.), 140., 1e-9); // after it, three quarters

  EXPECT_DOUBLE_EQ(course.resolving_time_step(), 0.25);
  EXPECT_EQ(course.episode_times().size(), 4u);
}

namespace
{
  // Inside the bone: the ball of radius 9.7 mm around the origin (no node
  // on its surface).
  std::vector<bool> in_ball(const std::vector<Point<3>> &points)
  {
    std::vector<bool> inside;
    for (const Point<3> &p : points)
      inside.push_back(p.norm() < 9.7e-3);
    return inside;
  }
} // namespace

TEST(VesselNetwork, SplitJoinedAndDrained)
{
  // Two veins from the centre, one out along +x to 15 mm, one along -y to
  // 12 mm; they share the centre.
  Circulation::VeinPath a, b;
  a.name   = "a";
  a.points = {Point<3>(0, 0, 0), Point<3>(15e-3, 0, 0)};
  a.radii  = {1e-3, 1e-3};
  b.name   = "b";
  b.points = {Point<3>(0, 0, 0), Point<3>(0, -12e-3, 0)};
  b.radii  = {0.5e-3, 0.5e-3};
  const Circulation::VesselNetwork network({a, b}, 1e-3, in_ball);
  EXPECT_EQ(network.segments().size(), 15u + 12u);
  // 16 and 13 points, the centre shared.
  EXPECT_EQ(network.nodes().size(), 28u);
  unsigned int n_plexus = 0, n_in_bone = 0;
  for (const auto &node : network.nodes())
    {
      n_plexus += node.plexus_vein != dealii::numbers::invalid_unsigned_int;
      n_in_bone += node.in_bone;
    }
  EXPECT_EQ(n_plexus, 2u);
  EXPECT_EQ(network.n_unknowns(), 26u);
  EXPECT_EQ(n_in_bone, 1u + 9u + 9u); // the centre and 9 per vein
  const auto [inside, outside] = network.lumen_volume();
  EXPECT_NEAR(inside, M_PI * (1e-6 * 10e-3 + 0.25e-6 * 10e-3), 1e-6 * inside);
  EXPECT_NEAR(outside, M_PI * (1e-6 * 5e-3 + 0.25e-6 * 2e-3), 1e-6 * outside);
}

TEST(VesselNetwork, VeinOutsideTheBoneIsAnInputError)
{
  Circulation::VeinPath far;
  far.name   = "far";
  far.points = {Point<3>(30e-3, 0, 0), Point<3>(40e-3, 0, 0)};
  far.radii  = {1e-3, 1e-3};
  try
    {
      const Circulation::VesselNetwork network({far}, 1e-3, in_ball);
      FAIL() << "no error";
    }
  catch (const InputError &error)
    {
      EXPECT_NE(std::string(error.what()).find("\"far\" does not pass"),
                std::string::npos)
        << error.what();
    }
}

TEST(VesselNetwork, TributaryJoinsItsTrunkAndDrainsThroughIt)
{
  // A trunk from (0, 2, 0) mm out along -y through the wall of the ball, and
  // a tributary from (5, -3, 1) mm that joins it at the foot of the
  // perpendicular, (0, -3, 0) mm, a point inserted into the trunk.
  dealii::ParameterHandler prm;
  const CaseParameters     parameters =
    read_case("",
              {"Veins/Source=parameters",
               "Veins/Names=trunk, branch",
               "Veins/trunk/Start=0, 2, 0",
               "Veins/trunk/Foramen=0, -20, 0",
               "Veins/trunk/Leak class=venous-basivertebral",
               "Veins/branch/Start=5, -3, 1",
               "Veins/branch/Joins=trunk",
               "Veins/branch/Radius=0.3"},
              prm);
  const std::vector<Circulation::VeinPath> paths =
    Circulation::parameter_paths(parameters.circulation.veins, in_ball);
  ASSERT_EQ(paths.size(), 2u);
  ASSERT_EQ(paths[0].points.size(), 4u); // start, join, crossing, plexus
  EXPECT_LT(paths[0].points[1].distance(Point<3>(0, -3e-3, 0)), 1e-12);
  EXPECT_NEAR(paths[0].points[2][1], -9.7e-3, 1e-6);
  ASSERT_EQ(paths[1].points.size(), 2u);
  EXPECT_LT(paths[1].points[1].distance(paths[0].points[1]), 1e-12);
  EXPECT_EQ(paths[1].leak_class, "venous-basivertebral");
  EXPECT_NEAR(paths[1].radii[0], 0.3e-3, 1e-15);

  const Circulation::VesselNetwork network(paths, 0.5e-3, in_ball);
  // One plexus (the trunk's), one junction node of degree 3.
  std::vector<unsigned int> degree(network.nodes().size(), 0);
  for (const auto &segment : network.segments())
    {
      ++degree[segment.from];
      ++degree[segment.to];
    }
  unsigned int n_plexus = 0;
  for (const auto &node : network.nodes())
    n_plexus += node.plexus_vein != dealii::numbers::invalid_unsigned_int;
  EXPECT_EQ(n_plexus, 1u);
  EXPECT_EQ(std::count(degree.begin(), degree.end(), 3u), 1);
  // Flows conserved at the junction: 2 into the trunk from its start, 1
  // from the branch; the trunk's outflow is their sum, the branch's is
  // where it joins.
  std::vector<double> flow(network.segments().size());
  for (unsigned int s = 0; s < flow.size(); ++s)
    {
      const auto  &segment = network.segments()[s];
      const double along   = network.nodes()[segment.to].position[1] -
                           network.nodes()[segment.from].position[1];
      flow[s] =
        segment.vein == 1 ?
          1. :
          (network.nodes()[segment.to].position[1] < -3e-3 + 1e-9 ? 3. : 2.) *
            (along < 0 ? 1 : -1);
    }
  const std::vector<double> outflows = network.vein_outflows(flow);
  EXPECT_DOUBLE_EQ(outflows[0], 3.);
  EXPECT_DOUBLE_EQ(outflows[1], 1.);
}

TEST(CirculationParameters, TributariesJoinListedVeinsWithoutLoops)
{
  dealii::ParameterHandler prm;
  const auto message = [&prm](const std::vector<std::string> &set) {
    try
      {
        read_case("", set, prm);
      }
    catch (const dealii::ExceptionBase &error)
      {
        std::ostringstream text;
        error.print_info(text);
        return text.str();
      }
    return std::string("no error");
  };
  EXPECT_NE(message({"Veins/Names=a, b", "Veins/b/Joins=c"})
              .find("Veins/b/Joins = \"c\" is not a vein of Veins/Names"),
            std::string::npos);
  EXPECT_NE(message({"Veins/Names=a, b", "Veins/a/Joins=b", "Veins/b/Joins=a"})
              .find("join each other in a loop"),
            std::string::npos);
  EXPECT_NE(
    message({"Veins/Names=a", "Veins/a/Joins=a"}).find("names the vein itself"),
    std::string::npos);
  EXPECT_EQ(message({"Veins/Names=a, b", "Veins/b/Joins=a"}), "no error");
}

TEST(VesselNetwork, VeinFileRoundTripAndErrors)
{
  const std::string file =
    std::string(::testing::TempDir()) + "cementflow-veins.vtk";
  Meshes::VeinPolyline line;
  line.points     = {Point<3>(0, 0, 0), Point<3>(0, -12e-3, 1e-3)};
  line.radii      = {1e-3, 0.8e-3};
  line.leak_class = 1;
  Meshes::write_vein_polylines(file, {line}, 1e-3);
  const auto paths = Circulation::read_vein_file(file, 1e-3);
  ASSERT_EQ(paths.size(), 1u);
  EXPECT_EQ(paths[0].leak_class, "venous-segmental");
  EXPECT_NEAR(paths[0].points[1][1], -12e-3, 1e-12);
  EXPECT_NEAR(paths[0].radii[1], 0.8e-3, 1e-12);

  // Cut to half its size: an error naming the file, nothing printed raw.
  const auto size = std::filesystem::file_size(file);
  std::filesystem::resize_file(file, size / 2);
  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();
  try
    {
      Circulation::read_vein_file(file, 1e-3);
      FAIL() << "no error";
    }
  catch (const InputError &error)
    {
      EXPECT_NE(std::string(error.what()).find(file), std::string::npos);
    }
  const std::string printed = ::testing::internal::GetCapturedStderr() +
                              ::testing::internal::GetCapturedStdout();
  EXPECT_TRUE(printed.empty()) << printed;

  // A polyline file without radii.
  std::ofstream(file) << "# vtk DataFile Version 3.0\nveins\nASCII\n"
                         "DATASET POLYDATA\nPOINTS 2 double\n0 0 0 1 0 0\n"
                         "LINES 1 3\n2 0 1\n";
  try
    {
      Circulation::read_vein_file(file, 1e-3);
      FAIL() << "no error";
    }
  catch (const InputError &error)
    {
      EXPECT_NE(std::string(error.what()).find("radius_mm"), std::string::npos)
        << error.what();
    }
}

TEST(VesselNetwork, LegacyVeinFileStructureIsCheckedBeforeVtkReadsIt)
{
  // A file as VTK writes it (version 5 layout: OFFSETS, CONNECTIVITY).
  const std::string file =
    std::string(::testing::TempDir()) + "cementflow-veins-structure.vtk";
  Meshes::VeinPolyline line;
  line.points     = {Point<3>(0, 0, 0),
                     Point<3>(0, -5e-3, 0),
                     Point<3>(0, -12e-3, 1e-3)};
  line.radii      = {1e-3, 0.9e-3, 0.8e-3};
  line.leak_class = 0;
  Meshes::write_vein_polylines(file, {line}, 1e-3);
  std::stringstream written;
  written << std::ifstream(file).rdbuf();
  const std::string text = written.str();
  ASSERT_NE(text.find("ASCII"), std::string::npos);
  EXPECT_EQ(Meshes::legacy_vtk_polydata_problem(text), "");

  // Cut after any token of the data: always an input error naming the
  // file (VTK 9.1 itself crashed on some), nothing printed raw.
  const std::size_t data   = text.find("POINTS");
  unsigned int      n_cuts = 0;
  for (std::size_t cut = data; cut + 1 < text.size(); ++cut)
    if (text[cut] == ' ' || text[cut] == '\n')
      {
        if (text.find_first_not_of(" \n", cut) == std::string::npos)
          continue;
        std::ofstream(file) << text.substr(0, cut);
        ::testing::internal::CaptureStderr();
        EXPECT_THROW(Circulation::read_vein_file(file, 1e-3), InputError)
          << "cut at " << cut;
        EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
        ++n_cuts;
      }
  EXPECT_GT(n_cuts, 10u);

  // The version 4 layout, a point index out of range, a NaN coordinate.
  const std::string version4 = "# vtk DataFile Version 3.0\nveins\nASCII\n"
                               "DATASET POLYDATA\nPOINTS 2 double\n"
                               "0 0 0 1 0 0\nLINES 1 3\n2 0 1\n"
                               "POINT_DATA 2\nSCALARS radius_mm double 1\n"
                               "LOOKUP_TABLE default\n0.5 0.5\n";
  EXPECT_EQ(Meshes::legacy_vtk_polydata_problem(version4), "");
  std::string out_of_range = version4;
  out_of_range.replace(out_of_range.find("2 0 1"), 5, "2 0 7");
  EXPECT_NE(Meshes::legacy_vtk_polydata_problem(out_of_range)
              .find("not a point index from 0 to 1"),
            std::string::npos);
  std::string not_finite = version4;
  not_finite.replace(not_finite.find("1 0 0"), 5, "1 nan 0");
  EXPECT_NE(
    Meshes::legacy_vtk_polydata_problem(not_finite).find("not a finite number"),
    std::string::npos);
  EXPECT_NE(Meshes::legacy_vtk_polydata_problem(
              version4.substr(0, version4.find("LINES 1 3") + 11))
              .find("LINES 1 3 announces 2 integers but the file ends"),
            std::string::npos);
}

TEST(CirculationParameters, EpisodesAndUnitsAndErrors)
{
  dealii::ParameterHandler prm;
  const CaseParameters     parameters =
    read_case("",
              {"Perfusion/Enabled=true",
               "Venous plexus/Episodes=20, 10, 12; 40, 2, 5",
               "Veins/Source=parameters"},
              prm);
  EXPECT_NEAR(parameters.circulation.perfusion.blood_flow,
              17.6e-6 / 60 / 0.1,
              1e-12);
  EXPECT_NEAR(parameters.circulation.plexus.base_pressure(),
              1.8 * 133.322,
              1e-6);
  ASSERT_EQ(parameters.circulation.plexus.episodes.size(), 2u);
  EXPECT_DOUBLE_EQ(parameters.circulation.plexus.episodes[1].rise, 5e3);
  ASSERT_EQ(parameters.circulation.veins.veins.size(), 3u);
  EXPECT_NEAR(parameters.circulation.veins.veins[0].radius, 0.75e-3, 1e-12);

  try
    {
      read_case("", {"Venous plexus/Episodes=20, ten, 12"}, prm);
      FAIL() << "no error";
    }
  catch (const dealii::ExceptionBase &error)
    {
      std::ostringstream text;
      error.print_info(text);
      EXPECT_NE(text.str().find("start, duration, rise"), std::string::npos)
        << text.str();
    }
}
