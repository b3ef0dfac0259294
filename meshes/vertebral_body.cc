#include "vertebral_body.h"

#include "spinal_levels.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    void VertebralBodyParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Vertebral body");
      {
        std::string levels;
        for (const std::string &level : spinal_levels())
          levels += "|" + level;
        prm.declare_entry(
          "Level",
          "custom",
          Patterns::Selection("custom" + levels),
          "custom: the body has the Width, Depth and heights below. A level "
          "takes them from cementflow's table instead (physics-reference.md "
          "5.5, 13; docs/model.md): thoracic (the typical T2-T9 vertebra) "
          "and every level T1-L5. Measured: thoracic heights (Kunkel et al. "
          "2011), lumbar widths and heights (Bonczar 2024), L5 depth and "
          "heights (Cook & Baker 2021). APPROXIMATED, as no data are in our "
          "reference: T1-T12 width and depth (the typical thoracic 27.02 x "
          "20.78 mm scaled by the level's mean height over that of T2-T9) "
          "and L1-L4 depth (the width times L5's depth-to-width ratio "
          "0.731); the run log names them. Units: none.");
        prm.declare_entry(
          "Width",
          "49.4",
          Patterns::Double(5., 100.),
          "Lateral width of the body at mid-height. 49.4 mm makes the "
          "cross-section area 1492 mm^2, the lumbar (L4) endplate area of "
          "physics-reference.md 5.5 (secondary source); Level = L5 takes the "
          "measured upper-endplate width 48.81 mm (Bonczar 2024) instead. "
          "Units: mm.");
        prm.declare_entry(
          "Depth",
          "35.7",
          Patterns::Double(5., 100.),
          "Antero-posterior depth: 35.7 mm, L5 superior length (Cook & Baker "
          "2021, Int J Spine Surg 15:1072), the only lumbar level with "
          "published dimensions in our reference. Units: mm.");
        prm.declare_entry("Anterior height",
                          "30.3",
                          Patterns::Double(5., 100.),
                          "Height of the anterior wall: 30.3 mm, L5 (Cook & "
                          "Baker 2021). Units: mm.");
        prm.declare_entry("Posterior height",
                          "26.3",
                          Patterns::Double(5., 100.),
                          "Height of the posterior wall: 26.3 mm, L5 (Cook & "
                          "Baker 2021). Units: mm.");
        prm.declare_entry(
          "Posterior wall concavity",
          "2",
          Patterns::Double(0., 20.),
          "How far the centre of the posterior wall is indented towards the "
          "anterior wall (the concave posterior wall facing the spinal "
          "canal). No measurement is in our reference: 2 mm is illustrative. "
          "The dip has a Gaussian profile of width Width/6. Units: mm.");
        prm.declare_entry(
          "Squareness",
          "2.5",
          Patterns::Double(2., 6.),
          "Exponent p of the superellipse |x/a|^p + |y/b|^p = 1 that shapes "
          "the cross-section: 2 is an ellipse, larger values square the "
          "corners. A shape choice, not a measured value. Units: none.");
        prm.declare_entry(
          "Waist",
          "1",
          Patterns::Double(0.5, 1.),
          "Ratio of the mid-height cross-section to the endplates (the "
          "concave waist of the lateral and anterior walls); 1 means none. "
          "No measured value is in our reference. Units: none.");
      }
      prm.leave_subsection();
    }



    void VertebralBodyParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Vertebral body");
      {
        width               = prm.get_double("Width") * 1e-3;
        depth               = prm.get_double("Depth") * 1e-3;
        anterior_height     = prm.get_double("Anterior height") * 1e-3;
        posterior_height    = prm.get_double("Posterior height") * 1e-3;
        posterior_concavity = prm.get_double("Posterior wall concavity") * 1e-3;
        squareness          = prm.get_double("Squareness");
        waist               = prm.get_double("Waist");
        level               = prm.get("Level");
        if (level != "custom")
          {
            const LevelDimensions row = level_dimensions(level);
            width                     = row.width * 1e-3;
            depth                     = row.depth * 1e-3;
            anterior_height           = row.anterior_height * 1e-3;
            posterior_height          = row.posterior_height * 1e-3;
            source                    = row.source;
            approximation             = row.approximation;
          }
        AssertThrow(posterior_concavity < 0.25 * depth,
                    ExcMessage("Geometry/Vertebral body: the posterior wall "
                               "concavity must be less than a quarter of the "
                               "depth, or the body would fold onto itself."));
      }
      prm.leave_subsection();
    }



    VertebralBodyShape::VertebralBodyShape(
      const VertebralBodyParameters &parameters)
      : parameters(parameters)
    {}



    namespace
    {
      double signed_power(const double value, const double exponent)
      {
        return std::copysign(std::pow(std::abs(value), exponent), value);
      }
    } // namespace



    Point<2> VertebralBodyShape::cross_section_boundary(const double t) const
    {
      const double a        = parameters.width / 2;
      const double b        = parameters.depth / 2;
      const double exponent = 2. / parameters.squareness;
      const double x        = a * signed_power(std::cos(t), exponent);
      double       y        = b * signed_power(std::sin(t), exponent);

      // The posterior dip fades towards the lateral walls through sin^2 t.
      if (std::sin(t) < 0)
        {
          const double dip_width = parameters.width / 6;
          y += parameters.posterior_concavity *
               std::exp(-(x / dip_width) * (x / dip_width)) * std::sin(t) *
               std::sin(t);
        }
      return Point<2>(x, y);
    }



    double VertebralBodyShape::height(const double y) const
    {
      const double b        = parameters.depth / 2;
      const double fraction = std::clamp((y + b) / (2 * b), 0., 1.);
      return parameters.posterior_height +
             fraction *
               (parameters.anterior_height - parameters.posterior_height);
    }



    Point<3> VertebralBodyShape::map(const Point<2> &p, const double zeta) const
    {
      const double narrowing =
        1. - (1. - parameters.waist) * (1. - zeta * zeta);
      return Point<3>(p[0] * narrowing,
                      p[1] * narrowing,
                      zeta * height(p[1]) / 2);
    }



    namespace
    {
      // Arc length of the boundary between parameters t0 and t1.
      double arc_length(const VertebralBodyShape &shape,
                        const double              t0,
                        const double              t1)
      {
        const unsigned int n_samples = 256;
        double             length    = 0;
        for (unsigned int i = 0; i < n_samples; ++i)
          length += shape.cross_section_boundary(t0 + (t1 - t0) * i / n_samples)
                      .distance(shape.cross_section_boundary(
                        t0 + (t1 - t0) * (i + 1) / n_samples));
        return length;
      }



      // Builds the O-grid of the mid-height cross-section: an inner rectangle
      // of n_x by n_y cells and four blocks of n_radial cells reaching the
      // wall, bottom (posterior), right, top (anterior) and left.
      void create_cross_section(const VertebralBodyShape      &shape,
                                const VertebralBodyParameters &parameters,
                                const double                   cell_size,
                                Triangulation<2>              &cross_section)
      {
        const double pi = numbers::PI;
        const double s  = 0.5; // inner rectangle as a fraction of the body
        const double a  = s * parameters.width / 2;
        const double b  = s * parameters.depth / 2;

        const double arc_x = (arc_length(shape, -0.75 * pi, -0.25 * pi) +
                              arc_length(shape, 0.25 * pi, 0.75 * pi)) /
                             2;
        const double arc_y = arc_length(shape, -0.25 * pi, 0.25 * pi);
        const auto   count = [cell_size](const double length) {
          return std::max(
            2u, static_cast<unsigned int>(std::lround(length / cell_size)));
        };
        const unsigned int n_x = count((2 * a + arc_x) / 2);
        const unsigned int n_y = count((2 * b + arc_y) / 2);
        const double       gap =
          (shape.cross_section_boundary(0)[0] - a +
           shape.cross_section_boundary(pi / 2)[1] - b +
           shape.cross_section_boundary(0.25 * pi).distance(Point<2>(a, b))) /
          3;
        const unsigned int n_radial = count(gap);

        std::vector<Point<2>>    vertices;
        std::vector<CellData<2>> cells;
        const auto add_quad = [&](const std::array<Point<2>, 4> &q) {
          // Lexicographic order; flip in the first direction if the quad is
          // clockwise.
          const Tensor<1, 2> e0   = q[1] - q[0];
          const Tensor<1, 2> e1   = q[2] - q[0];
          const bool         flip = (e0[0] * e1[1] - e0[1] * e1[0]) < 0;
          CellData<2>        cell;
          const unsigned int first = vertices.size();
          const std::array<unsigned int, 4> order =
            flip ? std::array<unsigned int, 4>{{1, 0, 3, 2}} :
                   std::array<unsigned int, 4>{{0, 1, 2, 3}};
          for (unsigned int v = 0; v < 4; ++v)
            {
              vertices.push_back(q[order[v]]);
              cell.vertices[v] = first + v;
            }
          cells.push_back(cell);
        };

        // The inner rectangle.
        const auto inner = [&](const unsigned int i, const unsigned int j) {
          return Point<2>(-a + 2 * a * i / n_x, -b + 2 * b * j / n_y);
        };
        for (unsigned int j = 0; j < n_y; ++j)
          for (unsigned int i = 0; i < n_x; ++i)
            add_quad({{inner(i, j),
                       inner(i + 1, j),
                       inner(i, j + 1),
                       inner(i + 1, j + 1)}});

        // Each outer block blends a side of the rectangle into an arc of the
        // wall; corners of the rectangle meet the wall at t = +-pi/4, +-3pi/4.
        struct Block
        {
          std::function<Point<2>(unsigned int)> side;
          double                                t_begin;
          double                                t_end;
          unsigned int                          n_cells;
        };
        const std::array<Block, 4> blocks = {
          {{[&](unsigned int i) { return inner(i, 0); },
            -0.75 * pi,
            -0.25 * pi,
            n_x},
           {[&](unsigned int j) { return inner(n_x, j); },
            -0.25 * pi,
            0.25 * pi,
            n_y},
           {[&](unsigned int i) { return inner(i, n_y); },
            0.75 * pi,
            0.25 * pi,
            n_x},
           {[&](unsigned int j) { return inner(0, j); },
            -0.75 * pi,
            -1.25 * pi,
            n_y}}};
        for (const Block &block : blocks)
          {
            const auto point = [&](const unsigned int i, const unsigned int m) {
              const double tau = static_cast<double>(m) / n_radial;
              const double t   = block.t_begin + (block.t_end - block.t_begin) *
                                                 i / block.n_cells;
              const Point<2> wall = shape.cross_section_boundary(t);
              return Point<2>((1 - tau) * block.side(i) + tau * wall);
            };
            for (unsigned int m = 0; m < n_radial; ++m)
              for (unsigned int i = 0; i < block.n_cells; ++i)
                add_quad({{point(i, m),
                           point(i + 1, m),
                           point(i, m + 1),
                           point(i + 1, m + 1)}});
          }

        SubCellData               subcell_data;
        std::vector<unsigned int> all_vertices;
        GridTools::delete_duplicated_vertices(
          vertices, cells, subcell_data, all_vertices, 1e-9 * cell_size);
        GridTools::delete_unused_vertices(vertices, cells, subcell_data);
        GridTools::consistently_order_cells(cells);
        cross_section.create_triangulation(vertices, cells, subcell_data);
      }
    } // namespace



    void create_vertebral_body_mesh(Triangulation<3> &triangulation,
                                    const VertebralBodyParameters &parameters,
                                    const double                   cell_size)
    {
      const VertebralBodyShape shape(parameters);

      Triangulation<2> cross_section;
      create_cross_section(shape, parameters, cell_size, cross_section);

      const double mean_height =
        (parameters.anterior_height + parameters.posterior_height) / 2;
      const unsigned int n_layers = std::max<unsigned int>(
        2, static_cast<unsigned int>(std::lround(mean_height / cell_size)));

      Triangulation<3> stacked;
      GridGenerator::extrude_triangulation(cross_section,
                                           n_layers + 1,
                                           1.0,
                                           stacked);
      GridTools::transform(
        [&shape](const Point<3> &p) {
          return shape.map(Point<2>(p[0], p[1]), 2 * p[2] - 1);
        },
        stacked);

      triangulation.copy_triangulation(stacked);
    }
  } // namespace Meshes
} // namespace cementflow
