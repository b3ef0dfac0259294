#ifndef cementflow_postprocess_surface_writer_h
#define cementflow_postprocess_surface_writer_h

#include "vtu_piece.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * Writes quadrilaterals (4 points each, x, y, z per point, in VTK's
     * order) with per-quad fields as VTK polydata (.vtp), for surfaces such
     * as the exit zones.
     */
    void write_quad_surface(const std::string           &path,
                            const std::vector<double>   &points,
                            const std::vector<VtuField> &cell_fields);

    /**
     * Writes line segments between points (x, y, z per point) with point
     * and per-segment fields as VTK polydata (.vtp), for the veins.
     */
    void write_polylines(const std::string                              &path,
                         const std::vector<double>                      &points,
                         const std::vector<std::array<unsigned int, 2>> &lines,
                         const std::vector<VtuField> &point_fields,
                         const std::vector<VtuField> &cell_fields);

    /**
     * Keeps a .pvd time series of files written one per output time, and
     * rewrites the record under a temporary name each time (only if
     * writes_file: the other ranks keep the same list without writing it).
     */
    class TimeSeriesRecord
    {
    public:
      TimeSeriesRecord(const std::string &pvd_path,
                       const bool         writes_file = true);

      void add(const double time, const std::string &relative_file);

      const std::vector<std::pair<double, std::string>> &records() const;

      /** Continues the series of a checkpoint. */
      void restore(const std::vector<std::pair<double, std::string>> &records);

    private:
      const std::string                           pvd_path;
      const bool                                  writes_file;
      std::vector<std::pair<double, std::string>> times_and_names;
    };
  } // namespace Postprocess
} // namespace cementflow

#endif
