#include "physics/curing.h"

#include "physics/constants.h"
#include "viscosity_table.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;


    void CuringParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Curing");
      {
        prm.declare_entry(
          "Model",
          "none",
          Patterns::Selection("none|exponential|table|degree of cure"),
          "How the viscosity grows after mixing: none; exponential, "
          "exp((t - t_ref)/tau); table, from rheometer data in a CSV file; "
          "degree of cure, first-order cure kinetics with a viscosity that "
          "diverges at the gel point. The rheology parameters above hold at "
          "the reference time. Units: none.");
        prm.declare_entry("Reference time",
                          "0",
                          Patterns::Double(0., 1000.),
                          "Time after mixing at which the rheology parameters "
                          "above hold. Units: min.");
        prm.declare_entry(
          "Time constant",
          "3.1",
          Patterns::Double(1e-3, 1000.),
          "tau of the exponential model. 3.1 min makes the needle pressure of "
          "a Newtonian cement at constant rate rise from 1.2 to 2.3 MPa in "
          "2 min, as in Baroud et al. 2004 (physics-reference.md 8.5, an "
          "order-of-magnitude calibration). Units: min.");
        prm.declare_entry(
          "Table file",
          "",
          Patterns::Anything(),
          "CSV file of rheometer data for the table model: two columns, time "
          "after mixing (min) and viscosity (Pa s), one row per line, times "
          "increasing; a first line that is not numbers is a header. A "
          "relative path is looked for in the working directory, then beside "
          "the parameter file. Units: none.");
        prm.declare_entry(
          "Rate constant",
          "0.1",
          Patterns::Double(1e-6, 100.),
          "k of the degree-of-cure model, d alpha/dt = k (1 - alpha), at the "
          "reference temperature. No measured value is in our reference. "
          "Units: 1/min.");
        prm.declare_entry("Gel point",
                          "0.8",
                          Patterns::Double(0.01, 1.),
                          "Degree of cure alpha_g at which the viscosity "
                          "diverges. No measured value is in our reference. "
                          "Units: none.");
        prm.declare_entry("Gel exponent A",
                          "1.5",
                          Patterns::Double(0., 20.),
                          "A in (alpha_g / (alpha_g - alpha))^(A + B alpha). "
                          "Units: none.");
        prm.declare_entry("Gel exponent B",
                          "0",
                          Patterns::Double(-20., 20.),
                          "B in (alpha_g / (alpha_g - alpha))^(A + B alpha). "
                          "Units: none.");
        prm.declare_entry(
          "Temperature",
          "22",
          Patterns::Double(-20., 60.),
          "Temperature of the cement batch (syringe, cannula and bone alike; "
          "warming in the body is not modelled). 22 C: the room temperature "
          "of the handling-time data of BMC Musculoskelet Disord 2012;13:198. "
          "Units: C.");
        prm.declare_entry("Reference temperature",
                          "22",
                          Patterns::Double(-20., 60.),
                          "Temperature at which the rheology and cure "
                          "parameters hold. Units: C.");
        prm.declare_entry(
          "Cure activation energy",
          "21.7",
          Patterns::Double(0., 500.),
          "Arrhenius activation energy of the cure rate. 21.7 kJ/mol makes the "
          "cure 1.8 times slower at 4 C than at 22 C, the mean ratio of the "
          "liquid, paste and handling times of BMC Musculoskelet Disord "
          "2012;13:198 (9.4/5.1, 5.8/3.4, 15.2/8.5 min). Nicholas et al. 2007 "
          "(cure rates halved between 25 and 37 C) would imply about 44 "
          "kJ/mol. Units: kJ/mol.");
        prm.declare_entry(
          "Viscosity activation energy",
          "0",
          Patterns::Double(0., 500.),
          "Arrhenius activation energy of the viscosity itself (warmer is "
          "thinner). No value was found for PMMA cement (physics-reference.md "
          "2.3): 0 turns the shift off. Units: kJ/mol.");
        prm.declare_entry(
          "Maximum viscosity",
          "7.5e4",
          Patterns::Double(1., 1e9),
          "The viscosity of set cement, an upper bound on the viscosity: "
          "7.5e4 Pa s reached by all three cements of Nicholas et al. 2007. "
          "Units: Pa s.");
      }
      prm.leave_subsection();
    }



    void CuringParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Curing");
      {
        model          = prm.get("Model");
        reference_time = prm.get_double("Reference time");
        time_constant  = prm.get_double("Time constant");
        table_file     = prm.get("Table file");
        rate_constant  = prm.get_double("Rate constant");
        gel_point      = prm.get_double("Gel point");
        gel_exponent_a = prm.get_double("Gel exponent A");
        gel_exponent_b = prm.get_double("Gel exponent B");
        temperature    = prm.get_double("Temperature") + zero_celsius;
        reference_temperature =
          prm.get_double("Reference temperature") + zero_celsius;
        cure_activation_energy = prm.get_double("Cure activation energy") * 1e3;
        viscosity_activation_energy =
          prm.get_double("Viscosity activation energy") * 1e3;
        maximum_viscosity = prm.get_double("Maximum viscosity");

        if (model == "table")
          {
            AssertThrow(!table_file.empty(),
                        ExcMessage("Curing/Model = table needs a Table file "
                                   "(CSV: time after mixing in min, viscosity "
                                   "in Pa s)."));
            table = read_viscosity_table(table_file);
            AssertThrow(
              reference_time >= table.front().first &&
                reference_time <= table.back().first,
              ExcMessage(
                "Curing/Reference time (" + std::to_string(reference_time) +
                " min) lies outside the times of the table <" + table_file +
                "> (" + std::to_string(table.front().first) + " to " +
                std::to_string(table.back().first) + " min)."));
          }
        if (model == "degree of cure")
          AssertThrow(1. - std::exp(-rate_constant * reference_time) <
                        gel_point,
                      ExcMessage("Curing: the cement has gelled before the "
                                 "Reference time; choose an earlier reference "
                                 "time or a smaller Rate constant."));
      }
      prm.leave_subsection();
    }



    Curing::Curing(const CuringParameters &parameters)
      : parameters(parameters)
    {}



    double Curing::effective_time(const double minutes) const
    {
      const double shift = std::exp(
        -parameters.cure_activation_energy / gas_constant *
        (1. / parameters.temperature - 1. / parameters.reference_temperature));
      return shift * minutes;
    }



    double Curing::degree_of_cure(const double minutes) const
    {
      return -std::expm1(-parameters.rate_constant * effective_time(minutes));
    }



    double Curing::gel_function(const double alpha) const
    {
      const double alpha_g = parameters.gel_point;
      if (alpha >= alpha_g)
        return std::numeric_limits<double>::infinity();
      return std::pow(alpha_g / (alpha_g - alpha),
                      parameters.gel_exponent_a +
                        parameters.gel_exponent_b * alpha);
    }



    double Curing::table_viscosity(const double minutes) const
    {
      const auto &table = parameters.table;
      if (minutes <= table.front().first)
        return table.front().second;
      if (minutes >= table.back().first)
        return table.back().second;
      const auto upper =
        std::upper_bound(table.begin(),
                         table.end(),
                         minutes,
                         [](const double                     t,
                            const std::pair<double, double> &row) {
                           return t < row.first;
                         });
      const auto   lower = upper - 1;
      const double w = (minutes - lower->first) / (upper->first - lower->first);
      return std::exp((1 - w) * std::log(lower->second) +
                      w * std::log(upper->second));
    }



    double Curing::cure_factor(const double t) const
    {
      const double t_ref = parameters.reference_time;
      if (parameters.model == "exponential")
        return std::exp((t - t_ref) / parameters.time_constant);
      if (parameters.model == "table")
        return table_viscosity(t) / table_viscosity(t_ref);
      if (parameters.model == "degree of cure")
        return gel_function(-std::expm1(-parameters.rate_constant * t)) /
               gel_function(-std::expm1(-parameters.rate_constant * t_ref));
      return 1.;
    }



    double Curing::viscosity_shift(const double temperature) const
    {
      return std::exp(
        parameters.viscosity_activation_energy / gas_constant *
        (1. / temperature - 1. / parameters.reference_temperature));
    }



    double Curing::chemorheology_scale(const double alpha,
                                       const double temperature) const
    {
      return viscosity_shift(temperature) * gel_function(std::max(alpha, 0.)) /
             gel_function(0.);
    }



    double Curing::aged_scale(const double effective_minutes,
                              const double temperature) const
    {
      return viscosity_shift(temperature) * cure_factor(effective_minutes);
    }



    double Curing::viscosity_scale(const double minutes) const
    {
      return viscosity_shift(parameters.temperature) *
             cure_factor(effective_time(minutes));
    }



    double Curing::maximum_viscosity() const
    {
      return parameters.maximum_viscosity;
    }
  } // namespace Physics
} // namespace cementflow
