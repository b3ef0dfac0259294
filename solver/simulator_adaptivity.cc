#include "simulator.h"

#include <deal.II/distributed/cell_data_transfer.templates.h>
#include <deal.II/distributed/solution_transfer.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    // What travels with a cell when the mesh adapts: the saturation, the
    // pore volume [m^3] (-1 on a refined cell: keep the saturation), the
    // arrival time [s] and the two viscosities [Pa s]; with Heat and cure
    // the heat capacity V C [J/K] and the cell's heat checkpoint values
    // (temperature, cure, dose).
    constexpr unsigned int heat_offset = 6;
    using CellState =
      std::array<double,
                 heat_offset + Thermal::HeatAndCure::n_checkpoint_values>;

    CellState empty_state()
    {
      CellState state;
      state.fill(0.);
      state[2] = -1;
      return state;
    }

    std::vector<CellState>
    refine_state(const Triangulation<3>::cell_iterator &parent,
                 const CellState                        parent_state)
    {
      // The children's pore volumes add up to the parent's (set_material),
      // so the same saturation keeps the cement volume, and the same
      // temperature and cure keep the heat and the cure.
      CellState child = parent_state;
      child[1]        = -1;
      return std::vector<CellState>(parent->n_children(), child);
    }

    CellState coarsen_state(const Triangulation<3>::cell_iterator &,
                            const std::vector<CellState> &children)
    {
      // The parent holds the children's cement: the pore-volume weighted
      // mean saturation, with their pore volume; their energy: the
      // capacity-weighted mean temperature; their cure: the cement-weighted
      // mean; the largest of their doses.
      CellState parent = empty_state();
      double    cement = 0, energy = 0, cure = 0, cured_volume = 0;
      for (const CellState &child : children)
        {
          cement += child[0] * child[1];
          parent[1] += child[1];
          if (child[2] >= 0)
            parent[2] =
              parent[2] < 0 ? child[2] : std::min(parent[2], child[2]);
          parent[3] += child[3] / children.size();
          parent[4] += child[4] / children.size();
          parent[5] += child[5];
          energy += child[5] * child[heat_offset];
          cure += child[0] * child[1] * child[heat_offset + 1];
          cured_volume += child[0] * child[1];
          for (unsigned int k = heat_offset + 2; k < parent.size(); ++k)
            parent[k] = std::max(parent[k], child[k]);
        }
      parent[0]               = parent[1] > 0 ? cement / parent[1] : 0.;
      parent[heat_offset]     = parent[5] > 0 ? energy / parent[5] : 0.;
      parent[heat_offset + 1] = cured_volume > 0 ? cure / cured_volume : 0.;
      return parent;
    }
  } // namespace



  unsigned int Simulator::finest_level() const
  {
    return base_level + parameters.adaptive_mesh.levels;
  }



  void Simulator::refine_around_tips()
  {
    for (unsigned int pass = 0; pass < parameters.adaptive_mesh.levels; ++pass)
      adapt_mesh();
  }



  bool Simulator::adapt_mesh()
  {
    TimerOutput::Scope scope(timer, "adaptation");

    // Cells at the front: a face neighbour's saturation differs by more
    // than the threshold. The front and its face neighbours are refined,
    // so that the front stays on fine cells until the next adaptation.
    const double threshold = parameters.adaptive_mesh.front_threshold;
    LinearAlgebra::distributed::Vector<double> at_front(saturation);
    at_front = 0;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      for (const auto &[f, sign] : cell_faces[c])
        {
          const FaceInfo &face = faces[f];
          if (face.zone != numbers::invalid_unsigned_int)
            continue;
          const unsigned int other = face.cells[sign > 0 ? 1 : 0];
          if (std::abs(saturation.local_element(cells[c].saturation_index) -
                       saturation.local_element(
                         cells[other].saturation_index)) > threshold)
            at_front.local_element(cells[c].saturation_index) = 1;
        }
    at_front.update_ghost_values();

    const auto needles = parameters.needle.trajectories();
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const auto &cell = cells[c].pressure_cell;
        bool keep_fine = at_front.local_element(cells[c].saturation_index) > 0;
        for (const auto &[f, sign] : cell_faces[c])
          if (faces[f].zone == numbers::invalid_unsigned_int)
            keep_fine =
              keep_fine ||
              at_front.local_element(
                cells[faces[f].cells[sign > 0 ? 1 : 0]].saturation_index) > 0;
        for (const auto &needle : needles)
          keep_fine = keep_fine || cells[c].center.distance(needle.second) <
                                     parameters.adaptive_mesh.tip_radius +
                                       cell->diameter() / 2;
        const unsigned int level = cell->level();
        if (keep_fine && level < finest_level())
          cell->set_refine_flag();
        else if (!keep_fine && level > base_level)
          cell->set_coarsen_flag();
      }
    // Coarsening needs all eight siblings; without any change left, the
    // mesh and its setup stay as they are.
    triangulation.prepare_coarsening_and_refinement();
    bool any_flag = false;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      any_flag = any_flag || cells[c].pressure_cell->refine_flag_set() ||
                 cells[c].pressure_cell->coarsen_flag_set();
    if (Utilities::MPI::max(any_flag ? 1u : 0u, communicator) == 0)
      {
        for (unsigned int c = 0; c < n_owned_cells; ++c)
          cells[c].pressure_cell->clear_coarsen_flag();
        return false;
      }

    // The state of every locally relevant cell, by active cell index.
    std::vector<CellState> state(triangulation.n_active_cells(), empty_state());
    for (unsigned int c = 0; c < cells.size(); ++c)
      {
        CellState &s = state[cells[c].pressure_cell->active_cell_index()];
        s[0]         = saturation.local_element(cells[c].saturation_index);
        s[1]         = cells[c].porosity * cells[c].volume;
        s[2]         = c < n_owned_cells ? arrival_time[c] : -1.;
        s[3]         = cement_viscosity[c];
        s[4]         = marrow_viscosity[c];
        if (heat.enabled() && c < n_owned_cells)
          {
            s[5]                             = heat.cell_heat_capacity(c);
            const std::vector<double> values = heat.cell_checkpoint_values(c);
            std::copy(values.begin(), values.end(), s.begin() + heat_offset);
          }
      }
    // The run's heat flows so far stay with the run.
    const std::vector<double> heat_flows =
      heat.enabled() ? heat.flow_totals() : std::vector<double>();

    timer.enter_subsection("adaptation: refine and move");
    pressure.update_ghost_values();
    parallel::distributed::CellDataTransfer<3, 3, std::vector<CellState>>
      cell_transfer(triangulation, false, &refine_state, &coarsen_state);
    cell_transfer.prepare_for_coarsening_and_refinement(state);
    parallel::distributed::
      SolutionTransfer<3, LinearAlgebra::distributed::Vector<double>>
        pressure_transfer(pressure_dof_handler);
    std::vector<const LinearAlgebra::distributed::Vector<double> *>
      pressure_in = {&pressure};
    if (resting_pressure.size() > 0)
      {
        resting_pressure.update_ghost_values();
        pressure_in.push_back(&resting_pressure);
      }
    pressure_transfer.prepare_for_coarsening_and_refinement(pressure_in);
    triangulation.execute_coarsening_and_refinement();
    timer.leave_subsection();

    // The setup reports once, at the start.
    const bool report = pcout.is_active();
    pcout.set_condition(false);
    setup_dofs();
    LinearAlgebra::distributed::Vector<double> owned_pressure(pressure),
      owned_resting(pressure);
    owned_pressure.zero_out_ghost_values();
    owned_resting.zero_out_ghost_values();
    std::vector<LinearAlgebra::distributed::Vector<double> *> pressure_out = {
      &owned_pressure};
    if (resting_pressure.size() > 0)
      pressure_out.push_back(&owned_resting);
    pressure_transfer.interpolate(pressure_out);
    if (resting_pressure.size() > 0)
      {
        resting_pressure = owned_resting;
        resting_pressure.update_ghost_values();
      }
    pressure = owned_pressure;
    pressure.update_ghost_values();
    for (const types::global_dof_index i : locally_owned_pressure_dofs)
      pressure_solution(i) = pressure(i);
    circulation.initial_guess(pressure_solution, n_pressure_dofs);
    pressure_solution.compress(VectorOperation::insert);

    std::vector<CellState> new_state(triangulation.n_active_cells());
    cell_transfer.unpack(new_state);

    setup_cells_and_faces();
    circulation.setup_coupling(cells, n_owned_cells, n_pressure_dofs);
    setup_pressure_matrix();
    setup_needle_source();
    mark_endplate_cells();
    pcout.set_condition(report);
    pressure_solver.reset();
    correction_solver.reset();

    // A coarsened cell holds its children's cement volume over its own
    // pore volume, which equals theirs up to roundoff.
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const CellState &s =
          new_state[cells[c].pressure_cell->active_cell_index()];
        double value = s[0];
        if (s[1] >= 0)
          value = s[0] * s[1] / (cells[c].porosity * cells[c].volume);
        saturation.local_element(cells[c].saturation_index) =
          std::min(1., std::max(0., value));
        arrival_time[c]     = s[2];
        cement_viscosity[c] = s[3];
        marrow_viscosity[c] = s[4];
      }
    saturation.update_ghost_values();
    old_saturation = saturation;
    if (heat.enabled())
      {
        std::vector<std::vector<double>> values(n_owned_cells);
        for (unsigned int c = 0; c < n_owned_cells; ++c)
          {
            const CellState &s =
              new_state[cells[c].pressure_cell->active_cell_index()];
            values[c].assign(s.begin() + heat_offset, s.end());
          }
        heat.setup(saturation, cells);
        heat.restore(values, heat_flows, cells, saturation);
      }
    // Ghost cells' viscosities come with the next pressure solve; until
    // then those of the owned cells suffice for the mobilities.
    {
      LinearAlgebra::distributed::Vector<double> cement(saturation),
        marrow(saturation);
      for (unsigned int c = 0; c < n_owned_cells; ++c)
        {
          cement.local_element(cells[c].saturation_index) = cement_viscosity[c];
          marrow.local_element(cells[c].saturation_index) = marrow_viscosity[c];
        }
      cement.update_ghost_values();
      marrow.update_ghost_values();
      for (unsigned int c = n_owned_cells; c < cells.size(); ++c)
        {
          cement_viscosity[c] = cement.local_element(cells[c].saturation_index);
          marrow_viscosity[c] = marrow.local_element(cells[c].saturation_index);
        }
    }
    return true;
  }
} // namespace cementflow
