// What a run leaves in its output folder, read back the way ParaView reads
// it (VTK's XML readers): the .pvd time series over .pvtu files with every
// field, the needle geometry, statistics.csv with units, report.json with
// its keys, parameters.prm and the log, and no temporary file left behind.

#include "case_parameters.h"
#include "simulator.h"

#include <deal.II/base/mpi.h>

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLPUnstructuredGridReader.h>
#include <vtkXMLPolyDataReader.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace cementflow;

namespace
{
  std::string read_text(const std::string &path)
  {
    std::ifstream      in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // (time, file) of every data set of a .pvd time series.
  std::vector<std::pair<double, std::string>> read_pvd(const std::string &path)
  {
    const std::string pvd = read_text(path);
    const std::regex dataset("timestep=\"([0-9.e+-]+)\"[^>]*file=\"([^\"]+)\"");
    std::vector<std::pair<double, std::string>> steps;
    for (auto it = std::sregex_iterator(pvd.begin(), pvd.end(), dataset);
         it != std::sregex_iterator();
         ++it)
      steps.emplace_back(std::stod((*it)[1]), (*it)[2]);
    return steps;
  }

  std::string fresh_directory(const std::string &name)
  {
    const std::string directory =
      std::string(::testing::TempDir()) + name + "-np" +
      std::to_string(dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD));
    if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      std::filesystem::remove_all(directory);
    MPI_Barrier(MPI_COMM_WORLD);
    return directory;
  }
} // namespace

