// The anatomy: the vertebral body mesh against its analytic shape, exit
// zones, regions and the needle table.

#include "boundary_ids.h"
#include "exit_zones.h"
#include "geometry.h"
#include "needle.h"
#include "regions.h"
#include "vertebral_body.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cementflow;
using namespace cementflow::Meshes;
using dealii::Point;

namespace
{
  // Exact volume of the body (no waist): the integral of the height, which
  // is linear in y, over the cross-section, from a fine polygon.
  double exact_volume(const VertebralBodyParameters &parameters)
  {
    const VertebralBodyShape shape(parameters);
    const unsigned int       n    = 20000;
    double                   area = 0, first_moment_y = 0;
    for (unsigned int i = 0; i < n; ++i)
      {
        const Point<2> p = shape.cross_section_boundary(2 * M_PI * i / n);
        const Point<2> q = shape.cross_section_boundary(2 * M_PI * (i + 1) / n);
        const double   cross = p[0] * q[1] - q[0] * p[1];
        area += cross / 2;
        first_moment_y += (p[1] + q[1]) * cross / 6;
      }
    const double b = parameters.depth / 2;
    const double slope =
      (parameters.anterior_height - parameters.posterior_height) / (2 * b);
    return parameters.posterior_height * area +
           slope * (first_moment_y + b * area);
  }
} // namespace

TEST(VertebralBody, MeshVolumeMatchesTheAnalyticShape)
{
  VertebralBodyParameters  parameters;
  dealii::Triangulation<3> mesh;
  create_vertebral_body_mesh(mesh, parameters, 2e-3);
  const double volume = dealii::GridTools::volume(mesh);
  EXPECT_NEAR(volume / exact_volume(parameters), 1., 0.01);
  // A lumbar body of about 35-42 cm^3 (physics-reference.md 5.5).
  EXPECT_GT(volume, 30e-6);
  EXPECT_LT(volume, 50e-6);
}

TEST(VertebralBody, CellsAreWellShaped)
{
  VertebralBodyParameters  parameters;
  dealii::Triangulation<3> mesh;
  create_vertebral_body_mesh(mesh, parameters, 2e-3);
  const dealii::Vector<double> aspect =
    dealii::GridTools::compute_aspect_ratio_of_cells(dealii::MappingQ1<3>(),
                                                     mesh,
                                                     dealii::QGauss<3>(2));
  EXPECT_LT(aspect.linfty_norm(), 4.);
  for (const auto &cell : mesh.active_cell_iterators())
    EXPECT_GT(cell->measure(), 0.);
}

TEST(VertebralBody, CellCountFollowsTheCellSize)
{
  VertebralBodyParameters  parameters;
  dealii::Triangulation<3> coarse, fine;
  create_vertebral_body_mesh(coarse, parameters, 4e-3);
  create_vertebral_body_mesh(fine, parameters, 2e-3);
  const double ratio =
    static_cast<double>(fine.n_active_cells()) / coarse.n_active_cells();
  EXPECT_GT(ratio, 6.);
  EXPECT_LT(ratio, 10.);
}

TEST(VertebralBody, PosteriorWallIsConcaveAndHeightsFollowTheWalls)
{
  VertebralBodyParameters  parameters;
  const VertebralBodyShape shape(parameters);
  // Centre of the posterior wall, indented by the concavity.
  const Point<2> centre = shape.cross_section_boundary(-M_PI / 2);
  EXPECT_NEAR(centre[0], 0., 1e-12);
  EXPECT_NEAR(centre[1],
              -parameters.depth / 2 + parameters.posterior_concavity,
              1e-12);
  // Further out along the posterior wall the surface lies more posterior.
  for (const double t : {-0.42 * M_PI, -0.38 * M_PI})
    {
      const Point<2> p = shape.cross_section_boundary(t);
      EXPECT_GT(p[0], 0.);
      EXPECT_LT(p[1], centre[1]) << "t = " << t;
    }
  EXPECT_NEAR(shape.height(-parameters.depth / 2),
              parameters.posterior_height,
              1e-15);
  EXPECT_NEAR(shape.height(parameters.depth / 2),
              parameters.anterior_height,
              1e-15);
}

TEST(ExitZones, PatchAreaApproachesTheDisc)
{
  GeometryParameters geometry;
  geometry.type      = "box";
  geometry.box_size  = Point<3>(8e-3, 8e-3, 6e-3);
  geometry.cell_size = 0.25e-3;
  dealii::Triangulation<3> mesh;
  create_coarse_mesh(mesh, geometry);

  ExitZonesParameters zones;
  zones.zones.resize(2);
  zones.zones[0].name    = "patch";
  zones.zones[0].center  = Point<3>(0.1e-3, 0, 3e-3); // snapped onto z = 0.5 mm
  zones.zones[0].radius  = 2e-3;
  zones.zones[1].name    = "rest";
  zones.zones[1].surface = "whole boundary";
  zones.zones[1].boundary_condition       = "closed";
  const std::vector<unsigned int> n_faces = mark_exit_zones(mesh, zones);

  double patch_area = 0, rest_area = 0, total_area = 0;
  for (const auto &cell : mesh.active_cell_iterators())
    for (const auto &face : cell->face_iterators())
      if (face->at_boundary())
        {
          total_area += face->measure();
          if (face->boundary_id() == BoundaryIds::exit_zone(0))
            {
              patch_area += face->measure();
              EXPECT_NEAR(face->center()[2], 3e-3, 1e-12);
            }
          else if (face->boundary_id() == BoundaryIds::exit_zone(1))
            rest_area += face->measure();
        }
  EXPECT_NEAR(patch_area / (M_PI * 4e-6), 1., 0.1);
  EXPECT_NEAR(patch_area + rest_area, total_area, 1e-15);
  EXPECT_EQ(n_faces[0] + n_faces[1], 2u * (32 * 32 + 32 * 24 + 32 * 24));
}

TEST(Needle, GaugeTableAndSourceRadius)
{
  EXPECT_DOUBLE_EQ(find_needle_gauge("11G").inner_diameter, 2.388e-3);
  EXPECT_DOUBLE_EQ(find_needle_gauge("11G").outer_diameter, 3.048e-3);
  EXPECT_DOUBLE_EQ(find_needle_gauge("13G").inner_diameter, 1.803e-3);
  EXPECT_DOUBLE_EQ(find_needle_gauge("8G").inner_diameter, 3.429e-3);
  NeedleParameters needle;
  EXPECT_DOUBLE_EQ(needle.effective_source_radius(), 1.194e-3);
  needle.source_radius = 2e-3;
  EXPECT_DOUBLE_EQ(needle.effective_source_radius(), 2e-3);
  EXPECT_THROW(find_needle_gauge("12G"), dealii::ExceptionBase);
}
