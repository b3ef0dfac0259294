// Imported meshes: a Gmsh and a legacy VTK file of two labelled blocks,
// whose volume labels pick a lesion and whose labelled top face is the
// exit; the run sees the labelled regions and zone.

#include "errors.h"
#include "run_helpers.h"
#include "simulator.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace cementflow;
using namespace cementflow::TestHelpers;

namespace
{
  // Two 10 x 10 x 10 mm blocks stacked along z; the lower has label 1, the
  // upper label 2, and the top face (z = 20 mm) label 5.
  const char *points[12] = {"0 0 0",
                            "10 0 0",
                            "0 10 0",
                            "10 10 0",
                            "0 0 10",
                            "10 0 10",
                            "0 10 10",
                            "10 10 10",
                            "0 0 20",
                            "10 0 20",
                            "0 10 20",
                            "10 10 20"};

  std::string write_file(const std::string &name, const std::string &text)
  {
    const std::string path = std::string(::testing::TempDir()) + name;
    if (is_root())
      std::ofstream(path) << text;
    MPI_Barrier(MPI_COMM_WORLD);
    return path;
  }

  std::string two_blocks_msh()
  {
    std::string text = "$MeshFormat\n2.2 0 8\n$EndMeshFormat\n$Nodes\n12\n";
    for (unsigned int i = 0; i < 12; ++i)
      text += std::to_string(i + 1) + " " + points[i] + "\n";
    // Element: number, type (3 quad, 5 hex), 2 tags (physical, elementary),
    // nodes (counter-clockwise bottom, then top).
    text += "$EndNodes\n$Elements\n3\n"
            "1 3 2 5 5 9 10 12 11\n"
            "2 5 2 1 1 1 2 4 3 5 6 8 7\n"
            "3 5 2 2 2 5 6 8 7 9 10 12 11\n"
            "$EndElements\n";
    return text;
  }

  std::string two_blocks_vtk()
  {
    std::string text = "# vtk DataFile Version 3.0\ntwo blocks\nASCII\n"
                       "DATASET UNSTRUCTURED_GRID\nPOINTS 12 double\n";
    for (const char *point : points)
      text += std::string(point) + "\n";
    text += "CELLS 3 23\n"
            "8 0 1 3 2 4 5 7 6\n"
            "8 4 5 7 6 8 9 11 10\n"
            "4 8 9 11 10\n"
            "CELL_TYPES 3\n12\n12\n9\n"
            "CELL_DATA 3\nSCALARS MaterialID int 1\nLOOKUP_TABLE default\n"
            "1\n2\n5\n";
    return text;
  }

  RunSummary run_on(const std::string &mesh_file, const std::string &name)
  {
    Simulator simulator(make_case("",
                                  name,
                                  {"Geometry/Type=mesh file",
                                   "Geometry/Mesh file/File=" + mesh_file,
                                   "Geometry/Global refinements=3",
                                   "Lesions/Names=upper block",
                                   "Lesions/upper block/Shape=material id",
                                   "Lesions/upper block/Material id=2",
                                   "Lesions/upper block/Porosity=0.6",
                                   "Exit zones/Names=top",
                                   "Exit zones/top/Surface=boundary id",
                                   "Exit zones/top/Boundary id=5",
                                   "Exit zones/top/Pressure=0",
                                   "Needle/Tip=5, 5, 4",
                                   "Needle/Entry=5, -20, 4",
                                   "Injection/Volume=0.2"}),
                        "",
                        MPI_COMM_WORLD);
    return simulator.run();
  }

  void expect_labelled_regions(const RunSummary &summary)
  {
    EXPECT_EQ(summary.n_cells, 2u * 8 * 8 * 8);
    EXPECT_LT(summary.mass_balance_error, 1e-10);
    ASSERT_EQ(summary.zones.size(), 1u);
    EXPECT_EQ(summary.zones[0].name, "top");
    // Pore volumes: 1 mL of bone at porosity 0.9 below, 0.6 above.
    ASSERT_EQ(summary.regions.size(), 2u);
    EXPECT_NEAR(summary.regions[0].pore_volume, 0.9e-6, 1e-12);
    EXPECT_EQ(summary.regions[1].name, "upper block");
    EXPECT_NEAR(summary.regions[1].pore_volume, 0.6e-6, 1e-12);
    // The cement stays near the tip, 4 mm above the bottom.
    EXPECT_NEAR(summary.regions[0].cement_volume, 0.2e-6, 1e-12);
  }
} // namespace

TEST(ImportedMesh, GmshLabelsPickLesionsAndExitZones)
{
  expect_labelled_regions(
    run_on(write_file("two-blocks.msh", two_blocks_msh()), "gmsh"));
}

TEST(ImportedMesh, LegacyVtkLabelsPickLesionsAndExitZones)
{
  expect_labelled_regions(
    run_on(write_file("two-blocks.vtk", two_blocks_vtk()), "vtk"));
}

TEST(ImportedMesh, TruncatedFileIsAnErrorNamingIt)
{
  std::string text       = two_blocks_msh();
  text                   = text.substr(0, text.find("$Elements") + 14);
  const std::string path = write_file("truncated.msh", text);
  Simulator         simulator(make_case("",
                                "truncated",
                                {"Geometry/Type=mesh file",
                                         "Geometry/Mesh file/File=" + path}),
                      "",
                      MPI_COMM_WORLD);
  try
    {
      simulator.run();
      FAIL() << "a truncated mesh file was accepted";
    }
  catch (const InputError &error)
    {
      const std::string message = error.what();
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_NE(message.find("could not be read"), std::string::npos)
        << message;
    }
}

// The shipped CT phantom (params/ct-phantom.prm): the mesh of its voxels
// carries the imaged porosity, the labelled lesion and the two labelled
// foramina.
TEST(ImportedMesh, CtPhantomCase)
{
  const std::string source = CEMENTFLOW_SOURCE_DIR;
  Simulator         simulator(make_case("params/ct-phantom.prm",
                                "ct-phantom",
                                {"Geometry/Cell size=2",
                                         "Geometry/CT image/Intensity file=" + source +
                                           "/meshes/samples/phantom-intensity.nii.gz",
                                         "Geometry/CT image/Label file=" + source +
                                           "/meshes/samples/phantom-labels.nii.gz",
                                         "Injection/Volume=1"}),
                      "",
                      MPI_COMM_WORLD);
  const RunSummary  summary = simulator.run();
  EXPECT_LT(summary.mass_balance_error, 1e-10);
  ASSERT_EQ(summary.zones.size(), 2u);
  ASSERT_EQ(summary.regions.size(), 2u);
  EXPECT_EQ(summary.regions[1].name, "blastic lesion");
  // Pores of the lesion: porosity 0.6 of a ball of 6 mm radius, less the
  // blocks of 2 x 2 x 2 voxels at its rim where bone has the majority
  // (22 % less volume, tests/unit/test_ct_image.cc).
  EXPECT_NEAR(summary.regions[1].pore_volume / (0.6 * 4. / 3 * M_PI * 216e-9),
              0.78,
              0.05);
  EXPECT_NEAR(summary.cement_in_bone + summary.total_leaked_volume,
              1e-6,
              1e-16);
}