TEST(OutputFiles, ParaViewSeriesStatisticsReportAndLog)
{
  const unsigned int n_ranks =
    dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
  const std::string directory = fresh_directory("cementflow-output");

  dealii::ParameterHandler prm;
  const CaseParameters     parameters =
    read_case(CEMENTFLOW_SOURCE_DIR "/params/box.prm",
              {"Geometry/Box/Size=10, 10, 10",
               "Geometry/Cell size=1",
               "Injection/Volume=0.1",
               "Output/Volume between outputs=0.05",
               "Output/Directory=" + directory},
              prm);
  RunSummary summary;
  {
    Simulator simulator(parameters,
                        "# the expanded parameters\n",
                        MPI_COMM_WORLD);
    summary = simulator.run();
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    return;

  // The time series: outputs at 0, 0.05 and 0.1 mL.
  const std::vector<std::pair<double, std::string>> steps =
    read_pvd(directory + "/solution.pvd");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_DOUBLE_EQ(steps[0].first, 0.);
  EXPECT_NEAR(steps[2].first, 2., 1e-12); // 0.1 mL at 3 mL/min
  EXPECT_EQ(steps[2].second, "solution/solution_00002.pvtu");

  vtkNew<vtkXMLPUnstructuredGridReader> reader;
  reader->SetFileName((directory + "/" + steps[2].second).c_str());
  reader->Update();
  vtkUnstructuredGrid *grid = reader->GetOutput();
  ASSERT_NE(grid, nullptr);
  EXPECT_EQ(grid->GetNumberOfCells(), 1000);
  // Coordinates are in millimetres: the box spans -5 to 5.
  double bounds[6];
  grid->GetBounds(bounds);
  EXPECT_NEAR(bounds[0], -5., 1e-6);
  EXPECT_NEAR(bounds[5], 5., 1e-6);

  // Points are shared between cells, also across the ranks of a group, so
  // that ParaView finds the real outer surface.
  EXPECT_EQ(grid->GetNumberOfPoints(), 11 * 11 * 11);

  // Continuous fields are point data, one value per cell is cell data.
  const std::map<std::string, int> point_arrays = {
    {"pressure_kPa", 1},
    {"cement_saturation_at_points", 1},
    {"cement_arrival_time_s_at_points", 1}};
  const std::map<std::string, int> cell_arrays = {
    {"cement_saturation", 1},
    {"darcy_velocity_mm_per_s", 3},
    {"porosity", 1},
    {"permeability_axial_m2", 1},
    {"permeability_transverse_m2", 1},
    {"region_id", 1},
    {"cement_arrival_time_s", 1},
    {"mpi_rank", 1}};
  for (const auto &[name, n_components] : point_arrays)
    {
      vtkDataArray *array = grid->GetPointData()->GetArray(name.c_str());
      ASSERT_NE(array, nullptr) << name;
      EXPECT_EQ(array->GetNumberOfComponents(), n_components) << name;
    }
  for (const auto &[name, n_components] : cell_arrays)
    {
      vtkDataArray *array = grid->GetCellData()->GetArray(name.c_str());
      ASSERT_NE(array, nullptr) << name;
      EXPECT_EQ(array->GetNumberOfComponents(), n_components) << name;
    }
  double range[2];
  grid->GetCellData()->GetArray("cement_saturation")->GetRange(range);
  EXPECT_GT(range[1], 0.9);
  EXPECT_GE(range[0], 0.);
  grid->GetCellData()->GetArray("mpi_rank")->GetRange(range);
  EXPECT_DOUBLE_EQ(range[1], n_ranks - 1.);
  grid->GetCellData()->GetArray("porosity")->GetRange(range);
  EXPECT_DOUBLE_EQ(range[0], 0.9);
  // The injection pushes the pressure above the 0 kPa of the open walls.
  grid->GetPointData()->GetArray("pressure_kPa")->GetRange(range);
  EXPECT_NEAR(range[0], 0., 1e-9);
  EXPECT_GT(range[1], 1.);

  vtkNew<vtkXMLPolyDataReader> needle;
  needle->SetFileName((directory + "/needle.vtp").c_str());
  needle->Update();
  EXPECT_GT(needle->GetOutput()->GetNumberOfCells(), 0);

  // statistics.csv: units in the headers, one row per step plus the start.
  const std::string statistics = read_text(directory + "/statistics.csv");
  for (const std::string header : {"\"time (s)\"",
                                   "\"injected volume (mL)\"",
                                   "\"cement in bone (mL)\"",
                                   "\"leaked volume outer boundary (mL)\"",
                                   "\"tip pressure (kPa)\"",
                                   "\"time step (s)\"",
                                   "\"pressure iterations\"",
                                   "\"mass balance error (relative)\""})
    EXPECT_NE(statistics.find(header), std::string::npos) << header;
  EXPECT_EQ(std::count(statistics.begin(), statistics.end(), '\n'),
            1 + 1 + static_cast<long>(summary.n_time_steps));

  const std::string report = read_text(directory + "/report.json");
  for (const std::string key : {"cementflow_version",
                                "injected_volume_mL",
                                "cement_in_bone_mL",
                                "leaked_volume_mL",
                                "mass_balance_relative_error",
                                "max_tip_pressure_kPa",
                                "n_cells",
                                "n_time_steps",
                                "mpi_ranks",
                                "wall_time_s"})
    EXPECT_NE(report.find("\"" + key + "\""), std::string::npos) << key;
  EXPECT_NE(report.find("\"mpi_ranks\": " + std::to_string(n_ranks)),
            std::string::npos);
  EXPECT_NE(report.find("\"outer boundary\": "), std::string::npos);

  EXPECT_EQ(read_text(directory + "/parameters.prm"),
            "# the expanded parameters\n");
  EXPECT_NE(read_text(directory + "/log.txt").find("Injected 0.1 mL"),
            std::string::npos);

  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(directory))
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
}



// Output every N steps, besides every so many mL: 8 steps of 0.025 mL with
// outputs every 3 steps give the start, steps 3 and 6, and the end.
TEST(OutputFiles, StepsBetweenOutputs)
{
  const std::string directory = fresh_directory("cementflow-output-steps");
  dealii::ParameterHandler prm;
  const CaseParameters     parameters =
    read_case(CEMENTFLOW_SOURCE_DIR "/params/box.prm",
              {"Geometry/Box/Size=10, 10, 10",
               "Geometry/Cell size=2",
               "Injection/Volume=0.2",
               "Output/Volume between outputs=100",
               "Output/Steps between outputs=3",
               "Numerics/Time stepping=fixed volume",
               "Output/Directory=" + directory},
              prm);
  {
    Simulator simulator(parameters, "# parameters\n", MPI_COMM_WORLD);
    simulator.run();
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    return;
  const std::vector<std::pair<double, std::string>> steps =
    read_pvd(directory + "/solution.pvd");
  const double step_time = 0.025e-6 / (3e-6 / 60); // 0.025 mL at 3 mL/min
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_NEAR(steps[1].first, 3 * step_time, 1e-9);
  EXPECT_NEAR(steps[2].first, 6 * step_time, 1e-9);
  EXPECT_NEAR(steps[3].first, 8 * step_time, 1e-9);
}
