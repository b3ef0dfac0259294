// Reading cases: defaults, units, the built-in case against
// params/default.prm, overrides, named lists, and the error messages a user
// sees for each kind of bad input.

#include "case_parameters.h"
#include "parameter_printer.h"
#include "spinal_levels.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace cementflow;

namespace
{
  // The text deal.II would show the user for an exception.
  std::string message_of(const dealii::ExceptionBase &error)
  {
    std::ostringstream out;
    error.print_info(out);
    return out.str();
  }

  // Writes a parameter file and returns its name.
  std::string write_case(const std::string &name, const std::string &text)
  {
    const std::string path = std::string(::testing::TempDir()) + name;
    std::ofstream(path) << text;
    return path;
  }

  // Reads a case and returns the error text, or "" if it was accepted.
  std::string error_reading(const std::string              &file,
                            const std::vector<std::string> &overrides = {})
  {
    dealii::ParameterHandler prm;
    try
      {
        read_case(file, overrides, prm);
      }
    catch (const dealii::ExceptionBase &error)
      {
        return message_of(error);
      }
    return "";
  }
} // namespace

TEST(Parameters, DefaultsAreConvertedToSI)
{
  dealii::ParameterHandler prm;
  const CaseParameters     p = read_case("", {}, prm);
  EXPECT_EQ(p.geometry.type, "vertebral body");
  EXPECT_DOUBLE_EQ(p.geometry.cell_size, 1e-3);
  EXPECT_DOUBLE_EQ(p.geometry.vertebral_body.depth, 35.7e-3);
  EXPECT_NEAR(p.injection.rate, 3e-6 / 60, 1e-20);
  EXPECT_NEAR(p.injection.volume, 3e-6, 1e-20);
  EXPECT_DOUBLE_EQ(p.fluids.cement.viscosity, 100.);
  EXPECT_DOUBLE_EQ(p.fluids.marrow.viscosity, 0.04);
  ASSERT_EQ(p.exit_zones.zones.size(), 3u);
  EXPECT_EQ(p.exit_zones.zones[0].name, "basivertebral foramen");
  EXPECT_DOUBLE_EQ(p.exit_zones.zones[0].pressure, 3e3);
  EXPECT_NEAR(p.exit_zones.zones[0].radius, 2e-3, 1e-18);
  EXPECT_NEAR(p.exit_zones.zones[1].center[0], 17e-3, 1e-18);
  ASSERT_EQ(p.lesions.lesions.size(), 1u);
  EXPECT_DOUBLE_EQ(p.lesions.lesions[0].porosity, 0.6);
  EXPECT_NEAR(p.needle.effective_source_radius(), 2.388e-3 / 2, 1e-18);
}

TEST(Parameters, DefaultPrmFileIsTheBuiltInCase)
{
  dealii::ParameterHandler built_in, from_file;
  read_case("", {}, built_in);
  read_case(CEMENTFLOW_SOURCE_DIR "/params/default.prm", {}, from_file);
  EXPECT_EQ(documented_parameters(built_in), documented_parameters(from_file));
}

TEST(Parameters, OverridesApplyInOrderAfterTheFile)
{
  const std::string file =
    write_case("override.prm", "subsection Cement\n set Viscosity = 50\nend\n");
  dealii::ParameterHandler prm;
  const CaseParameters     p =
    read_case(file,
              {"Cement/Viscosity=250",
               "Exit zones/basivertebral foramen/Pressure=5",
               "Injection/Rate=6"},
              prm);
  EXPECT_DOUBLE_EQ(p.fluids.cement.viscosity, 250.);
  EXPECT_DOUBLE_EQ(p.exit_zones.zones[0].pressure, 5e3);
  EXPECT_NEAR(p.injection.rate, 1e-7, 1e-20);
}

TEST(Parameters, NamedListsOpenOneSubsectionPerName)
{
  const std::string        file = write_case("zones.prm",
                                      "subsection Exit zones\n"
                                             "  set Names = canal breach, vein\n"
                                             "  subsection canal breach\n"
                                             "    set Leak class = spinal canal\n"
                                             "    set Radius = 3\n"
                                             "  end\n"
                                             "  subsection vein\n"
                                             "    set Boundary condition = closed\n"
                                             "  end\n"
                                             "end\n"
                                             "subsection Lesions\n"
                                             "  set Names =\n"
                                             "end\n");
  dealii::ParameterHandler prm;
  const CaseParameters     p = read_case(file, {}, prm);
  ASSERT_EQ(p.exit_zones.zones.size(), 2u);
  EXPECT_EQ(p.exit_zones.zones[0].leak_class, "spinal canal");
  EXPECT_NEAR(p.exit_zones.zones[0].radius, 3e-3, 1e-18);
  EXPECT_TRUE(p.exit_zones.zones[0].is_open());
  EXPECT_FALSE(p.exit_zones.zones[1].is_open());
  EXPECT_TRUE(p.lesions.lesions.empty());
}

