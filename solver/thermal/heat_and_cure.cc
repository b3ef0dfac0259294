#include "thermal/heat_and_cure.h"

#include "errors.h"
#include "physics/marrow_cooling.h"

#include <deal.II/base/mpi.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>

#include <algorithm>
#include <cmath>

namespace cementflow
{
  namespace Thermal
  {
    using namespace dealii;
    using Physics::zero_celsius;


    HeatAndCure::HeatAndCure(const HeatAndCureParameters     &parameters,
                             const Physics::CuringParameters &chemorheology,
                             const MPI_Comm                   communicator)
      : parameters(parameters)
      , kinetics(parameters.kinetics)
      , chemorheology(chemorheology)
      , communicator(communicator)
      // The heat matrix is diagonally dominant (V C / dt against the
      // conduction of a few cells): SOR needs 6-20 GMRES iterations per
      // step on the default mesh and costs a third of BoomerAMG's
      // setups (docs/numerics.md).
      , solver("heat", "sor", communicator, false)
    {
      if (!parameters.enabled)
        return;
      // The cure in the syringe, isothermal, for up to two hours.
      syringe_history = Physics::cure_well_mixed(kinetics,
                                                 parameters.kinetics.seed,
                                                 parameters.syringe_temperature,
                                                 7200,
                                                 0);
      if (chemorheology.model != "none")
        equivalent_age.emplace(kinetics, chemorheology.reference_temperature);
    }



    bool HeatAndCure::enabled() const
    {
      return parameters.enabled;
    }



    void HeatAndCure::setup(
      const LinearAlgebra::distributed::Vector<double> &cell_vector,
      const std::vector<CellInfo>                      &cells)
    {
      // One value per cell: as many owned entries as owned cells.
      const unsigned int n_owned_cells = cell_vector.locally_owned_size();
      cell_index.resize(n_owned_cells);
      for (unsigned int c = 0; c < n_owned_cells; ++c)
        cell_index[c] = cells[c].saturation_index;
      temperature_field.reinit(cell_vector);
      cure_field.reinit(cell_vector);
      temperature_field = parameters.body_temperature;
      cure_field        = 0;
      temperature_field.update_ghost_values();
      cure_field.update_ghost_values();
      dose.assign(n_owned_cells, Physics::ThermalDose(parameters.damage));
      flows.assign(5, 0.);
      remember_capacities(cells, cell_vector);
      // A new mesh needs a new matrix and preconditioner.
      matrix_ready = false;
      solver.reset();
    }



    void HeatAndCure::remember_capacities(
      const std::vector<CellInfo>                      &cells,
      const LinearAlgebra::distributed::Vector<double> &saturation)
    {
      stored_capacity.resize(cell_index.size());
      for (unsigned int c = 0; c < cell_index.size(); ++c)
        stored_capacity[c] =
          cells[c].volume *
          heat_capacity(cells[c], saturation.local_element(cell_index[c]));
    }



    double HeatAndCure::syringe_cure(const double minutes) const
    {
      const double seconds = minutes * 60;
      if (syringe_history.empty() || seconds <= 0)
        return parameters.kinetics.seed;
      const auto later =
        std::lower_bound(syringe_history.begin(),
                         syringe_history.end(),
                         seconds,
                         [](const Physics::CureState &s, const double t) {
                           return s.time < t;
                         });
      if (later == syringe_history.end())
        return syringe_history.back().alpha;
      if (later == syringe_history.begin())
        return later->alpha;
      const auto   before = later - 1;
      const double w = (seconds - before->time) / (later->time - before->time);
      return before->alpha + w * (later->alpha - before->alpha);
    }



    double HeatAndCure::marrow_viscosity_factor(const CellInfo &cell) const
    {
      if (!parameters.marrow_cooling)
        return 1.;
      return Physics::marrow_cooling_factor(
        temperature_field.local_element(cell.saturation_index) - zero_celsius);
    }



