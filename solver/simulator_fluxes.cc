#include "simulator.h"

#include <deal.II/base/utilities.h>

namespace cementflow
{
  using namespace dealii;

  types::global_dof_index
  Simulator::cell_dof_index(const unsigned int cell) const
  {
    return saturation.get_partitioner()->local_to_global(
      cells[cell].saturation_index);
  }



  void Simulator::compute_conservative_fluxes()
  {
    // The sources of every locally relevant cell: the needle, the arterial
    // supply and the exchange with the veins.
    vertex_sources.assign(cells.size(), std::array<double, 8>());
    for (const auto &[c, weights] : source_weights)
      for (unsigned int j = 0; j < 8; ++j)
        vertex_sources[c][j] = rate * weights[j];
    circulation.add_vertex_sources(bone_state(), vertex_sources);
    if (use_patch_fluxes)
      {
        TimerOutput::Scope scope(timer, "fluxes: vertex patches");
        patch_fluxes.compute(pressure,
                             total_mobility,
                             cell_stiffness,
                             vertex_sources,
                             cells,
                             faces);
        last_flux_iterations = 0;
        return;
      }
    TimerOutput::Scope scope(timer, "fluxes: conservative correction");

    const auto cell_pressure_flux = [this](const FaceInfo    &face,
                                           const unsigned int side) {
      const CellInfo &cell  = cells[face.cells[side]];
      double          value = 0;
      for (unsigned int j = 0; j < 8; ++j)
        value += face.flux_operator[side][j] *
                 pressure.local_element(cell.pressure_indices[j]);
      return total_mobility[face.cells[side]] * value;
    };

    // 1. The Galerkin flux of each face: the mean of the normal fluxes seen
    //    from both sides (one side at exits), and a two-point transmissibility
    //    with the harmonic mean of lambda * n.K.n for the correction.
    for (unsigned int f = 0; f < faces.size(); ++f)
      {
        FaceInfo    &face = faces[f];
        const double half_0 =
          face.distance[0] /
          (total_mobility[face.cells[0]] * face.normal_permeability[0]);
        if (face.zone == numbers::invalid_unsigned_int)
          {
            face.flux =
              0.5 * (cell_pressure_flux(face, 0) - cell_pressure_flux(face, 1));
            const double half_1 =
              face.distance[1] /
              (total_mobility[face.cells[1]] * face.normal_permeability[1]);
            face_transmissibility[f] = face.area / (half_0 + half_1);
          }
        else if (face.robin == numbers::invalid_unsigned_int)
          {
            face.flux                = cell_pressure_flux(face, 0);
            face_transmissibility[f] = face.area / half_0;
          }
        else
          {
            // A leaky zone: the Robin law on the face's pressure, and the
            // cortex in series with the half cell for the correction.
            const RobinFace &robin  = robin_faces[face.robin];
            const CellInfo  &cell   = cells[face.cells[0]];
            const double     lambda = total_mobility[face.cells[0]];
            double           excess = -robin.outside_pressure * face.area;
            for (unsigned int j = 0; j < 8; ++j)
              excess += robin.load[j] *
                        pressure.local_element(cell.pressure_indices[j]);
            face.flux = lambda * robin.transmissibility * excess;
            face_transmissibility[f] =
              face.area / (half_0 + 1 / (lambda * robin.transmissibility));
          }
      }

    // 2. Each owned cell's imbalance between its source and its net outflow,
    //    and the two-point system that removes it: sum over faces of
    //    T_f (c_K - c_neighbour) = Q_K - sum of outward Galerkin fluxes.
    correction_matrix = 0;
    correction_rhs    = 0;
    std::vector<types::global_dof_index> columns;
    std::vector<double>                  values;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const types::global_dof_index row = cell_dof_index(c);
        columns.assign(1, row);
        values.assign(1, 0.);
        double imbalance = rate * source_share[c] + circulation.cell_source(c);
        for (const auto &[f, sign] : cell_faces[c])
          {
            const FaceInfo &face = faces[f];
            imbalance -= sign * face.flux;
            values[0] += system_scale * face_transmissibility[f];
            if (face.zone == numbers::invalid_unsigned_int)
              {
                columns.push_back(cell_dof_index(face.cells[sign > 0 ? 1 : 0]));
                values.push_back(-system_scale * face_transmissibility[f]);
              }
          }
        // Without an open or leaky zone (veins drain the body) the
        // correction is a pure Neumann problem: one cell is tied to
        // potential zero, and takes the balance of all sources, zero up to
        // the pressure solver's tolerance.
        if (row == 0 && !parameters.exit_zones.has_outlet())
          values[0] *= 2;
        correction_matrix.add(row,
                              columns.size(),
                              columns.data(),
                              values.data());
        correction_rhs(row) = system_scale * imbalance;
      }
    correction_matrix.compress(VectorOperation::add);
    correction_rhs.compress(VectorOperation::insert);

    timer.enter_subsection("fluxes: correction solve");
    last_flux_iterations =
      correction_solver.solve(correction_matrix,
                              correction_solution,
                              correction_rhs,
                              parameters.numerics.flux_tolerance,
                              parameters.numerics.max_linear_iterations,
                              parameters.numerics.amg_rebuild_factor);
    timer.leave_subsection();
    for (const types::global_dof_index i : locally_owned_cell_dofs)
      correction_potential(i) = correction_solution(i);
    correction_potential.update_ghost_values();

    // 3. Corrected fluxes. Both ranks that share a face compute the same
    //    number from the same data, so interior fluxes cancel exactly.
    for (unsigned int f = 0; f < faces.size(); ++f)
      {
        FaceInfo    &face = faces[f];
        const double c0   = correction_potential.local_element(
          cells[face.cells[0]].saturation_index);
        const double c1 = face.zone == numbers::invalid_unsigned_int ?
                            correction_potential.local_element(
                              cells[face.cells[1]].saturation_index) :
                            0.;
        face.flux += face_transmissibility[f] * (c0 - c1);
      }
  }


  std::pair<double, double> Simulator::cell_flux_imbalance() const
  {
    double imbalance = 0, largest = 0;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        double net = rate * source_share[c] + circulation.cell_source(c);
        for (const auto &[f, sign] : cell_faces[c])
          {
            net -= sign * faces[f].flux;
            largest = std::max(largest, std::abs(faces[f].flux));
          }
        imbalance = std::max(imbalance, std::abs(net));
      }
    return {Utilities::MPI::max(imbalance, communicator),
            Utilities::MPI::max(largest, communicator)};
  }
} // namespace cementflow
