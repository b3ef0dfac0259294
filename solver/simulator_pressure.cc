#include "simulator.h"

#include <deal.II/base/utilities.h>
#include <deal.II/lac/exceptions.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <algorithm>

namespace cementflow
{
  using namespace dealii;

  void Simulator::update_mobilities()
  {
    for (unsigned int c = 0; c < cells.size(); ++c)
      total_mobility[c] =
        relative_permeability.total_mobility(saturation.local_element(
                                               cells[c].saturation_index),
                                             cement_viscosity[c],
                                             marrow_viscosity[c]);
  }



  void Simulator::assemble_pressure_system()
  {
    TimerOutput::Scope scope(timer, "pressure: assemble");

    pressure_matrix = 0;
    pressure_rhs    = 0;

    FullMatrix<double>                   local_matrix(8, 8);
    Vector<double>                       local_rhs(8);
    std::vector<types::global_dof_index> dofs(8);
    std::array<PetscScalar, 64>          block;
    std::array<PetscScalar, 8>           block_rhs;
    // The arterial supply a_j (p_supply - p_j) of a perfused bone: on the
    // diagonal and the right-hand side.
    const bool   perfused = circulation.has_perfusion();
    const double p_supply = perfused ? circulation.supply_pressure() : 0.;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const double                 lambda = total_mobility[c];
        const auto                   source = source_weights.find(c);
        const std::array<double, 8> *supply =
          perfused ? &circulation.supply_coefficients()[c] : nullptr;
        // Most cells touch no constrained vertex and no source: their
        // block goes to PETSc in one call instead of row by row.
        if (!cell_is_constrained[c] && source == source_weights.end())
          {
            for (unsigned int k = 0; k < 64; ++k)
              block[k] = system_scale * lambda * cell_stiffness[c][k];
            if (supply != nullptr)
              for (unsigned int j = 0; j < 8; ++j)
                {
                  block[9 * j] += system_scale * (*supply)[j];
                  block_rhs[j] = system_scale * (*supply)[j] * p_supply;
                }
            PetscErrorCode error = MatSetValues(pressure_matrix.petsc_matrix(),
                                                8,
                                                cell_pressure_dofs[c].data(),
                                                8,
                                                cell_pressure_dofs[c].data(),
                                                block.data(),
                                                ADD_VALUES);
            AssertThrow(error == 0, ExcPETScError(error));
            if (supply != nullptr)
              {
                error = VecSetValues(pressure_rhs,
                                     8,
                                     cell_pressure_dofs[c].data(),
                                     block_rhs.data(),
                                     ADD_VALUES);
                AssertThrow(error == 0, ExcPETScError(error));
              }
            continue;
          }
        for (unsigned int i = 0; i < 8; ++i)
          for (unsigned int j = 0; j < 8; ++j)
            local_matrix(i, j) =
              system_scale * lambda * cell_stiffness[c][i * 8 + j];
        local_rhs = 0;
        if (source != source_weights.end())
          for (unsigned int j = 0; j < 8; ++j)
            local_rhs(j) = system_scale * rate * source->second[j];
        if (supply != nullptr)
          for (unsigned int j = 0; j < 8; ++j)
            {
              local_matrix(j, j) += system_scale * (*supply)[j];
              local_rhs(j) += system_scale * (*supply)[j] * p_supply;
            }

        cells[c].pressure_cell->get_dof_indices(dofs);
        pressure_constraints.distribute_local_to_global(
          local_matrix, local_rhs, dofs, pressure_matrix, pressure_rhs);
      }
    // Leaky zones: lambda_t T int phi_i phi_j on the matrix and
    // lambda_t T p_outside int phi_i on the right-hand side.
    for (const RobinFace &robin : robin_faces)
      {
        const unsigned int c      = faces[robin.face].cells[0];
        const double       lambda = total_mobility[c];
        for (unsigned int i = 0; i < 8; ++i)
          {
            for (unsigned int j = 0; j < 8; ++j)
              local_matrix(i, j) =
                system_scale * lambda * robin.mass[i * 8 + j];
            local_rhs(i) = system_scale * lambda * robin.transmissibility *
                           robin.outside_pressure * robin.load[i];
          }
        cells[c].pressure_cell->get_dof_indices(dofs);
        pressure_constraints.distribute_local_to_global(
          local_matrix, local_rhs, dofs, pressure_matrix, pressure_rhs);
      }
    // The veins: their exchange with the bone and their own segments.
    circulation.assemble(pressure_matrix,
                         pressure_rhs,
                         pressure_constraints,
                         bone_state(),
                         system_scale,
                         time,
                         viscosity_scale);
    pressure_matrix.compress(VectorOperation::add);
    pressure_rhs.compress(VectorOperation::add);
  }



  void Simulator::solve_pressure()
  {
    TimerOutput::Scope scope(timer, "pressure: solve");

    last_pressure_iterations =
      pressure_solver.solve(pressure_matrix,
                            pressure_solution,
                            pressure_rhs,
                            parameters.numerics.pressure_tolerance,
                            parameters.numerics.max_linear_iterations,
                            parameters.numerics.amg_rebuild_factor);
    pressure_constraints.distribute(pressure_solution);

    for (const types::global_dof_index i : locally_owned_pressure_dofs)
      pressure(i) = pressure_solution(i);
    pressure.update_ghost_values();
    circulation.read_solution(pressure_solution, bone_state());
  }



  double Simulator::tip_pressure() const
  {
    // The source-weighted mean pressure: the pressure the injected cement
    // works against, (1/Q) * integral of q p over the source ball; with
    // two needles, the higher of the two, which the harder-pressed syringe
    // feels.
    std::vector<double> values;
    for (const auto &weights_of_cells : needle_weights)
      {
        double value = 0;
        for (const auto &[c, weights] : weights_of_cells)
          if (c < n_owned_cells)
            for (unsigned int j = 0; j < 8; ++j)
              value += weights[j] *
                       pressure.local_element(cells[c].pressure_indices[j]);
        values.push_back(value);
      }
    Utilities::MPI::sum(values, communicator, values);
    return *std::max_element(values.begin(), values.end());
  }
} // namespace cementflow