    double HeatAndCure::cure_after(const double alpha,
                                   const double temperature,
                                   const double duration) const
    {
      if (duration <= 0)
        return alpha;
      return Physics::cure_state_after(
               kinetics,
               {0, std::max(alpha, parameters.kinetics.seed), temperature},
               duration,
               0)
        .alpha;
    }



    double HeatAndCure::viscosity_factor(const CellInfo &cell) const
    {
      return viscosity_factor(cure_field.local_element(cell.saturation_index),
                              temperature_field.local_element(
                                cell.saturation_index));
    }



    double HeatAndCure::viscosity_factor(const double alpha,
                                         const double temperature) const
    {
      if (equivalent_age)
        return chemorheology.aged_scale(equivalent_age->minutes(alpha),
                                        temperature);
      return chemorheology.chemorheology_scale(alpha, temperature);
    }



    void HeatAndCure::advance(const FlowStep &flow, const double time_step)
    {
      if (time_step <= 0)
        return;
      std::vector<double> before(flow.n_owned_cells);
      for (unsigned int c = 0; c < flow.n_owned_cells; ++c)
        before[c] =
          temperature_field.local_element(flow.cells[c].saturation_index);
      transport_cure(flow, time_step);
      conduct(flow, time_step);
      react(flow, time_step);
      remember_capacities(flow.cells, flow.saturation);
      for (unsigned int c = 0; c < flow.n_owned_cells; ++c)
        dose[c].add(before[c] - zero_celsius,
                    temperature_field.local_element(
                      flow.cells[c].saturation_index) -
                      zero_celsius,
                    time_step);
      temperature_field.update_ghost_values();
      cure_field.update_ghost_values();
    }



    void HeatAndCure::transport_cure(const FlowStep &flow,
                                     const double    time_step)
    {
      // The implicit upwind scheme of the saturation applied to phi S alpha
      // with the new saturation known: per cell
      //   a (S alpha - S_old alpha_old) + out f(S) alpha
      //     = sum_in F f_up alpha_up + q alpha_syringe + v alpha_old,
      // a = phi V / dt, v the cement coming back from the veins (taken at
      // the cell's old cure). Cells in flow order see their upstream
      // neighbours' new values; passes repeat until the ghosts settle.
      const LinearAlgebra::distributed::Vector<double> old_cure(cure_field);
      const double injected   = syringe_cure(flow.minutes_after_mixing);
      const auto   solve_cell = [&](const unsigned int c) {
        const CellInfo    &cell = flow.cells[c];
        const unsigned int i    = cell.saturation_index;
        const double       s    = flow.saturation.local_element(i);
        // Traces of cement (round-off of the upwind scheme) carry no cure;
        // most cells have none, so they cost one comparison.
        if (s <= 1e-8)
          return 0.;
        const double s_old    = flow.old_saturation.local_element(i);
        const double a        = cell.porosity * cell.volume / time_step;
        double       vein_out = 0, vein_cement = 0;
        flow.vein_exchange(c, vein_out, vein_cement);
        double outflow = vein_out;
        double numerator =
          a * s_old * old_cure.local_element(i) +
          flow.injection_rate * flow.source_share[c] * injected +
          vein_cement * old_cure.local_element(i);
        for (const auto &[f, sign] : flow.cell_faces[c])
          {
            const FaceInfo &face = flow.faces[f];
            const double    out  = sign * face.flux;
            if (out > 0)
              outflow += out;
            else if (face.zone == numbers::invalid_unsigned_int)
              {
                const unsigned int up = face.cells[sign > 0 ? 1 : 0];
                numerator -=
                  out * flow.cement_fraction[up] *
                  cure_field.local_element(flow.cells[up].saturation_index);
              }
          }
        const double denominator = a * s + outflow * flow.cement_fraction[c];
        return denominator > 0 ? std::clamp(numerator / denominator, 0., 1.) :
                                   0.;
      };

      for (unsigned int pass = 0; pass < 200; ++pass)
        {
          for (const std::vector<unsigned int> &component : flow.flow_order)
            for (unsigned int sweep = 0;
                 sweep < (component.size() > 1 ? 20u : 1u);
                 ++sweep)
              for (const unsigned int c : component)
                cure_field.local_element(flow.cells[c].saturation_index) =
                  solve_cell(c);
          double              change = 0;
          std::vector<double> before(flow.cells.size() - flow.n_owned_cells);
          for (unsigned int g = flow.n_owned_cells; g < flow.cells.size(); ++g)
            before[g - flow.n_owned_cells] =
              cure_field.local_element(flow.cells[g].saturation_index);
          cure_field.update_ghost_values();
          for (unsigned int g = flow.n_owned_cells; g < flow.cells.size(); ++g)
            change = std::max(change,
                              std::abs(cure_field.local_element(
                                         flow.cells[g].saturation_index) -
                                       before[g - flow.n_owned_cells]));
          if (Utilities::MPI::max(change, communicator) <= 1e-12)
            return;
        }
      throw SimulationError(
        "The transport of the degree of cure did not settle across the "
        "ranks in 200 passes.");
    }