TEST(Parameters, LevelsTakeTheirDimensionsFromTheTable)
{
  dealii::ParameterHandler prm;
  const CaseParameters     p =
    read_case("", {"Geometry/Vertebral body/Level=T9"}, prm);
  const Meshes::VertebralBodyParameters &body = p.geometry.vertebral_body;
  // Kunkel et al. 2011 heights; width and depth by the stated rule.
  EXPECT_NEAR(body.anterior_height, 18.26e-3, 1e-12);
  EXPECT_NEAR(body.posterior_height, 20.25e-3, 1e-12);
  const double factor = Meshes::thoracic_size_factor(18.26, 20.25);
  EXPECT_NEAR(body.depth, factor * 20.78e-3, 1e-12);
  EXPECT_NEAR(body.width, factor * 27.02e-3, 1e-12);
  EXPECT_NE(body.source.find("Kunkel"), std::string::npos);
  EXPECT_NE(body.approximation.find("approximated"), std::string::npos);
}

TEST(Parameters, TranspedicularPlacementFollowsLevelAndSide)
{
  // The tip at 0.6 of the depth from the posterior wall, 4 mm from the
  // midline; the trajectory converging 30 degrees medially.
  dealii::ParameterHandler prm;
  const CaseParameters     lumbar =
    read_case("",
              {"Needle/Placement=left transpedicular",
               "Needle/Approach=bipedicular"},
              prm);
  const double depth = 35.7e-3;
  EXPECT_NEAR(lumbar.needle.tip[0], 4e-3, 1e-12);
  EXPECT_NEAR(lumbar.needle.tip[1], 0.1 * depth, 1e-12);
  const dealii::Tensor<1, 3> direction =
    (lumbar.needle.tip - lumbar.needle.entry) /
    lumbar.needle.tip.distance(lumbar.needle.entry);
  EXPECT_NEAR(std::asin(-direction[0]) * 180 / M_PI, 30., 1e-9);
  EXPECT_GT(lumbar.needle.entry[0], lumbar.needle.tip[0]); // from the left
  // The second needle mirrors the first.
  EXPECT_NEAR(lumbar.needle.second_tip[0], -4e-3, 1e-12);
  EXPECT_NEAR(lumbar.needle.second_entry[0], -lumbar.needle.entry[0], 1e-12);

  const CaseParameters thoracic =
    read_case("",
              {"Geometry/Vertebral body/Level=thoracic",
               "Needle/Placement=right transpedicular"},
              prm);
  EXPECT_NEAR(thoracic.needle.tip[0], -4e-3, 1e-12);
  EXPECT_NEAR(thoracic.needle.tip[1], 0.1 * 20.78e-3, 1e-12);
}

TEST(Parameters, RelativeMeshAndImageFilesAreFoundBesideTheCase)
{
  // The tests run in the build tree, where ../meshes/samples does not
  // exist; the files are found relative to the parameter files.
  dealii::ParameterHandler prm;
  const CaseParameters     mesh =
    read_case(CEMENTFLOW_SOURCE_DIR "/params/mesh-file.prm", {}, prm);
  EXPECT_TRUE(std::filesystem::exists(mesh.geometry.mesh_file))
    << mesh.geometry.mesh_file;
  const CaseParameters ct =
    read_case(CEMENTFLOW_SOURCE_DIR "/params/ct-phantom.prm", {}, prm);
  EXPECT_TRUE(std::filesystem::exists(ct.geometry.ct.intensity_file));
  EXPECT_TRUE(std::filesystem::exists(ct.geometry.ct.label_file));
}

TEST(ParameterErrors, UnknownLevel)
{
  const std::string message =
    error_reading("", {"Geometry/Vertebral body/Level=C5"});
  EXPECT_NE(message.find("Level"), std::string::npos) << message;
  EXPECT_NE(message.find("L5"), std::string::npos) << message;
}

TEST(ParameterErrors, LeakyZoneNeedsACortexPermeability)
{
  const std::string message = error_reading(
    "", {"Exit zones/basivertebral foramen/Boundary condition=leaky"});
  EXPECT_NE(message.find("Cortex permeability > 0"), std::string::npos)
    << message;
}

TEST(ParameterErrors, ChannelOfZeroLength)
{
  const std::string message =
    error_reading("",
                  {"Venous channels/Names=vein",
                   "Venous channels/vein/Start=1, 2, 3",
                   "Venous channels/vein/End=1, 2, 3"});
  EXPECT_NE(message.find("Start and End must differ"), std::string::npos)
    << message;
}

TEST(ParameterErrors, UnknownEntryNamesFileLineAndEntry)
{
  const std::string file =
    write_case("typo.prm", "subsection Cement\n  set Viscocity = 100\nend\n");
  const std::string message = error_reading(file);
  EXPECT_NE(message.find("Line <2>"), std::string::npos) << message;
  EXPECT_NE(message.find("typo.prm"), std::string::npos) << message;
  EXPECT_NE(message.find("Viscocity"), std::string::npos) << message;
}

