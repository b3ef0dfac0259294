#include "errors.h"
#include "numerics/anderson_acceleration.h"
#include "simulator.h"

#include <deal.II/base/quadrature.h>
#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  void Simulator::compute_centre_gradients()
  {
    const Quadrature<3> centre(Point<3>(0.5, 0.5, 0.5));
    FEValues<3>         fe_values(pressure_fe, centre, update_gradients);
    centre_gradient.resize(cells.size());
    cell_permeability.resize(cells.size());
    for (unsigned int c = 0; c < cells.size(); ++c)
      {
        fe_values.reinit(cells[c].pressure_cell);
        for (unsigned int j = 0; j < 8; ++j)
          for (unsigned int d = 0; d < 3; ++d)
            centre_gradient[c][3 * j + d] = fe_values.shape_grad(j, 0)[d];
        cell_permeability[c] = {
          {cells[c].permeability_transverse, cells[c].permeability_axial}};
      }
  }



  void Simulator::update_viscosities()
  {
    // Each phase's viscosity at the shear rate it sees in the pores,
    // g = C u_a / sqrt(k phi), from its Darcy speed with the viscosity of
    // the last pressure solve, u_a = k_ra |K grad p| / mu_a. Updating from
    // the velocity (fixed by the injection rate) rather than from the
    // pressure gradient converges for every flow index: from the gradient,
    // the viscosity's scale would be multiplied by a power (1 - n)/n of the
    // last change, which diverges for n <= 1/2. k is the permeability along
    // the gradient, |K grad p| / |grad p|.
    for (unsigned int c = 0; c < cells.size(); ++c)
      {
        Tensor<1, 3> gradient;
        for (unsigned int j = 0; j < 8; ++j)
          {
            const double p =
              pressure.local_element(cells[c].pressure_indices[j]);
            for (unsigned int d = 0; d < 3; ++d)
              gradient[d] += centre_gradient[c][3 * j + d] * p;
          }
        const Tensor<1, 3> flux_density(
          {cell_permeability[c][0] * gradient[0],
           cell_permeability[c][0] * gradient[1],
           cell_permeability[c][1] * gradient[2]});
        const double k_grad_p     = flux_density.norm();
        const double permeability = gradient.norm() > 0 ?
                                      k_grad_p / gradient.norm() :
                                      cell_permeability[c][0];
        const double pore_scale   = std::sqrt(permeability * cells[c].porosity);
        const double s = saturation.local_element(cells[c].saturation_index);

        cement_shear_rate[c] = cement_shear_factor *
                               relative_permeability.cement(s) * k_grad_p /
                               (cement_viscosity[c] * pore_scale);
        cement_viscosity[c] =
          cement.viscosity(cement_shear_rate[c],
                           heat.enabled() ? heat.viscosity_factor(cells[c]) :
                                            viscosity_scale);
        const double marrow_shear_rate =
          marrow_shear_factor * relative_permeability.marrow(s) * k_grad_p /
          (marrow_viscosity[c] * pore_scale);
        marrow_viscosity[c] =
          marrow.viscosity(marrow_shear_rate) *
          (heat.enabled() ? heat.marrow_viscosity_factor(cells[c]) : 1.);
      }
  }



  void Simulator::solve_pressure_and_viscosity()
  {
    // Picard: viscosities from the last velocities, then a new pressure,
    // until the pressure stops changing. A Newtonian pair needs one solve.
    // The arterial supply follows the saturation and, for its shut-off where
    // the marrow's pressure exceeds the supply's (no backflow), the last
    // pressure: lagged by one step, as the mobilities are.
    const bool newtonian =
      cement.rheology().is_newtonian() && marrow.is_newtonian();
    const double lowest_exit = lowest_outlet_pressure();

    LinearAlgebra::distributed::Vector<double> previous(pressure);
    double                                     change = 0;
    update_viscosities();
    circulation.update_supply(bone_state());
    // Anderson acceleration of the Picard map on the logarithms of both
    // viscosities (positive whatever the mixing coefficients); the inner
    // product sums the owned cells over all ranks, so ghost cells follow
    // their owners.
    const std::size_t              n_cells = cells.size();
    Numerics::AndersonAcceleration anderson(
      parameters.numerics.viscosity_acceleration_depth,
      [this, n_cells](const std::vector<double> &a,
                      const std::vector<double> &b) {
        double sum = 0;
        for (unsigned int c = 0; c < n_owned_cells; ++c)
          sum += a[c] * b[c] + a[n_cells + c] * b[n_cells + c];
        return Utilities::MPI::sum(sum, communicator);
      });
    const auto log_viscosities = [&]() {
      std::vector<double> x(2 * n_cells);
      for (std::size_t c = 0; c < n_cells; ++c)
        {
          x[c]           = std::log(cement_viscosity[c]);
          x[n_cells + c] = std::log(marrow_viscosity[c]);
        }
      return x;
    };
    for (last_viscosity_iterations = 1;
         last_viscosity_iterations <=
         parameters.numerics.max_viscosity_iterations;
         ++last_viscosity_iterations)
      {
        update_mobilities();
        assemble_pressure_system();
        solve_pressure();
        if (newtonian)
          {
            update_viscosities();
            return;
          }
        const std::vector<double> solved_with =
          parameters.numerics.viscosity_acceleration_depth > 0 ?
            log_viscosities() :
            std::vector<double>();
        update_viscosities();

        double difference = 0, rise = 0;
        for (unsigned int i = 0; i < pressure.locally_owned_size(); ++i)
          {
            difference = std::max(difference,
                                  std::abs(pressure.local_element(i) -
                                           previous.local_element(i)));
            rise =
              std::max(rise, std::abs(pressure.local_element(i) - lowest_exit));
          }
        difference = Utilities::MPI::max(difference, communicator);
        rise       = Utilities::MPI::max(rise, communicator);
        change     = rise > 0 ? difference / rise : 0.;
        if (change <= parameters.numerics.viscosity_tolerance)
          return;
        previous = pressure;
        // Depth 0 is plain Picard: the updated viscosities as they are.
        if (parameters.numerics.viscosity_acceleration_depth == 0)
          continue;
        const std::vector<double> next =
          anderson.next(solved_with, log_viscosities());
        for (std::size_t c = 0; c < n_cells; ++c)
          {
            cement_viscosity[c] = std::exp(next[c]);
            marrow_viscosity[c] = std::exp(next[n_cells + c]);
          }
      }
    std::ostringstream message;
    message << "The viscosity iteration did not converge in "
            << parameters.numerics.max_viscosity_iterations
            << " pressure solves at t = " << time
            << " s: the pressure still changed by " << change
            << " of its rise (tolerance "
            << parameters.numerics.viscosity_tolerance
            << "). Raise Numerics/Maximum viscosity iterations or check the "
               "rheology (a flow index far below 1 converges slowly).";
    throw SimulationError(message.str());
  }



  double Simulator::cannula_pressure_drop(const double flow_rate) const
  {
    return cannula.pressure_drop(flow_rate, [this](const double stress) {
      return cement.shear_rate_for_stress(stress, viscosity_scale);
    });
  }



  void Simulator::solve_pressure_for_next_step()
  {
    TimerOutput::Scope scope(timer, "pressure: with viscosity and rate");

    // The cure clock of the batch: minutes since mixing.
    // With Heat and cure the cannula holds syringe cement.
    const double minutes = parameters.injection.start_after_mixing + time / 60.;
    viscosity_scale =
      heat.enabled() ?
        heat.viscosity_factor(heat.syringe_cure(minutes),
                              parameters.heat.syringe_temperature) :
        cement.scale(minutes);

    // A pause of the injection starts once its volume is reached; during it
    // the rate is zero and the cement keeps curing.
    if (pause_left <= 0 && next_pause < parameters.injection.pauses.size() &&
        injected_volume >=
          parameters.injection.pauses[next_pause].first * (1 - 1e-12))
      pause_left = parameters.injection.pauses[next_pause++].second;
    // Following the cement after the injection is the last pause.
    const double follow = parameters.injection.follow_after_injection;
    if (pause_left <= 0 && follow > 0 &&
        next_pause == parameters.injection.pauses.size() &&
        injected_volume >= parameters.injection.volume * (1 - 1e-12))
      {
        pause_left = follow;
        ++next_pause;
      }
    // The needle stays closed once a follow has run out.
    const bool followed =
      follow > 0 && next_pause > parameters.injection.pauses.size();
    const double nominal =
      pause_left > 0 || followed ? 0. : parameters.injection.rate;
    const double cap                   = parameters.injection.pressure_cap;
    const auto   injection_pressure_at = [this](const double flow_rate) {
      rate = flow_rate;
      solve_pressure_and_viscosity();
      // Each needle's cannula carries its share of the rate.
      cannula_drop = cannula_pressure_drop(flow_rate / needle_weights.size());
      injection_pressure = tip_pressure() + cannula_drop;
      return injection_pressure;
    };

    // Try the nominal rate first; under a cap, look for the rate at which
    // the injection pressure equals the cap (secant on log rate).
    const double at_nominal = injection_pressure_at(nominal);
    if (nominal == 0 || cap <= 0 || at_nominal <= cap || !stop_reason.empty())
      return;
    if (parameters.injection.cap_action == "stop")
      {
        stop_reason = "stopped at the pressure cap";
        return;
      }

    double r0 = nominal, p0 = at_nominal;
    double r1 = nominal * 0.5, p1 = injection_pressure_at(r1);
    for (unsigned int iteration = 0; iteration < 50; ++iteration)
      {
        if (std::abs(p1 - cap) <= 1e-6 * cap)
          break;
        double next = std::exp(std::log(r1) + (std::log(cap) - std::log(p1)) *
                                                (std::log(r1) - std::log(r0)) /
                                                (std::log(p1) - std::log(p0)));
        if (!std::isfinite(next) || next <= 0)
          next = 0.5 * r1;
        next = std::min(next, nominal);
        r0   = r1;
        p0   = p1;
        r1   = next;
        p1   = injection_pressure_at(r1);
        if (r1 < 1e-6 * nominal)
          break;
      }
    if (std::abs(p1 - cap) > 1e-3 * cap && r1 >= 1e-6 * nominal)
      throw SimulationError("Could not find the rate that keeps the injection "
                            "pressure at the cap of " +
                            std::to_string(cap * 1e-3) +
                            " kPa at t = " + std::to_string(time) + " s.");
    if (r1 < 1e-6 * nominal)
      stop_reason = "stopped at the pressure cap";
  }



  double Simulator::tip_viscosity() const
  {
    // The source-weighted mean of the cement viscosity over the source ball.
    double value = 0;
    for (const auto &[c, weights] : source_weights)
      if (c < n_owned_cells)
        value += source_share[c] * cement_viscosity[c];
    return Utilities::MPI::sum(value, communicator);
  }



  bool Simulator::pressure_update_due(const bool mesh_changed) const
  {
    const double threshold = parameters.numerics.pressure_update_change;
    if (threshold <= 0 || mesh_changed ||
        !parameters.injection.pauses.empty() ||
        parameters.injection.follow_after_injection > 0 ||
        parameters.injection.pressure_cap > 0 ||
        circulation.pressure_update_due(time, threshold))
      return true;
    // A curing cement's viscosity changes with time everywhere: the same
    // threshold, relative to the viscosity of the last solve.
    const double next_scale =
      cement.scale(parameters.injection.start_after_mixing + time / 60.);
    if (std::abs(next_scale - viscosity_scale) > threshold * viscosity_scale)
      return true;
    double change = 0;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      change =
        std::max(change,
                 std::abs(saturation.local_element(cells[c].saturation_index) -
                          saturation_at_pressure[c]));
    return Utilities::MPI::max(change, communicator) > threshold;
  }



  void Simulator::remember_saturation_at_pressure()
  {
    saturation_at_pressure.resize(n_owned_cells);
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      saturation_at_pressure[c] =
        saturation.local_element(cells[c].saturation_index);
  }
} // namespace cementflow