    double HeatAndCure::heat_capacity(const CellInfo &cell,
                                      const double    s) const
    {
      const HeatAndCureParameters &p   = parameters;
      const double                 phi = cell.porosity;
      return (1 - phi) * p.bone_heat_capacity +
             phi *
               (s * p.cement_heat_capacity + (1 - s) * p.marrow_heat_capacity);
    }



    void HeatAndCure::setup_matrix(const FlowStep &flow)
    {
      // One row per owned cell, coupled to the cells across its interior
      // faces; the mesh does not change while heat is modelled.
      owned_cells = temperature_field.locally_owned_elements();
      const auto            &partitioner = *temperature_field.get_partitioner();
      DynamicSparsityPattern pattern(owned_cells);
      for (unsigned int c = 0; c < flow.n_owned_cells; ++c)
        {
          const auto row =
            partitioner.local_to_global(flow.cells[c].saturation_index);
          pattern.add(row, row);
          for (const auto &[f, sign] : flow.cell_faces[c])
            {
              const FaceInfo &face = flow.faces[f];
              if (face.zone == numbers::invalid_unsigned_int)
                pattern.add(
                  row,
                  partitioner.local_to_global(
                    flow.cells[face.cells[sign > 0 ? 1 : 0]].saturation_index));
            }
        }
      matrix.reinit(owned_cells, owned_cells, pattern, communicator);
      rhs.reinit(owned_cells, communicator);
      solution.reinit(owned_cells, communicator);
      matrix_ready = true;
    }



