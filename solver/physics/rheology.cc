#include "physics/rheology.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;

    namespace
    {
      bool allows(const std::string &models, const std::string &model)
      {
        return ("|" + models + "|").find("|" + model + "|") !=
               std::string::npos;
      }
    } // namespace



    void RheologyParameters::declare(ParameterHandler  &prm,
                                     const std::string &models,
                                     const std::string &default_viscosity,
                                     const std::string &viscosity_documentation)
    {
      prm.declare_entry(
        "Rheology",
        "newtonian",
        Patterns::Selection(models),
        "How the viscosity depends on the shear rate: newtonian (constant), "
        "power law (eta = K g^(n-1), g clipped to the shear-rate range), "
        "carreau, cross, or herschel-bulkley (regularised yield stress). "
        "Units: none.");
      prm.declare_entry("Viscosity",
                        default_viscosity,
                        Patterns::Double(1e-4, 1e7),
                        viscosity_documentation);
      prm.declare_entry(
        "Consistency",
        "100",
        Patterns::Double(1e-6, 1e8),
        "Consistency K of the power law and of Herschel-Bulkley, at the "
        "reference state. Units: Pa s^n.");
      prm.declare_entry("Flow index",
                        "1",
                        Patterns::Double(0.05, 2.),
                        "Flow index n of the power law, Herschel-Bulkley and "
                        "Carreau: below 1 the fluid thins under shear. "
                        "Units: none.");
      prm.declare_entry(
        "Minimum shear rate",
        "1e-3",
        Patterns::Double(1e-12, 1e6),
        "The power law and Herschel-Bulkley use shear rates clipped to "
        "[minimum, maximum], so that the viscosity stays finite at rest. "
        "Units: 1/s.");
      prm.declare_entry("Maximum shear rate",
                        "1e4",
                        Patterns::Double(1e-6, 1e12),
                        "Upper clip of the shear rate (see the minimum). "
                        "Units: 1/s.");
      if (allows(models, "carreau") || allows(models, "cross"))
        {
          prm.declare_entry("Zero-shear viscosity",
                            "100",
                            Patterns::Double(1e-4, 1e8),
                            "eta_0 of Carreau and Cross. Units: Pa s.");
          prm.declare_entry("Infinite-shear viscosity",
                            "0",
                            Patterns::Double(0., 1e8),
                            "eta_inf of Carreau and Cross. Units: Pa s.");
          prm.declare_entry("Time constant",
                            "1",
                            Patterns::Double(1e-8, 1e6),
                            "lambda of Carreau and Cross: the inverse of the "
                            "shear rate at which thinning sets in. Units: s.");
          prm.declare_entry("Cross exponent",
                            "1",
                            Patterns::Double(0.01, 1.),
                            "m of the Cross law; at most 1, so that the shear "
                            "stress grows with the shear rate. Units: none.");
        }
      if (allows(models, "herschel-bulkley"))
        {
          prm.declare_entry("Yield stress",
                            "0",
                            Patterns::Double(0., 1e7),
                            "tau_y of Herschel-Bulkley. No PMMA yield stress "
                            "was found in the literature (physics-reference.md "
                            "2.3). Units: Pa.");
          prm.declare_entry(
            "Regularisation",
            "1000",
            Patterns::Double(1e-3, 1e9),
            "Papanastasiou parameter r of Herschel-Bulkley: the yield term is "
            "tau_y (1 - exp(-r g)) / g. Larger is closer to a true yield "
            "stress. Units: s.");
        }
    }



    void RheologyParameters::parse(ParameterHandler &prm)
    {
      model              = prm.get("Rheology");
      viscosity          = prm.get_double("Viscosity");
      consistency        = prm.get_double("Consistency");
      flow_index         = prm.get_double("Flow index");
      minimum_shear_rate = prm.get_double("Minimum shear rate");
      maximum_shear_rate = prm.get_double("Maximum shear rate");
      AssertThrow(minimum_shear_rate < maximum_shear_rate,
                  ExcMessage("The Minimum shear rate (" +
                             std::to_string(minimum_shear_rate) +
                             " 1/s) must be below the Maximum shear rate (" +
                             std::to_string(maximum_shear_rate) + " 1/s)."));
      if (model == "carreau" || model == "cross")
        {
          zero_shear_viscosity     = prm.get_double("Zero-shear viscosity");
          infinite_shear_viscosity = prm.get_double("Infinite-shear viscosity");
          time_constant            = prm.get_double("Time constant");
          cross_exponent           = prm.get_double("Cross exponent");
          AssertThrow(infinite_shear_viscosity < zero_shear_viscosity,
                      ExcMessage("The Infinite-shear viscosity must be below "
                                 "the Zero-shear viscosity."));
        }
      if (model == "herschel-bulkley")
        {
          yield_stress   = prm.get_double("Yield stress");
          regularisation = prm.get_double("Regularisation");
        }
    }



    Rheology::Rheology(const RheologyParameters &parameters)
      : parameters(parameters)
    {}



    double Rheology::viscosity(const double shear_rate) const
    {
      const RheologyParameters &p = parameters;
      if (p.model == "newtonian")
        return p.viscosity;
      if (p.model == "power law" || p.model == "herschel-bulkley")
        {
          const double g =
            std::clamp(shear_rate, p.minimum_shear_rate, p.maximum_shear_rate);
          double eta = p.consistency * std::pow(g, p.flow_index - 1.);
          if (p.model == "herschel-bulkley" && p.yield_stress > 0)
            eta += p.yield_stress * -std::expm1(-p.regularisation * g) / g;
          return eta;
        }
      const double lg = p.time_constant * std::max(shear_rate, 0.);
      if (p.model == "carreau")
        return p.infinite_shear_viscosity +
               (p.zero_shear_viscosity - p.infinite_shear_viscosity) *
                 std::pow(1. + lg * lg, (p.flow_index - 1.) / 2.);
      Assert(p.model == "cross", ExcInternalError());
      return p.infinite_shear_viscosity +
             (p.zero_shear_viscosity - p.infinite_shear_viscosity) /
               (1. + std::pow(lg, p.cross_exponent));
    }



    double Rheology::shear_stress(const double shear_rate) const
    {
      return viscosity(shear_rate) * shear_rate;
    }



    double Rheology::shear_rate_for_stress(const double stress,
                                           const double scale) const
    {
      Assert(stress >= 0 && scale > 0,
             ExcMessage("Need stress >= 0, scale > 0."));
      if (stress <= 0)
        return 0.;
      if (parameters.model == "newtonian")
        return stress / (scale * parameters.viscosity);

      const RheologyParameters &p = parameters;
      if (p.model == "power law")
        {
          // Closed form, with the linear (Newtonian-like) branches outside
          // the clipping range.
          const double g =
            std::pow(stress / (scale * p.consistency), 1. / p.flow_index);
          if (g < p.minimum_shear_rate)
            return stress / (scale * p.consistency *
                             std::pow(p.minimum_shear_rate, p.flow_index - 1.));
          if (g > p.maximum_shear_rate)
            return stress / (scale * p.consistency *
                             std::pow(p.maximum_shear_rate, p.flow_index - 1.));
          return g;
        }

      // The stress grows monotonically with the shear rate: Newton on
      // log(stress) against log(g), kept inside a shrinking bracket.
      const double target     = std::log(stress);
      const auto   log_stress = [&](const double x) {
        return std::log(scale * shear_stress(std::exp(x)));
      };
      double lower = std::log(1e-15), upper = std::log(1e15);
      double x = std::log(stress / (scale * viscosity(1.)));
      x        = std::clamp(x, lower, upper);
      for (unsigned int i = 0; i < 100; ++i)
        {
          const double f = log_stress(x) - target;
          if (std::abs(f) < 1e-13)
            break;
          if (f < 0)
            lower = x;
          else
            upper = x;
          const double h = 1e-6;
          const double slope =
            (log_stress(x + h) - log_stress(x - h)) / (2 * h);
          double next = slope > 0 ? x - f / slope : 0.5 * (lower + upper);
          if (!(next > lower && next < upper))
            next = 0.5 * (lower + upper);
          if (std::abs(next - x) < 1e-14)
            {
              x = next;
              break;
            }
          x = next;
        }
      return std::exp(x);
    }



    double Rheology::flow_index() const
    {
      if (parameters.model == "newtonian")
        return 1.;
      if (parameters.model == "cross")
        return 1. - parameters.cross_exponent;
      return parameters.flow_index;
    }



    bool Rheology::is_newtonian() const
    {
      return parameters.model == "newtonian" ||
             (parameters.model == "power law" && parameters.flow_index == 1.);
    }



    const RheologyParameters &Rheology::get_parameters() const
    {
      return parameters;
    }
  } // namespace Physics
} // namespace cementflow
