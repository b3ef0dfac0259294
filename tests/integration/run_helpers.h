#ifndef cementflow_tests_run_helpers_h
#define cementflow_tests_run_helpers_h

// Helpers shared by the end-to-end tests: every test case writes into a
// folder of its own (per rank count, so that the one- and two-rank runs of
// ctest do not collide) and reads back what it wrote.

#include "case_parameters.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cementflow
{
  namespace TestHelpers
  {
    inline bool is_root()
    {
      return dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
    }

    /** The output folder of test case @p name. */
    inline std::string output_directory(const std::string &name)
    {
      return std::string(::testing::TempDir()) + "cementflow-" + name + "-np" +
             std::to_string(
               dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD));
    }

    /**
     * A case from a parameter file of the source tree (empty: the built-in
     * default case) plus overrides, writing no fields into its own folder.
     */
    inline CaseParameters make_case(const std::string       &file,
                                    const std::string       &name,
                                    std::vector<std::string> overrides)
    {
      overrides.push_back("Output/Directory=" + output_directory(name));
      overrides.push_back("Output/Write fields=false");
      dealii::ParameterHandler prm;
      return read_case(file.empty() ?
                         file :
                         std::string(CEMENTFLOW_SOURCE_DIR) + "/" + file,
                       overrides,
                       prm);
    }

    /** The text of a file a run wrote. */
    inline std::string read_output(const std::string &name,
                                   const std::string &file)
    {
      std::ifstream      in(output_directory(name) + "/" + file);
      std::ostringstream text;
      text << in.rdbuf();
      return text.str();
    }

    /** One column of a run's statistics.csv, by its header. */
    inline std::vector<double> statistics_column(const std::string &name,
                                                 const std::string &header)
    {
      std::istringstream file(read_output(name, "statistics.csv"));
      std::string        line;
      std::getline(file, line);
      std::vector<std::string> headers;
      std::stringstream        fields(line);
      for (std::string field; std::getline(fields, field, ',');)
        headers.push_back(field);
      const long column =
        std::find(headers.begin(), headers.end(), "\"" + header + "\"") -
        headers.begin();
      std::vector<double> values;
      while (std::getline(file, line))
        {
          std::stringstream row(line);
          std::string       field;
          for (long i = 0; i <= column; ++i)
            std::getline(row, field, ',');
          values.push_back(std::stod(field));
        }
      return values;
    }
  } // namespace TestHelpers
} // namespace cementflow

#endif