    void HeatAndCure::conduct(const FlowStep &flow, const double time_step)
    {
      // Backward Euler for the energy of each owned cell, in the excess
      // temperature theta = T - T_body (so blood, exits and the arterial
      // supply at body temperature bring none):
      //   V (C theta - C_old theta_old) / dt + sum_out F c_f theta
      //     - sum_in F c_f,up theta_up + sum_faces K (theta - theta_n)
      //     + (exit conduction + Pennes + veins) theta
      //   = q c_c theta_syringe + returning vein cement c_c theta_old,
      // c_f the heat capacity of the fluid leaving a cell (cement fraction
      // f(S) of it). Each face's energy flux appears with opposite signs in
      // its two cells, so the energy is conserved by construction; the
      // matrix is an M-matrix, so the temperature stays monotone.
      const HeatAndCureParameters &p = parameters;
      if (!matrix_ready)
        setup_matrix(flow);
      const auto         &partitioner = *temperature_field.get_partitioner();
      const double        body        = p.body_temperature;
      const unsigned int  n_rel       = flow.cells.size();
      std::vector<double> conductivity(n_rel), fluid_capacity(n_rel);
      // Ghost indices take a search to map; map each cell once.
      std::vector<types::global_dof_index> global(n_rel);
      for (unsigned int c = 0; c < n_rel; ++c)
        {
          global[c] =
            partitioner.local_to_global(flow.cells[c].saturation_index);
          const double phi = flow.cells[c].porosity;
          const double s =
            flow.saturation.local_element(flow.cells[c].saturation_index);
          conductivity[c] =
            (1 - phi) * p.bone_conductivity +
            phi * (s * p.cement_conductivity + (1 - s) * p.marrow_conductivity);
          const double f = flow.cement_fraction[c];
          fluid_capacity[c] =
            f * p.cement_heat_capacity + (1 - f) * p.marrow_heat_capacity;
        }

      // What the face loop below reads of each face, packed: the faces are
      // visited in cell order, from both sides, and the full FaceInfo (with
      // its flux operators) would miss the cache on every visit.
      struct PackedFace
      {
        std::array<unsigned int, 2> cells;
        unsigned int                zone;
        double                      flux, area;
        std::array<double, 2>       distance;
      };
      std::vector<PackedFace> packed(flow.faces.size());
      for (unsigned int f = 0; f < flow.faces.size(); ++f)
        {
          const FaceInfo &face = flow.faces[f];
          packed[f]            = {
                       face.cells, face.zone, face.flux, face.area, face.distance};
        }

      // Per owned cell, the losses per kelvin of excess temperature
      // [W/K] and the returning vein cement [W/K], kept for the budget.
      std::vector<double> exit_loss(flow.n_owned_cells),
        vein_loss(flow.n_owned_cells), vein_return(flow.n_owned_cells),
        blood_loss(flow.n_owned_cells);
      matrix = 0;
      std::vector<types::global_dof_index> columns;
      std::vector<double>                  values;
      std::vector<double>                  rhs_values(flow.n_owned_cells),
        start_values(flow.n_owned_cells);
      for (unsigned int c = 0; c < flow.n_owned_cells; ++c)
        {
          const CellInfo    &cell = flow.cells[c];
          const unsigned int i    = cell.saturation_index;
          const double       s    = flow.saturation.local_element(i);
          const double theta_old  = temperature_field.local_element(i) - body;
          columns.assign(1, global[c]);
          values.assign(1, cell.volume * heat_capacity(cell, s) / time_step);
          const auto couple = [&](const unsigned int n, const double w) {
            const auto column = global[n];
            const auto at = std::find(columns.begin(), columns.end(), column);
            if (at == columns.end())
              {
                columns.push_back(column);
                values.push_back(-w);
              }
            else
              values[at - columns.begin()] -= w;
          };
          for (const auto &[f, sign] : flow.cell_faces[c])
            {
              const PackedFace  &face = packed[f];
              const double       out  = sign * face.flux;
              const unsigned int side = sign > 0 ? 0 : 1;
              if (out > 0)
                values[0] += out * fluid_capacity[c];
              if (face.zone == numbers::invalid_unsigned_int)
                {
                  const unsigned int n = face.cells[1 - side];
                  const double       conduction =
                    face.area / (face.distance[side] / conductivity[c] +
                                 face.distance[1 - side] / conductivity[n]);
                  values[0] += conduction;
                  couple(n, conduction);
                  if (out < 0)
                    couple(n, -out * fluid_capacity[n]);
                }
              else
                {
                  // The exit conducts to the body temperature beyond it;
                  // what flows in through it comes at that temperature.
                  const double conduction =
                    face.area * conductivity[c] / face.distance[0];
                  values[0] += conduction;
                  exit_loss[c] +=
                    conduction + std::max(out, 0.) * fluid_capacity[c];
                }
            }
          double vein_out = 0, vein_cement = 0;
          flow.vein_exchange(c, vein_out, vein_cement);
          vein_loss[c]   = vein_out * fluid_capacity[c];
          vein_return[c] = vein_cement * p.cement_heat_capacity;
          values[0] += vein_loss[c];
          if (!flow.perfused)
            {
              blood_loss[c] = p.perfusion_rate * p.blood_heat_capacity *
                              (1 - s) * cell.volume;
              values[0] += blood_loss[c];
            }
          matrix.set(columns[0], columns, values);
          const double injected = flow.injection_rate * flow.source_share[c] *
                                  p.cement_heat_capacity *
                                  (p.syringe_temperature - body);
          rhs_values[c] =
            cell.volume *
              heat_capacity(cell, flow.old_saturation.local_element(i)) *
              theta_old / time_step +
            injected + vein_return[c] * theta_old;
          start_values[c] = theta_old;
          flows[1] += injected * time_step;
          flows[3] -= vein_return[c] * theta_old * time_step;
        }
      matrix.compress(VectorOperation::insert);
      const std::vector<types::global_dof_index> owned_rows(
        global.begin(), global.begin() + flow.n_owned_cells);
      rhs.set(owned_rows, rhs_values);
      rhs.compress(VectorOperation::insert);
      solution.set(owned_rows, start_values);
      solution.compress(VectorOperation::insert);
      last_iterations = solver.solve(matrix, solution, rhs, 1e-12, 1000, 2.);

      std::vector<double> theta_new(flow.n_owned_cells);
      solution.extract_subvector_to(owned_rows, theta_new);
      for (unsigned int c = 0; c < flow.n_owned_cells; ++c)
        {
          const unsigned int i               = flow.cells[c].saturation_index;
          const double       theta           = theta_new[c];
          temperature_field.local_element(i) = body + theta;
          flows[2] += exit_loss[c] * theta * time_step;
          flows[3] += vein_loss[c] * theta * time_step;
          flows[4] += blood_loss[c] * theta * time_step;
        }
    }



