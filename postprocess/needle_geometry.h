#ifndef cementflow_postprocess_needle_geometry_h
#define cementflow_postprocess_needle_geometry_h

#include <deal.II/base/point.h>

#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * Writes needles as tubes (VTK polydata, .vtp) from their entry points
     * to their tips, (entry, tip) pairs, with the given outer radius, in
     * millimetres like the 3D fields, so that ParaView shows them in place.
     */
    void write_needle_geometry(
      const std::string                                                &path,
      const std::vector<std::pair<dealii::Point<3>, dealii::Point<3>>> &needles,
      const double                                                      radius);
  } // namespace Postprocess
} // namespace cementflow

#endif
