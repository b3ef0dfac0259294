#include "solution_writer.h"

#include "atomic_file.h"

#include <deal.II/base/data_out_base.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <algorithm>
#include <array>
#include <type_traits>
#include <sstream>

namespace cementflow
{
  namespace Postprocess
  {
    using namespace dealii;

    namespace
    {
      // Gathers equal-layout pieces on rank 0 of @p communicator with plain
      // MPI: deal.II's Utilities::MPI::gather serializes and compresses
      // them, which took as long as writing the file.
      std::vector<VtuPiece> gather_pieces(const VtuPiece &piece,
                                          const MPI_Comm  communicator)
      {
        const unsigned int rank =
          Utilities::MPI::this_mpi_process(communicator);
        const unsigned int n_ranks =
          Utilities::MPI::n_mpi_processes(communicator);
        const std::array<int, 2> local_sizes = {
          {static_cast<int>(piece.n_points()),
           static_cast<int>(piece.n_cells())}};
        std::vector<int> sizes(rank == 0 ? 2 * n_ranks : 0);
        MPI_Gather(local_sizes.data(),
                   2,
                   MPI_INT,
                   sizes.data(),
                   2,
                   MPI_INT,
                   0,
                   communicator);

        std::vector<VtuPiece> pieces(rank == 0 ? n_ranks : 0);
        // One array gathered: @p per_item values per point (or per cell
        // if @p of_cells), into each piece's member that @p member names.
        const auto gather = [&](const auto        &local,
                                const unsigned int per_item,
                                const bool         of_cells,
                                const auto        &member) {
          using Value = typename std::decay_t<decltype(local)>::value_type;
          std::vector<int> counts(n_ranks), offsets(n_ranks + 1, 0);
          if (rank == 0)
            for (unsigned int r = 0; r < n_ranks; ++r)
              {
                counts[r]      = per_item * sizes[2 * r + (of_cells ? 1 : 0)];
                offsets[r + 1] = offsets[r] + counts[r];
              }
          std::vector<Value> all(rank == 0 ? offsets[n_ranks] : 0);
          MPI_Gatherv(local.data(),
                      static_cast<int>(local.size()),
                      Utilities::MPI::mpi_type_id_for_type<Value>,
                      all.data(),
                      counts.data(),
                      offsets.data(),
                      Utilities::MPI::mpi_type_id_for_type<Value>,
                      0,
                      communicator);
          for (unsigned int r = 0; r < pieces.size(); ++r)
            member(pieces[r]).assign(all.begin() + offsets[r],
                                     all.begin() + offsets[r + 1]);
        };
        gather(
          piece.points, 3, false, [](VtuPiece & p) -> auto & {
            return p.points;
          });
        gather(
          piece.connectivity, 8, true, [](VtuPiece & p) -> auto & {
            return p.connectivity;
          });
        // Every piece lists the same fields in the same order.
        for (VtuPiece &p : pieces)
          {
            for (const VtuField &field : piece.point_fields)
              p.point_fields.push_back({field.name, field.n_components, {}});
            for (const VtuField &field : piece.cell_fields)
              p.cell_fields.push_back({field.name, field.n_components, {}});
          }
        for (unsigned int f = 0; f < piece.point_fields.size(); ++f)
          gather(
            piece.point_fields[f].values,
            piece.point_fields[f].n_components,
            false,
            [f](VtuPiece & p) -> auto & { return p.point_fields[f].values; });
        for (unsigned int f = 0; f < piece.cell_fields.size(); ++f)
          gather(
            piece.cell_fields[f].values,
            piece.cell_fields[f].n_components,
            true,
            [f](VtuPiece & p) -> auto & { return p.cell_fields[f].values; });
        return pieces;
      }
    } // namespace



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
                gather_pieces(piece, group_communicator);
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