    void HeatAndCure::react(const FlowStep &flow, const double time_step)
    {
      // The exotherm and the cure of each cell's cement over the step, at
      // the temperature the transport left (adiabatic within the step).
      const HeatAndCureParameters &p = parameters;
      for (unsigned int c = 0; c < flow.n_owned_cells; ++c)
        {
          const CellInfo    &cell   = flow.cells[c];
          const unsigned int i      = cell.saturation_index;
          const double       s      = flow.saturation.local_element(i);
          const double       cement = cell.porosity * s;
          if (cement <= 1e-8)
            continue;
          const double             capacity = heat_capacity(cell, s);
          const double             T   = temperature_field.local_element(i);
          const Physics::CureState end = Physics::cure_state_after(
            kinetics,
            {0., cure_field.local_element(i), T},
            time_step,
            p.cement_density * p.kinetics.heat_of_reaction * cement / capacity);
          cure_field.local_element(i)        = end.alpha;
          temperature_field.local_element(i) = end.temperature;
          flows[0] += cell.volume * capacity * (end.temperature - T);
        }
    }



    const LinearAlgebra::distributed::Vector<double> &
    HeatAndCure::temperature() const
    {
      return temperature_field;
    }



    const LinearAlgebra::distributed::Vector<double> &HeatAndCure::cure() const
    {
      return cure_field;
    }



    const std::vector<Physics::ThermalDose> &HeatAndCure::doses() const
    {
      return dose;
    }