TEST(ParameterErrors, ValueOutOfRangeShowsValueAndAllowedRange)
{
  const std::string file =
    write_case("negative.prm",
               "subsection Cement\n  set Viscosity = -5\nend\n");
  const std::string message = error_reading(file);
  EXPECT_NE(message.find("Line <2>"), std::string::npos) << message;
  EXPECT_NE(message.find("-5"), std::string::npos) << message;
  EXPECT_NE(message.find("Viscosity"), std::string::npos) << message;
  EXPECT_NE(message.find("[Double 0.0001...1e+07"), std::string::npos)
    << message;
}

TEST(ParameterErrors, InvalidSelectionListsTheChoices)
{
  const std::string message = error_reading("", {"Geometry/Type=cube"});
  EXPECT_NE(message.find("cube"), std::string::npos) << message;
  EXPECT_NE(message.find("vertebral body|box|sphere"), std::string::npos)
    << message;
  EXPECT_NE(message.find("--set \"Geometry/Type=cube\""), std::string::npos)
    << message;
}

TEST(ParameterErrors, MissingFileIsNamed)
{
  const std::string message = error_reading("/nonexistent/case.prm");
  EXPECT_NE(message.find("/nonexistent/case.prm"), std::string::npos)
    << message;
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
}

TEST(ParameterErrors, MalformedOverride)
{
  const std::string message = error_reading("", {"Cement/Viscosity"});
  EXPECT_NE(message.find("Subsection/Entry=value"), std::string::npos)
    << message;
}

TEST(ParameterErrors, NoOpenExitIsRejected)
{
  const std::string message = error_reading(
    "",
    {"Exit zones/basivertebral foramen/Boundary condition=closed",
     "Exit zones/left segmental foramen/Boundary condition=closed",
     "Exit zones/right segmental foramen/Boundary condition=closed"});
  EXPECT_NE(message.find("no zone is open"), std::string::npos) << message;
}

TEST(ParameterErrors, DuplicateNamesAreRejected)
{
  const std::string message =
    error_reading("", {"Exit zones/Names=vein, vein"});
  EXPECT_NE(message.find("<vein> appears twice"), std::string::npos) << message;
}

TEST(ParameterErrors, NeedleWithoutTrajectory)
{
  const std::string message =
    error_reading("", {"Needle/Tip=1, 2, 3", "Needle/Entry=1, 2, 3.5"});
  EXPECT_NE(message.find("Entry and Tip"), std::string::npos) << message;
}

TEST(ParameterPrinter, EveryEntryShowsMeaningUnitRangeAndDefault)
{
  dealii::ParameterHandler prm;
  CaseParameters::declare_defaults(prm);
  const std::string  text = documented_parameters(prm);
  std::istringstream lines(text);
  std::string        line, previous;
  unsigned int       n_entries = 0;
  std::string        comments;
  while (std::getline(lines, line))
    {
      if (line.find("set ") != std::string::npos &&
          line.find('#') == std::string::npos)
        {
          ++n_entries;
          EXPECT_NE(comments.find("Units:"), std::string::npos) << line;
          EXPECT_NE(comments.find("# Allowed:"), std::string::npos) << line;
          EXPECT_NE(comments.find("# Default:"), std::string::npos) << line;
          comments.clear();
        }
      else if (line.find('#') != std::string::npos)
        comments += line + "\n";
    }
  EXPECT_GT(n_entries, 50u);

  // The printed file is itself a valid parameter file.
  dealii::ParameterHandler reread;
  CaseParameters::declare_defaults(reread);
  EXPECT_NO_THROW(reread.parse_input_from_string(text));
}

TEST(ParameterErrors, MeshTooLargeForAnyMemory)
{
  // A fuzzed box size: the run was killed by the system while meshing.
  const std::string message =
    error_reading(CEMENTFLOW_SOURCE_DIR "/params/box.prm",
                  {"Geometry/Box/Size=99999999999, 12, 12",
                   "Geometry/Cell size=2"});
  EXPECT_NE(message.find("would have about 1.8e+12 cells"), std::string::npos)
    << message;
  EXPECT_NE(message.find("at most 1e9"), std::string::npos) << message;
}

TEST(Parameters, HeatOfReactionOverridesTheKineticsSet)
{
  dealii::ParameterHandler own, given, library;
  EXPECT_DOUBLE_EQ(read_case("", {}, own).heat.kinetics.heat_of_reaction,
                   100e3);
  const CaseParameters p =
    read_case("", {"Heat and cure/Heat of reaction=123"}, given);
  EXPECT_DOUBLE_EQ(p.heat.kinetics.heat_of_reaction, 123e3);
  // The rest of the set stays.
  EXPECT_EQ(p.heat.kinetics.source,
            read_case("", {}, library).heat.kinetics.source);
}
