#ifndef cementflow_postprocess_solution_writer_h
#define cementflow_postprocess_solution_writer_h

#include "surface_writer.h"
#include "vtu_piece.h"

#include <deal.II/base/mpi.h>

#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * Writes the 3D fields of one output time as solution/solution_NNNNN.pvtu
     * over one .vtu file per group of ranks (the group's pieces are gathered
     * on its first rank), and keeps solution.pvd (the time series ParaView
     * opens) up to date. Every file is written under a
     * temporary name and renamed once complete, so that the .pvd never names
     * a half-written step.
     */
    class SolutionWriter
    {
    public:
      SolutionWriter(const std::string &output_directory,
                     const MPI_Comm     communicator,
                     const unsigned int n_groups);
      ~SolutionWriter();

      /** Collective: every rank passes its own piece. */
      void write(const VtuPiece &piece, const double time);

      /** solution.pvd: (time, .pvtu path relative to the output directory)
       * of the steps written so far, on every rank. */
      TimeSeriesRecord series;

    private:
      const std::string output_directory;
      const MPI_Comm    communicator;
      unsigned int      n_groups;
      MPI_Comm          group_communicator;
      unsigned int      group;
    };
  } // namespace Postprocess
} // namespace cementflow

#endif