    HeatAndCure::Extremes HeatAndCure::extremes() const
    {
      Extremes e{0, 0, 0, 0, 0, 0, last_iterations};
      for (unsigned int c = 0; c < dose.size(); ++c)
        {
          e.peak_temperature =
            std::max(e.peak_temperature, dose[c].peak() + zero_celsius);
          e.cem43  = std::max(e.cem43, dose[c].cem43());
          e.damage = std::max(e.damage, dose[c].damage());
          e.seconds_above_50 =
            std::max(e.seconds_above_50, dose[c].seconds_above_50());
        }
      for (unsigned int i = 0; i < temperature_field.locally_owned_size(); ++i)
        {
          e.temperature =
            std::max(e.temperature, temperature_field.local_element(i));
          e.cure = std::max(e.cure, cure_field.local_element(i));
        }
      e.temperature = Utilities::MPI::max(e.temperature, communicator);
      e.peak_temperature =
        Utilities::MPI::max(std::max(e.peak_temperature, e.temperature),
                            communicator);
      e.cure   = Utilities::MPI::max(e.cure, communicator);
      e.cem43  = Utilities::MPI::max(e.cem43, communicator);
      e.damage = Utilities::MPI::max(e.damage, communicator);
      e.seconds_above_50 =
        Utilities::MPI::max(e.seconds_above_50, communicator);
      return e;
    }



    HeatAndCure::EnergyBudget HeatAndCure::energy_budget() const
    {
      // The stored heat: V C (T - T_body) over the owned cells, with the
      // heat capacity of the cell's present saturation.
      double stored = 0;
      for (unsigned int c = 0; c < stored_capacity.size(); ++c)
        stored +=
          stored_capacity[c] * (temperature_field.local_element(cell_index[c]) -
                                parameters.body_temperature);
      std::vector<double> local(flows), sums(flows.size() + 1);
      local.push_back(stored);
      Utilities::MPI::sum(local, communicator, sums);
      EnergyBudget b;
      b.released = sums[0];
      b.injected = sums[1];
      b.exits    = sums[2];
      b.veins    = sums[3];
      b.blood    = sums[4];
      b.stored   = sums[5];
      b.imbalance =
        b.stored - (b.released + b.injected - b.exits - b.veins - b.blood);
      return b;
    }



    std::vector<double>
    HeatAndCure::cell_checkpoint_values(const unsigned int cell) const
    {
      const unsigned int  i      = cell_index[cell];
      const auto          state  = dose[cell].state();
      std::vector<double> values = {temperature_field.local_element(i),
                                    cure_field.local_element(i)};
      values.insert(values.end(), state.begin(), state.end());
      return values;
    }



    double HeatAndCure::cell_heat_capacity(const unsigned int cell) const
    {
      return stored_capacity[cell];
    }



    std::vector<double> HeatAndCure::flow_totals() const
    {
      std::vector<double> sums(flows.size());
      Utilities::MPI::sum(flows, communicator, sums);
      return sums;
    }



    void HeatAndCure::restore(
      const std::vector<std::vector<double>>                   &values,
      const std::vector<double>                                &totals,
      const std::vector<CellInfo>                              &cells,
      const dealii::LinearAlgebra::distributed::Vector<double> &saturation)
    {
      AssertThrow(values.size() == dose.size() && totals.size() == flows.size(),
                  ExcMessage("The checkpoint's heat fields do not fit the "
                             "mesh."));
      for (unsigned int c = 0; c < values.size(); ++c)
        {
          const unsigned int i               = cell_index[c];
          temperature_field.local_element(i) = values[c][0];
          cure_field.local_element(i)        = values[c][1];
          Physics::ThermalDose::State state;
          std::copy(values[c].begin() + 2, values[c].end(), state.begin());
          dose[c].restore(state);
        }
      temperature_field.update_ghost_values();
      cure_field.update_ghost_values();
      remember_capacities(cells, saturation);
      // The flows are the run's totals: one rank holds them.
      const bool first = Utilities::MPI::this_mpi_process(communicator) == 0;
      for (unsigned int k = 0; k < flows.size(); ++k)
        flows[k] = first ? totals[k] : 0;
    }



    double HeatAndCure::largest_cem43(const std::vector<bool> &selected) const
    {
      double largest = 0;
      for (unsigned int c = 0; c < dose.size() && c < selected.size(); ++c)
        if (selected[c])
          largest = std::max(largest, dose[c].cem43());
      return Utilities::MPI::max(largest, communicator);
    }
  } // namespace Thermal
} // namespace cementflow
