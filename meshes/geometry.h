#ifndef cementflow_meshes_geometry_h
#define cementflow_meshes_geometry_h

#include "ct_image.h"
#include "vertebral_body.h"

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/grid/tria.h>

#include <string>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * Which body is meshed and how finely: the parametric vertebral body, or
     * one of two simple shapes for benchmarks and comparisons with other
     * codes (a box and a sphere centred at the origin). Lengths in metres.
     */
    struct GeometryParameters
    {
      std::string             type               = "vertebral body";
      double                  cell_size          = 1e-3;
      unsigned int            global_refinements = 0;
      VertebralBodyParameters vertebral_body;
      dealii::Point<3>        box_size = dealii::Point<3>(40e-3, 40e-3, 40e-3);
      double                  sphere_radius = 20e-3;
      std::string             mesh_file;
      CtParameters            ct;
      double                  mesh_length_unit = 1e-3; // [m] per file unit

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * Creates the coarse mesh. Boundary ids are all 0 (closed cortex); exit
     * zones are marked on the coarse faces afterwards, so that refinement
     * inherits them. A CT geometry meshes @p ct_intensity if given (read
     * once by the caller, who also needs its porosity), else reads it.
     */
    void create_coarse_mesh(dealii::Triangulation<3> &triangulation,
                            const GeometryParameters &parameters,
                            const Image              *ct_intensity = nullptr);

    /**
     * Reads a hexahedral Gmsh (.msh) or legacy VTK (.vtk) mesh and scales
     * its coordinates by @p length_unit [m]; throws naming the file if it
     * is missing, corrupt or not hexahedral.
     */
    void read_mesh_file(dealii::Triangulation<3> &triangulation,
                        const std::string        &file,
                        const double              length_unit);

    /**
     * How often the coarse mesh is refined globally: the sphere's levels to
     * reach the cell size, plus the requested global refinements.
     */
    unsigned int n_initial_refinements(const GeometryParameters &parameters);
  } // namespace Meshes
} // namespace cementflow

#endif
