#include "solution_writer.h"

#include "atomic_file.h"

#include <deal.II/base/data_out_base.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <algorithm>
#include <sstream>

namespace cementflow
{
  namespace Postprocess
  {
    using namespace dealii;

    SolutionWriter::SolutionWriter(const std::string &output_directory,
                                   const MPI_Comm     communicator,
                                   const unsigned int requested_groups)
      : series(output_directory + "/solution.pvd",
               Utilities::MPI::this_mpi_process(communicator) == 0)
      , output_directory(output_directory)
      , communicator(communicator)
    {
      const unsigned int n_ranks =
        Utilities::MPI::n_mpi_processes(communicator);
      const unsigned int rank = Utilities::MPI::this_mpi_process(communicator);
      n_groups                = std::clamp(requested_groups, 1u, n_ranks);
      group                   = static_cast<unsigned int>(
        (static_cast<unsigned long>(rank) * n_groups) / n_ranks);
      MPI_Comm_split(communicator, group, rank, &group_communicator);
      if (rank == 0)
        create_directories(output_directory + "/solution");
      MPI_Barrier(communicator);
    }



    SolutionWriter::~SolutionWriter()
    {
      MPI_Comm_free(&group_communicator);
    }



    void SolutionWriter::write(const VtuPiece &piece, const double time)
    {
      const unsigned int index = series.records().size();
      const std::string base = "solution_" + Utilities::int_to_string(index, 5);
      const auto        file_name = [&base](const unsigned int g) {
        return base + "." + Utilities::int_to_string(g) + ".vtu";
      };

      // A group of one rank writes its own piece without gathering it.
      const bool alone =
        Utilities::MPI::n_mpi_processes(group_communicator) == 1;
      const std::vector<VtuPiece> pieces =
        alone ? std::vector<VtuPiece>() :
                Utilities::MPI::gather(group_communicator, piece, 0);
      if (Utilities::MPI::this_mpi_process(group_communicator) == 0)
        {
          VtuPiece merged = alone ? piece : pieces.front();
          for (unsigned int p = 1; p < pieces.size(); ++p)
            merged.append(pieces[p]);
          const std::string path =
            output_directory + "/solution/" + file_name(group);
          write_vtu(path, merged);
        }
      MPI_Barrier(communicator);

      const std::string pvtu = "solution/" + base + ".pvtu";
      if (Utilities::MPI::this_mpi_process(communicator) == 0)
        {
          std::vector<std::string> files;
          for (unsigned int g = 0; g < n_groups; ++g)
            files.push_back(file_name(g));
          write_file_atomically(output_directory + "/" + pvtu,
                                pvtu_record(piece, files));
        }
      series.add(time, pvtu);
    }
  } // namespace Postprocess
} // namespace cementflow
