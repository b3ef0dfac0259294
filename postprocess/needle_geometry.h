#ifndef cementflow_postprocess_needle_geometry_h
#define cementflow_postprocess_needle_geometry_h

#include <deal.II/base/point.h>

#include <string>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * Writes a needle as a tube (VTK polydata, .vtp) from its entry point to
     * its tip, with the given outer radius, in millimetres like the 3D
     * fields, so that ParaView shows it in place.
     */
    void write_needle_geometry(const std::string      &path,
                               const dealii::Point<3> &entry,
                               const dealii::Point<3> &tip,
                               const double            radius);
  } // namespace Postprocess
} // namespace cementflow

#endif
