#ifndef cementflow_meshes_vein_file_h
#define cementflow_meshes_vein_file_h

#include <deal.II/base/point.h>

#include <string>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    /** One polyline of a vein file: points [m], radii [m], leak class. */
    struct VeinPolyline
    {
      std::vector<dealii::Point<3>> points;
      std::vector<double>           radii;
      int                           leak_class = 0; // 0 B, 1 S
    };

    /**
     * Reads the polylines (VTK "lines") of a legacy VTK (.vtk) or XML
     * (.vtp) polydata file, with the point array radius_mm and optionally
     * the cell array leak_class (0 basivertebral, 1 segmental); coordinates
     * are multiplied by @p length_unit [m]. Throws naming the file and the
     * problem (missing, unreadable, no lines, no or non-positive radii,
     * NaN coordinates), with what VTK reported, never printing it.
     */
    std::vector<VeinPolyline> read_vein_polylines(const std::string &file,
                                                  const double length_unit);

    /** Writes polylines as a legacy VTK file (for tests and examples). */
    void write_vein_polylines(const std::string               &file,
                              const std::vector<VeinPolyline> &polylines,
                              const double                     length_unit);
  } // namespace Meshes
} // namespace cementflow

#endif
