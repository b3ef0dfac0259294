#include "thermal/heat_and_cure.h"

#include "errors.h"

#include <deal.II/base/mpi.h>

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
    {
      if (parameters.enabled)
        // The cure in the syringe, isothermal, for up to two hours.
        syringe_history =
          Physics::cure_well_mixed(kinetics,
                                   parameters.kinetics.seed,
                                   parameters.syringe_temperature,
                                   7200,
                                   0);
    }



    bool HeatAndCure::enabled() const
    {
      return parameters.enabled;
    }



    void HeatAndCure::setup(
      const LinearAlgebra::distributed::Vector<double> &cell_vector)
    {
      // One value per cell: as many owned entries as owned cells.
      const unsigned int n_owned_cells = cell_vector.locally_owned_size();
      temperature_field.reinit(cell_vector);
      cure_field.reinit(cell_vector);
      temperature_field = parameters.body_temperature;
      cure_field        = 0;
      temperature_field.update_ghost_values();
      cure_field.update_ghost_values();
      dose.assign(n_owned_cells, Physics::ThermalDose(parameters.damage));
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



    double HeatAndCure::viscosity_factor(const CellInfo &cell) const
    {
      return chemorheology.chemorheology_scale(
        cure_field.local_element(cell.saturation_index),
        temperature_field.local_element(cell.saturation_index));
    }



    void HeatAndCure::advance(const FlowStep &flow, const double time_step)
    {
      if (time_step <= 0)
        return;
      transport_cure(flow, time_step);
      conduct_and_react(flow, time_step);
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
        const CellInfo    &cell     = flow.cells[c];
        const unsigned int i        = cell.saturation_index;
        const double       s        = flow.saturation.local_element(i);
        const double       s_old    = flow.old_saturation.local_element(i);
        const double       a        = cell.porosity * cell.volume / time_step;
        double             vein_out = 0, vein_cement = 0;
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
        // Traces of cement (round-off of the upwind scheme) carry no cure.
        const double denominator = a * s + outflow * flow.cement_fraction[c];
        return s > 1e-8 && denominator > 0 ?
                   std::clamp(numerator / denominator, 0., 1.) :
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



    void HeatAndCure::conduct_and_react(const FlowStep &flow,
                                        const double    time_step)
    {
      const HeatAndCureParameters &p     = parameters;
      const unsigned int           n_rel = flow.cells.size();
      const unsigned int           n_own = flow.n_owned_cells;
      std::vector<double>          heat_capacity(n_rel), conductivity(n_rel);
      for (unsigned int c = 0; c < n_rel; ++c)
        {
          const double phi = flow.cells[c].porosity;
          const double s =
            flow.saturation.local_element(flow.cells[c].saturation_index);
          heat_capacity[c] = (1 - phi) * p.bone_heat_capacity +
                             phi * (s * p.cement_heat_capacity +
                                    (1 - s) * p.marrow_heat_capacity);
          conductivity[c] =
            (1 - phi) * p.bone_conductivity +
            phi * (s * p.cement_conductivity + (1 - s) * p.marrow_conductivity);
        }
      // Per owned cell the coefficients of
      //   C V dT/dt = sum_k w_k (T_k - T) + exotherm,
      // with T_k a neighbour (interior faces), the body temperature (exits,
      // blood) or the syringe temperature (injection).
      struct Term
      {
        unsigned int neighbour; // invalid: the fixed temperature
        double       weight;    // [W/K]
        double       fixed;     // [K]
      };
      std::vector<std::vector<Term>> terms(n_own);
      double                         stable = time_step;
      for (unsigned int c = 0; c < n_own; ++c)
        {
          const CellInfo &cell = flow.cells[c];
          const double s = flow.saturation.local_element(cell.saturation_index);
          double       total = 0;
          const auto   add =
            [&](const unsigned int n, const double w, const double fixed) {
              if (w > 0)
                {
                  terms[c].push_back({n, w, fixed});
                  total += w;
                }
            };
          for (const auto &[f, sign] : flow.cell_faces[c])
            {
              const FaceInfo    &face = flow.faces[f];
              const double       out  = sign * face.flux;
              const unsigned int side = sign > 0 ? 0 : 1;
              if (face.zone == numbers::invalid_unsigned_int)
                {
                  const unsigned int n = face.cells[1 - side];
                  const double       conduction =
                    face.area / (face.distance[side] / conductivity[c] +
                                 face.distance[1 - side] / conductivity[n]);
                  add(n, conduction, 0);
                  if (out < 0)
                    {
                      const double f = flow.cement_fraction[n];
                      add(n,
                          -out * (f * p.cement_heat_capacity +
                                  (1 - f) * p.marrow_heat_capacity),
                          0);
                    }
                }
              else
                {
                  add(numbers::invalid_unsigned_int,
                      face.area * conductivity[c] / face.distance[0],
                      p.body_temperature);
                  if (out < 0)
                    add(numbers::invalid_unsigned_int,
                        -out * p.marrow_heat_capacity,
                        p.body_temperature);
                }
            }
          add(numbers::invalid_unsigned_int,
              flow.injection_rate * flow.source_share[c] *
                p.cement_heat_capacity,
              p.syringe_temperature);
          if (flow.perfused)
            add(numbers::invalid_unsigned_int,
                flow.perfusion_inflow(c) * p.blood_heat_capacity,
                p.body_temperature);
          else
            add(numbers::invalid_unsigned_int,
                p.perfusion_rate * p.blood_heat_capacity * (1 - s) *
                  cell.volume,
                p.body_temperature);
          if (total > 0)
            stable =
              std::min(stable, 0.9 * heat_capacity[c] * cell.volume / total);
        }
      stable = Utilities::MPI::min(stable, communicator);
      last_sub_steps =
        static_cast<unsigned int>(std::ceil(time_step / stable - 1e-9));
      const double h = time_step / last_sub_steps;

      std::vector<double> next(n_own);
      for (unsigned int step = 0; step < last_sub_steps; ++step)
        {
          for (unsigned int c = 0; c < n_own; ++c)
            {
              const double T =
                temperature_field.local_element(flow.cells[c].saturation_index);
              double heat = 0;
              for (const Term &term : terms[c])
                heat += term.weight *
                        ((term.neighbour == numbers::invalid_unsigned_int ?
                            term.fixed :
                            temperature_field.local_element(
                              flow.cells[term.neighbour].saturation_index)) -
                         T);
              next[c] =
                T + h * heat / (heat_capacity[c] * flow.cells[c].volume);
            }
          for (unsigned int c = 0; c < n_own; ++c)
            {
              const CellInfo    &cell = flow.cells[c];
              const unsigned int i    = cell.saturation_index;
              double             T    = next[c];
              // The exotherm of the cement in the cell, with the cure.
              const double cement =
                cell.porosity * flow.saturation.local_element(i);
              if (cement > 1e-8)
                {
                  const Physics::CureState end = Physics::cure_state_after(
                    kinetics,
                    {0., cure_field.local_element(i), T},
                    h,
                    p.cement_density * p.kinetics.heat_of_reaction * cement /
                      heat_capacity[c]);
                  cure_field.local_element(i) = end.alpha;
                  T                           = end.temperature;
                }
              const double before = temperature_field.local_element(i);
              temperature_field.local_element(i) = T;
              dose[c].add(before - zero_celsius, T - zero_celsius, h);
            }
          temperature_field.update_ghost_values();
        }
      cure_field.update_ghost_values();
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
      Extremes e{0, 0, 0, 0, 0, 0, last_sub_steps};
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
