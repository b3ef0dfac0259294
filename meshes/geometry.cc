#include "geometry.h"

#include "parameter_tools.h"

#include <deal.II/grid/grid_generator.h>

#include <algorithm>
#include <cmath>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    void GeometryParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Geometry");
      {
        prm.declare_entry(
          "Type",
          "vertebral body",
          Patterns::Selection("vertebral body|box|sphere"),
          "The body that is meshed: the parametric vertebral body, or a box "
          "or a sphere of uniform bone centred at the origin (for benchmarks "
          "and comparisons with other codes). Units: none.");
        prm.declare_entry(
          "Cell size",
          "1",
          Patterns::Double(0.05, 20.),
          "Edge length of the cells of the coarse mesh, before global "
          "refinement. The sphere is refined from a 7-cell ball until the "
          "cube root of its mean cell volume is this size or smaller. "
          "Units: mm.");
        prm.declare_entry("Global refinements",
                          "0",
                          Patterns::Integer(0, 6),
                          "How often every cell is split into eight after the "
                          "coarse mesh is made. Units: none.");
        VertebralBodyParameters::declare(prm);
        prm.enter_subsection("Box");
        prm.declare_entry("Size",
                          "40, 40, 40",
                          ParameterTools::point_pattern(),
                          "Edge lengths of the box along x, y, z; the box is "
                          "centred at the origin. Units: mm.");
        prm.leave_subsection();
        prm.enter_subsection("Sphere");
        prm.declare_entry("Radius",
                          "20",
                          Patterns::Double(1., 500.),
                          "Radius of the sphere centred at the origin. "
                          "Units: mm.");
        prm.leave_subsection();
      }
      prm.leave_subsection();
    }



    void GeometryParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Geometry");
      {
        type               = prm.get("Type");
        cell_size          = prm.get_double("Cell size") * 1e-3;
        global_refinements = prm.get_integer("Global refinements");
        vertebral_body.parse(prm);
        prm.enter_subsection("Box");
        box_size = ParameterTools::get_point(prm, "Size", 1e-3);
        prm.leave_subsection();
        AssertThrow(box_size[0] > 0 && box_size[1] > 0 && box_size[2] > 0,
                    ExcMessage("Geometry/Box/Size: all three edge lengths must "
                               "be positive, got " +
                               ParameterTools::point_to_string(box_size * 1e3) +
                               " mm."));
        prm.enter_subsection("Sphere");
        sphere_radius = prm.get_double("Radius") * 1e-3;
        prm.leave_subsection();
      }
      prm.leave_subsection();
    }



    void create_coarse_mesh(Triangulation<3>         &triangulation,
                            const GeometryParameters &parameters)
    {
      const double h = parameters.cell_size;
      if (parameters.type == "vertebral body")
        create_vertebral_body_mesh(triangulation, parameters.vertebral_body, h);
      else if (parameters.type == "box")
        {
          const Point<3>           &size = parameters.box_size;
          std::vector<unsigned int> subdivisions(3);
          for (unsigned int d = 0; d < 3; ++d)
            subdivisions[d] = std::max<unsigned int>(
              1, static_cast<unsigned int>(std::lround(size[d] / h)));
          GridGenerator::subdivided_hyper_rectangle(triangulation,
                                                    subdivisions,
                                                    Point<3>(-0.5 * size),
                                                    Point<3>(0.5 * size));
        }
      else
        GridGenerator::hyper_ball(triangulation,
                                  Point<3>(),
                                  parameters.sphere_radius);
    }



    unsigned int n_initial_refinements(const GeometryParameters &parameters)
    {
      unsigned int n_levels = parameters.global_refinements;
      if (parameters.type == "sphere")
        {
          // The 7-cell ball has cells of mean volume (4/3 pi R^3) / 7, about
          // (0.84 R)^3; halve them until they are no larger than requested.
          double coarse_size =
            std::cbrt(4. / 3. * numbers::PI / 7.) * parameters.sphere_radius;
          while (coarse_size > parameters.cell_size * (1 + 1e-9))
            {
              coarse_size /= 2;
              ++n_levels;
            }
        }
      return n_levels;
    }
  } // namespace Meshes
} // namespace cementflow
