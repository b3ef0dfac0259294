#include "patch_fluxes.h"

#include "boundary_ids.h"
#include "errors.h"

#include <deal.II/base/geometry_info.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    // The trilinear map of a hexahedron (deal.II's vertex order: vertex v
    // sits at the unit corner (v & 1, v >> 1 & 1, v >> 2 & 1)).
    double shape_value(const unsigned int v, const Point<3> &unit)
    {
      double value = 1;
      for (unsigned int d = 0; d < 3; ++d)
        value *= ((v >> d) & 1) ? unit[d] : 1 - unit[d];
      return value;
    }

    Tensor<1, 3> shape_gradient(const unsigned int v, const Point<3> &unit)
    {
      Tensor<1, 3> gradient;
      for (unsigned int d = 0; d < 3; ++d)
        {
          gradient[d] = ((v >> d) & 1) ? 1. : -1.;
          for (unsigned int e = 0; e < 3; ++e)
            if (e != d)
              gradient[d] *= ((v >> e) & 1) ? unit[e] : 1 - unit[e];
        }
      return gradient;
    }

    // The 2 x 2 Gauss points of face f = 2 d + s in the unit cell.
    Point<3> face_point(const unsigned int face, const unsigned int q)
    {
      const double       gauss[2] = {0.5 - 0.5 / std::sqrt(3.),
                                     0.5 + 0.5 / std::sqrt(3.)};
      const unsigned int normal   = face / 2;
      Point<3>           unit;
      unit[normal]              = face % 2;
      const unsigned int first  = normal == 0 ? 1 : 0;
      const unsigned int second = normal == 2 ? 1 : 2;
      unit[first]               = gauss[q % 2];
      unit[second]              = gauss[q / 2];
      return unit;
    }

    // The trilinear map of a cell at Gauss point q of its face f: Jacobian,
    // outward unit normal and area element (with the weight 1/4).
    struct FacePoint
    {
      Tensor<2, 3> jacobian;
      Tensor<1, 3> normal;
      double       dA;
    };

    FacePoint
    face_point_geometry(const DoFHandler<3>::active_cell_iterator &cell,
                        const unsigned int                         face,
                        const unsigned int                         q)
    {
      const Point<3> unit = face_point(face, q);
      FacePoint      point;
      for (unsigned int v = 0; v < 8; ++v)
        point.jacobian +=
          outer_product(cell->vertex(v), shape_gradient(v, unit));
      const unsigned int normal_direction = face / 2;
      const unsigned int first            = normal_direction == 0 ? 1 : 0;
      const unsigned int second           = normal_direction == 2 ? 1 : 2;
      Tensor<1, 3>       t1, t2, across;
      for (unsigned int d = 0; d < 3; ++d)
        {
          t1[d]     = point.jacobian[d][first];
          t2[d]     = point.jacobian[d][second];
          across[d] = point.jacobian[d][normal_direction];
        }
      point.normal = cross_product_3d(t1, t2);
      point.dA     = point.normal.norm() / 4;
      point.normal /= point.normal.norm();
      // Outward: along the increasing unit coordinate on the upper face of
      // the unit cell, against it on the lower one.
      if ((point.normal * across > 0) != (face % 2 == 1))
        point.normal = -point.normal;
      return point;
    }



    // Tables on the reference cell: values and gradients of the eight hat
    // functions at the four Gauss points of each face.
    struct ReferenceTables
    {
      double       value[6][4][8];
      Tensor<1, 3> gradient[6][4][8];

      ReferenceTables()
      {
        for (unsigned int f = 0; f < 6; ++f)
          for (unsigned int q = 0; q < 4; ++q)
            for (unsigned int v = 0; v < 8; ++v)
              {
                value[f][q][v]    = shape_value(v, face_point(f, q));
                gradient[f][q][v] = shape_gradient(v, face_point(f, q));
              }
      }
    };

    const ReferenceTables &reference()
    {
      static const ReferenceTables tables;
      return tables;
    }



    // Cholesky solve of the symmetric positive definite n x n system A x = b
    // (row-major, overwritten). Returns false on a non-positive pivot.
    bool cholesky_solve(std::vector<double> &a,
                        std::vector<double> &b,
                        const unsigned int   n)
    {
      for (unsigned int j = 0; j < n; ++j)
        {
          double diagonal = a[j * n + j];
          for (unsigned int k = 0; k < j; ++k)
            diagonal -= a[j * n + k] * a[j * n + k];
          if (!(diagonal > 0))
            return false;
          const double pivot = std::sqrt(diagonal);
          a[j * n + j]       = pivot;
          for (unsigned int i = j + 1; i < n; ++i)
            {
              double value = a[i * n + j];
              for (unsigned int k = 0; k < j; ++k)
                value -= a[i * n + k] * a[j * n + k];
              a[i * n + j] = value / pivot;
            }
        }
      for (unsigned int i = 0; i < n; ++i)
        {
          double value = b[i];
          for (unsigned int k = 0; k < i; ++k)
            value -= a[i * n + k] * b[k];
          b[i] = value / a[i * n + i];
        }
      for (unsigned int i = n; i-- > 0;)
        {
          double value = b[i];
          for (unsigned int k = i + 1; k < n; ++k)
            value -= a[k * n + i] * b[k];
          b[i] = value / a[i * n + i];
        }
      return true;
    }
  } // namespace



  void PatchFluxes::reinit(const std::vector<CellInfo>       &cells,
                           const unsigned int                 n_owned_cells,
                           const std::vector<unsigned int>   &active_to_cell,
                           const std::vector<FaceInfo>       &faces,
                           const Meshes::ExitZonesParameters &exit_zones)
  {
    patch_faces.clear();
    patch_cells.clear();
    patch_face_list.clear();
    cell_start.clear();
    face_start.clear();

    face_of_stored.assign(faces.size(), numbers::invalid_unsigned_int);
    if (cells.empty())
      return;

    // The vertices of the owned cells, numbered as patches.
    const auto &triangulation =
      cells.front().pressure_cell->get_triangulation();
    const unsigned int        no_patch = numbers::invalid_unsigned_int;
    std::vector<unsigned int> patch_of_vertex(triangulation.n_vertices(),
                                              no_patch);
    unsigned int              n_patches = 0;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      for (const unsigned int v : cells[c].pressure_cell->vertex_indices())
        {
          const unsigned int vertex = cells[c].pressure_cell->vertex_index(v);
          if (patch_of_vertex[vertex] == no_patch)
            patch_of_vertex[vertex] = n_patches++;
        }

    // Cells around each patch vertex, among all locally relevant cells.
    std::vector<std::vector<std::pair<unsigned int, unsigned int>>>
      cells_of_patch(n_patches);
    for (unsigned int c = 0; c < cells.size(); ++c)
      for (const unsigned int v : cells[c].pressure_cell->vertex_indices())
        {
          const unsigned int patch =
            patch_of_vertex[cells[c].pressure_cell->vertex_index(v)];
          if (patch != no_patch)
            cells_of_patch[patch].emplace_back(c, v);
        }

    // Faces through which fluid passes and that touch a patch vertex,
    // interior faces once (from the cell with the smaller CellId).
    std::vector<std::vector<std::pair<unsigned int, unsigned int>>>
      faces_of_patch(n_patches);
    std::map<std::pair<unsigned int, unsigned int>, unsigned int> face_index;
    for (unsigned int c = 0; c < cells.size(); ++c)
      {
        const auto &cell = cells[c].pressure_cell;
        for (const unsigned int f : cell->face_indices())
          {
            Face face;
            face.cells       = {{c, numbers::invalid_unsigned_int}};
            face.face_number = {{static_cast<unsigned char>(f), 0}};
            if (cell->at_boundary(f))
              {
                const types::boundary_id id = cell->face(f)->boundary_id();
                if (!BoundaryIds::is_exit_zone(id))
                  continue;
                const Meshes::ExitZoneParameters &zone =
                  exit_zones.zones[BoundaryIds::zone_index(id)];
                if (!zone.carries_flux())
                  continue;
                face.kind = zone.is_leaky() ? Kind::robin : Kind::open;
                if (zone.is_leaky())
                  {
                    face.robin_transmissibility =
                      zone.cortex_permeability / zone.cortex_thickness;
                    face.robin_pressure = zone.pressure;
                  }
              }
            else
              {
                const auto neighbor = cell->neighbor(f);
                Assert(!neighbor->has_children(), ExcInternalError());
                if (!(neighbor->is_locally_owned() || neighbor->is_ghost()) ||
                    !(cell->id() < neighbor->id()))
                  continue;
                face.kind     = Kind::interior;
                face.cells[1] = active_to_cell[neighbor->active_cell_index()];
                face.face_number[1] =
                  static_cast<unsigned char>(cell->neighbor_of_neighbor(f));
              }

            // The face's vertices in side 0's order, and where each sits in
            // side 1's cell.
            bool touches_patch = false;
            for (unsigned int k = 0; k < 4; ++k)
              {
                const unsigned int v =
                  GeometryInfo<3>::face_to_cell_vertices(f, k);
                face.vertex[0][k] = static_cast<unsigned char>(v);
                touches_patch =
                  touches_patch ||
                  patch_of_vertex[cell->vertex_index(v)] != no_patch;
                if (face.kind == Kind::interior)
                  {
                    const auto &other = cells[face.cells[1]].pressure_cell;
                    for (const unsigned int w : other->vertex_indices())
                      if (other->vertex_index(w) == cell->vertex_index(v))
                        face.vertex[1][k] = static_cast<unsigned char>(w);
                  }
              }
            if (!touches_patch)
              continue;

            // Geometry per side, at the face's 2 x 2 Gauss points of the
            // trilinear map; on leaky faces also int phi_k and
            // int phi_k phi_l over the face.
            const auto &table    = reference();
            face.half_resistance = {{0., 0.}};
            for (unsigned int side = 0; side < 2; ++side)
              {
                if (face.cells[side] == numbers::invalid_unsigned_int)
                  continue;
                const CellInfo    &info = cells[face.cells[side]];
                const unsigned int fn   = face.face_number[side];
                const Tensor<2, 3> k    = permeability_tensor(info);
                double             area = 0;
                Tensor<1, 3>       mean_normal;
                for (unsigned int q = 0; q < 4; ++q)
                  {
                    const FacePoint point =
                      face_point_geometry(info.pressure_cell, fn, q);
                    face.weight[side][q] =
                      invert(point.jacobian) * (k * point.normal) * point.dA;
                    area += point.dA;
                    mean_normal += point.normal * point.dA;
                    if (face.kind == Kind::robin)
                      for (unsigned int i = 0; i < 4; ++i)
                        {
                          const double phi_i =
                            table.value[fn][q][face.vertex[0][i]];
                          face.robin_load[i] += phi_i * point.dA;
                          for (unsigned int l = 0; l < 4; ++l)
                            face.robin_mass[i][l] +=
                              phi_i * table.value[fn][q][face.vertex[0][l]] *
                              point.dA;
                        }
                  }
                mean_normal /= mean_normal.norm();
                const Point<3> center = info.pressure_cell->face(fn)->center();
                face.half_resistance[side] =
                  std::abs((center - info.center) * mean_normal) /
                  (mean_normal * (k * mean_normal));
                if (side == 0)
                  face.area = area;
              }

            const unsigned int index = patch_faces.size();
            face_index[{c, f}]       = index;
            for (unsigned int k = 0; k < 4; ++k)
              {
                const unsigned int patch =
                  patch_of_vertex[cell->vertex_index(face.vertex[0][k])];
                if (patch != no_patch)
                  faces_of_patch[patch].emplace_back(index, k);
              }
            patch_faces.push_back(face);
          }
      }

    // Flatten, cells of each patch sorted by CellId so that every rank
    // solves a shared patch identically; faces in order of their side 0.
    cell_start.assign(1, 0);
    face_start.assign(1, 0);
    for (unsigned int p = 0; p < n_patches; ++p)
      {
        auto &patch = cells_of_patch[p];
        std::sort(patch.begin(),
                  patch.end(),
                  [&cells](const auto &a, const auto &b) {
                    return cells[a.first].pressure_cell->id() <
                           cells[b.first].pressure_cell->id();
                  });
        std::map<unsigned int, unsigned int> position;
        for (unsigned int i = 0; i < patch.size(); ++i)
          position[patch[i].first] = i;
        patch_cells.insert(patch_cells.end(), patch.begin(), patch.end());
        cell_start.push_back(patch_cells.size());

        auto &list = faces_of_patch[p];
        std::sort(list.begin(), list.end(), [&](const auto &a, const auto &b) {
          const Face &fa = patch_faces[a.first], &fb = patch_faces[b.first];
          const auto  ia = cells[fa.cells[0]].pressure_cell->id();
          const auto  ib = cells[fb.cells[0]].pressure_cell->id();
          if (ia != ib)
            return ia < ib;
          return fa.face_number[0] < fb.face_number[0];
        });
        for (const auto &[face, k] : list)
          {
            const Face &info = patch_faces[face];
            patch_face_list.push_back({face,
                                       k,
                                       position.at(info.cells[0]),
                                       info.kind == Kind::interior ?
                                         position.at(info.cells[1]) :
                                         numbers::invalid_unsigned_int});
          }
        face_start.push_back(patch_face_list.size());
      }

    // The stored faces among them.
    face_of_stored.resize(faces.size());
    for (unsigned int f = 0; f < faces.size(); ++f)
      face_of_stored[f] =
        face_index.at({faces[f].cells[0], faces[f].face_number});
  }



  void PatchFluxes::compute(
    const LinearAlgebra::distributed::Vector<double> &pressure,
    const std::vector<double>                        &mobility,
    const std::vector<std::array<double, 64>>        &stiffness,
    const std::vector<std::array<double, 8>>         &sources,
    const std::vector<CellInfo>                      &cells,
    std::vector<FaceInfo>                            &faces) const
  {
    const ReferenceTables &table = reference();

    // 1. Per face and face vertex: the Galerkin normal flux weighted by the
    //    vertex's hat function (the mean of both sides), or the Robin flux;
    //    and the two-point transmissibility of the face.
    std::vector<std::array<double, 4>> galerkin(patch_faces.size());
    std::vector<double>                transmissibility(patch_faces.size());
    for (unsigned int e = 0; e < patch_faces.size(); ++e)
      {
        const Face                          &face = patch_faces[e];
        std::array<std::array<double, 4>, 2> outflow{};
        for (unsigned int side = 0; side < 2; ++side)
          {
            if (face.cells[side] == numbers::invalid_unsigned_int)
              continue;
            const unsigned int    c  = face.cells[side];
            const unsigned int    fn = face.face_number[side];
            std::array<double, 8> p;
            for (unsigned int j = 0; j < 8; ++j)
              p[j] = pressure.local_element(cells[c].pressure_indices[j]);
            if (face.kind == Kind::robin)
              {
                for (unsigned int k = 0; k < 4; ++k)
                  {
                    double excess = -face.robin_pressure * face.robin_load[k];
                    for (unsigned int l = 0; l < 4; ++l)
                      excess += face.robin_mass[k][l] * p[face.vertex[0][l]];
                    outflow[0][k] =
                      mobility[c] * face.robin_transmissibility * excess;
                  }
                break;
              }
            for (unsigned int q = 0; q < 4; ++q)
              {
                double density = 0;
                for (unsigned int j = 0; j < 8; ++j)
                  density -=
                    p[j] * (face.weight[side][q] * table.gradient[fn][q][j]);
                density *= mobility[c];
                for (unsigned int k = 0; k < 4; ++k)
                  outflow[side][k] +=
                    table.value[fn][q][face.vertex[side][k]] * density;
              }
          }
        const double half_0 = face.half_resistance[0] / mobility[face.cells[0]];
        switch (face.kind)
          {
            case Kind::interior:
              for (unsigned int k = 0; k < 4; ++k)
                galerkin[e][k] = 0.5 * (outflow[0][k] - outflow[1][k]);

              transmissibility[e] =
                face.area /
                (half_0 + face.half_resistance[1] / mobility[face.cells[1]]);
              break;
            case Kind::open:
              galerkin[e]         = outflow[0];
              transmissibility[e] = face.area / half_0;
              break;
            case Kind::robin:
              galerkin[e]         = outflow[0];
              transmissibility[e] = 0;
              break;
          }
      }

    // 2. Per patch: correct the weighted fluxes by a two-point potential so
    //    that every cell of the patch balances its Galerkin residual.
    std::vector<std::array<double, 4>> correction(patch_faces.size(),
                                                  {{0., 0., 0., 0.}});
    std::vector<double> residual, matrix, potential, reduced, right;
    for (unsigned int p = 0; p + 1 < cell_start.size(); ++p)
      {
        const unsigned int n = cell_start[p + 1] - cell_start[p];
        residual.assign(n, 0.);
        for (unsigned int i = 0; i < n; ++i)
          {
            const auto [c, j] = patch_cells[cell_start[p] + i];
            double value      = 0;
            for (unsigned int l = 0; l < 8; ++l)
              value += stiffness[c][j * 8 + l] *
                       pressure.local_element(cells[c].pressure_indices[l]);
            residual[i] = sources[c][j] - mobility[c] * value;
          }
        matrix.assign(n * n, 0.);
        bool grounded = false;
        for (unsigned int i = face_start[p]; i < face_start[p + 1]; ++i)
          {
            const PatchFace &pf = patch_face_list[i];
            const double     g  = galerkin[pf.face][pf.vertex];
            const double     t  = transmissibility[pf.face];
            residual[pf.side_0] -= g;
            if (pf.side_1 != numbers::invalid_unsigned_int)
              {
                residual[pf.side_1] += g;
                matrix[pf.side_0 * n + pf.side_0] += t;
                matrix[pf.side_1 * n + pf.side_1] += t;
                matrix[pf.side_0 * n + pf.side_1] -= t;
                matrix[pf.side_1 * n + pf.side_0] -= t;
              }
            else if (t > 0)
              {
                matrix[pf.side_0 * n + pf.side_0] += t;
                grounded = true;
              }
          }

        potential = residual;
        bool solved;
        if (grounded)
          solved = cholesky_solve(matrix, potential, n);
        else
          {
            // The residuals sum to the Galerkin residual at the vertex,
            // zero up to the linear solver's tolerance: remove it, and fix
            // the potential of the first cell.
            const double mean =
              std::accumulate(residual.begin(), residual.end(), 0.) / n;
            reduced.resize((n - 1) * (n - 1));
            right.resize(n - 1);
            for (unsigned int i = 1; i < n; ++i)
              {
                right[i - 1] = residual[i] - mean;
                for (unsigned int j = 1; j < n; ++j)
                  reduced[(i - 1) * (n - 1) + (j - 1)] = matrix[i * n + j];
              }
            solved = n == 1 || cholesky_solve(reduced, right, n - 1);
            potential.assign(n, 0.);
            for (unsigned int i = 1; i < n; ++i)
              potential[i] = right[i - 1];
          }
        if (!solved)
          throw SimulationError(
            "The conservative flux reconstruction found a vertex whose "
            "surrounding cells are not connected through faces (a mesh "
            "that is not a manifold there).");

        for (unsigned int i = face_start[p]; i < face_start[p + 1]; ++i)
          {
            const PatchFace &pf = patch_face_list[i];
            const double     t  = transmissibility[pf.face];
            const double other  = pf.side_1 != numbers::invalid_unsigned_int ?
                                    potential[pf.side_1] :
                                    0.;
            correction[pf.face][pf.vertex] = t * (potential[pf.side_0] - other);
          }
      }

    // 3. The flux of each stored face: its vertices' patch fluxes, in the
    //    face's vertex order.
    for (unsigned int f = 0; f < faces.size(); ++f)
      {
        const unsigned int e    = face_of_stored[f];
        double             flux = 0;
        for (unsigned int k = 0; k < 4; ++k)
          flux += galerkin[e][k] + correction[e][k];
        faces[f].flux = flux;
      }
  }



  unsigned int PatchFluxes::max_patch_size() const
  {
    unsigned int size = 0;
    for (unsigned int p = 0; p + 1 < cell_start.size(); ++p)
      size = std::max(size, cell_start[p + 1] - cell_start[p]);
    return size;
  }
} // namespace cementflow
