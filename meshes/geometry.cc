#include "geometry.h"

#include "parameter_tools.h"

#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

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
          Patterns::Selection("vertebral body|box|sphere|mesh file|CT image"),
          "The body that is meshed: the parametric vertebral body, a box or "
          "a sphere of uniform bone centred at the origin (for benchmarks and "
          "comparisons with other codes), a hexahedral mesh read from a "
          "file (subsection Mesh file), or the voxels of a CT volume "
          "(subsection CT image) in cells of the Cell size. Units: none.");
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
        CtParameters::declare(prm);
        prm.enter_subsection("Mesh file");
        prm.declare_entry(
          "File",
          "",
          Patterns::FileName(),
          "A hexahedral mesh: Gmsh .msh (format 2 or 4, ASCII) or legacy VTK "
          ".vtk (unstructured grid). Physical volumes (Gmsh) or the cell "
          "data MaterialID (VTK) label regions, which lesions pick with "
          "Shape = material id; labelled boundary faces are exit zones with "
          "Surface = boundary id; every other boundary face is closed "
          "cortex. Units: none.");
        prm.declare_entry("Length unit",
                          "1",
                          Patterns::Double(1e-6, 1e6),
                          "The length of one unit of the file's "
                          "coordinates. Units: mm.");
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

        // An absurd size or cell size would exhaust the memory while the
        // mesh is made (the operating system then kills the run without a
        // word); about 5 kB per cell, 1e9 cells need some 5 TB.
        const double refinement = std::pow(8., global_refinements);
        double       volume     = 0;
        if (type == "box")
          volume = box_size[0] * box_size[1] * box_size[2];
        else if (type == "sphere")
          volume = 4. / 3. * numbers::PI * std::pow(sphere_radius, 3);
        else if (type == "vertebral body")
          volume = vertebral_body.width * vertebral_body.depth *
                   std::max(vertebral_body.anterior_height,
                            vertebral_body.posterior_height);
        const double estimated_cells =
          volume / std::pow(cell_size, 3) * refinement;
        std::ostringstream estimate;
        estimate << std::setprecision(3) << "Geometry: the " << type
                 << " at Cell size " << cell_size * 1e3 << " mm and "
                 << global_refinements
                 << " global refinements would have about " << estimated_cells
                 << " cells; at most 1e9 are allowed (about 5 kB "
                    "each). Check the sizes (mm) and the cell size.";
        AssertThrow(estimated_cells <= 1e9, ExcMessage(estimate.str()));
        prm.enter_subsection("Mesh file");
        mesh_file        = prm.get("File");
        mesh_length_unit = prm.get_double("Length unit") * 1e-3;
        prm.leave_subsection();
        ct.parse(prm);
        AssertThrow(type != "CT image" || !ct.intensity_file.empty(),
                    ExcMessage("Geometry/Type = CT image needs "
                               "Geometry/CT image/Intensity file."));
        AssertThrow(type != "mesh file" || !mesh_file.empty(),
                    ExcMessage("Geometry/Type = mesh file needs "
                               "Geometry/Mesh file/File: a .msh or .vtk "
                               "file."));
      }
      prm.leave_subsection();
    }



    void create_coarse_mesh(Triangulation<3>         &triangulation,
                            const GeometryParameters &parameters,
                            const Image              *ct_intensity)
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
      else if (parameters.type == "CT image")
        {
          Image read_here;
          if (ct_intensity == nullptr)
            {
              read_here    = Image::read(parameters.ct.intensity_file);
              ct_intensity = &read_here;
            }
          if (parameters.ct.label_file.empty())
            create_mesh_from_images(
              triangulation, *ct_intensity, nullptr, parameters.ct, h);
          else
            {
              const Image labels = Image::read(parameters.ct.label_file);
              create_mesh_from_images(
                triangulation, *ct_intensity, &labels, parameters.ct, h);
            }
        }
      else if (parameters.type == "mesh file")
        read_mesh_file(triangulation,
                       parameters.mesh_file,
                       parameters.mesh_length_unit);
      else
        GridGenerator::hyper_ball(triangulation,
                                  Point<3>(),
                                  parameters.sphere_radius);
    }



    void read_mesh_file(Triangulation<3>  &triangulation,
                        const std::string &file,
                        const double       length_unit)
    {
      const std::string extension = std::filesystem::path(file).extension();
      AssertThrow(extension == ".msh" || extension == ".vtk",
                  ExcMessage("The mesh file <" + file +
                             "> is neither Gmsh (.msh) nor legacy VTK (.vtk): "
                             "those are the formats cementflow reads."));
      std::ifstream input(file);
      AssertThrow(input.good(),
                  ExcMessage("The mesh file <" + file +
                             "> does not exist or cannot be read."));
      GridIn<3> grid_in(triangulation);
      try
        {
          if (extension == ".msh")
            grid_in.read_msh(input);
          else
            grid_in.read_vtk(input);
        }
      catch (const std::exception &error)
        {
          // deal.II's message says what it found where.
          std::ostringstream reason;
          if (const auto *deal_ii_error =
                dynamic_cast<const ExceptionBase *>(&error))
            deal_ii_error->print_info(reason);
          else
            reason << error.what();
          triangulation.clear();
          AssertThrow(false,
                      ExcMessage("The mesh file <" + file +
                                 "> could not be read (corrupt, truncated or "
                                 "not a mesh): " +
                                 Utilities::trim(reason.str())));
        }
      AssertThrow(triangulation.n_active_cells() > 0 &&
                    triangulation.all_reference_cells_are_hyper_cube(),
                  ExcMessage("The mesh file <" + file +
                             "> must hold hexahedra only; tetrahedra, prisms "
                             "and pyramids are not supported."));
      GridTools::scale(length_unit, triangulation);

      // Every vertex finite and within 10 m, every hexahedron right-handed
      // and not inverted at any corner: a damaged coordinate otherwise
      // tangles the mesh and the run fails far from its cause.
      for (const Point<3> &vertex : triangulation.get_vertices())
        AssertThrow(std::isfinite(vertex.norm()) && vertex.norm() < 10.,
                    ExcMessage(
                      "The mesh file <" + file + "> has a vertex at (" +
                      ParameterTools::point_to_string(vertex / length_unit) +
                      "), not finite or more than 10 m from the "
                      "origin (corrupt, or a wrong Length unit)."));
      for (const auto &cell : triangulation.active_cell_iterators())
        for (unsigned int corner = 0; corner < 8; ++corner)
          {
            // The edges from this corner along x, y and z, pointing into
            // the cell (deal.II numbers the vertices by their bits z y x).
            Tensor<2, 3> edges;
            double       sign = 1;
            for (unsigned int d = 0; d < 3; ++d)
              {
                const bool         upper = (corner >> d) & 1;
                const Tensor<1, 3> edge =
                  cell->vertex(corner ^ (1u << d)) - cell->vertex(corner);
                for (unsigned int e = 0; e < 3; ++e)
                  edges[e][d] = edge[e];
                sign *= upper ? -1 : 1;
              }
            AssertThrow(sign * determinant(edges) > 0,
                        ExcMessage("The mesh file <" + file +
                                   "> has an inverted or degenerate "
                                   "hexahedron (cell " +
                                   std::to_string(cell->index() + 1) +
                                   ", corner at (" +
                                   ParameterTools::point_to_string(
                                     cell->vertex(corner) / length_unit) +
                                   ")): check its vertex coordinates and "
                                   "their order."));
          }
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
