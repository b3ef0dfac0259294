#include "cure_kinetics.h"

#include "physics/constants.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;


    std::string cure_kinetics_set_names()
    {
      return "borzacchiello 1998 listing 1|borzacchiello 1998 listing 2|"
             "li 2003";
    }



    CureKineticsParameters cure_kinetics_set(const std::string &name)
    {
      // physics-reference.md 16.2, as transmitted by the finite-element code
      // mhogg/cement_polymerisation [A, secondary].
      CureKineticsParameters p;
      p.source = name;
      if (name == "borzacchiello 1998 listing 1")
        {
          p.pre_exponential   = 1.2088e4;
          p.activation_energy = 33240;
          p.m                 = 0.98;
          p.n                 = 1.14;
          p.glass_transition  = 378;
          p.heat_of_reaction  = 100e3;
          p.seed              = 1e-6;
        }
      else if (name == "borzacchiello 1998 listing 2")
        {
          p.pre_exponential   = 9.484e3;
          p.activation_energy = 31270;
          p.m                 = 0.98;
          p.n                 = 1.064;
          p.glass_transition  = 378;
          p.heat_of_reaction  = 123e3;
          p.seed              = 1.019e-4;
        }
      else if (name == "li 2003")
        {
          p.pre_exponential   = 5.206e9;
          p.activation_energy = 67891;
          p.m                 = 1.05;
          p.n                 = 1.10;
          p.glass_transition  = 0;
          p.heat_of_reaction  = 100e3;
          p.seed              = 1e-3;
        }
      else
        AssertThrow(false,
                    ExcMessage("Unknown cure kinetics <" + name +
                               ">; known: " + cure_kinetics_set_names() + "."));
      return p;
    }



    CureKinetics::CureKinetics(const CureKineticsParameters &parameters)
      : p(parameters)
    {
      AssertThrow(p.pre_exponential > 0 && p.m > 0 && p.n > 0 &&
                    p.activation_energy >= 0 && p.uncatalysed_rate >= 0 &&
                    p.glass_transition >= 0 && p.heat_of_reaction >= 0,
                  ExcMessage("Cure kinetics <" + p.source +
                             ">: K0, m and n must be positive, E, k1, T_g "
                             "and H not negative."));
    }



    double CureKinetics::maximum_conversion(const double temperature) const
    {
      return p.glass_transition > 0 ?
               std::min(temperature / p.glass_transition, 1.) :
               1.;
    }



    double CureKinetics::rate(const double alpha,
                              const double temperature) const
    {
      const double left = maximum_conversion(temperature) - alpha;
      if (left <= 0 || alpha < 0)
        return 0;
      return p.pre_exponential *
             std::exp(-p.activation_energy / (gas_constant * temperature)) *
             (p.uncatalysed_rate + std::pow(alpha, p.m)) * std::pow(left, p.n);
    }



    const CureKineticsParameters &CureKinetics::parameters() const
    {
      return p;
    }



    namespace
    {
      // Classical Runge-Kutta for (alpha, T) from @p s over @p duration,
      // calling @p record after every step.
      template <typename Record>
      CureState integrate(const CureKinetics &kinetics,
                          CureState           s,
                          const double        duration,
                          const double        heating,
                          const double        alpha_step,
                          const double        largest,
                          const Record       &record)
      {
        const auto derivative = [&](const double a, const double T) {
          const double r = kinetics.rate(a, T);
          return std::make_pair(r, heating * r);
        };
        const double end = s.time + duration;
        while (s.time < end)
          {
            const double r0 = derivative(s.alpha, s.temperature).first;
            double       dt = largest;
            // At most alpha_step, and 2 % of the conversion while it is
            // small and grows exponentially.
            if (r0 > 0)
              dt = std::min({dt, alpha_step / r0, 0.02 * s.alpha / r0});
            if (heating * r0 > 0)
              dt = std::min(dt, 0.05 / (heating * r0));
            dt            = std::min(dt, end - s.time);
            const auto k1 = derivative(s.alpha, s.temperature);
            const auto k2 = derivative(s.alpha + dt / 2 * k1.first,
                                       s.temperature + dt / 2 * k1.second);
            const auto k3 = derivative(s.alpha + dt / 2 * k2.first,
                                       s.temperature + dt / 2 * k2.second);
            const auto k4 = derivative(s.alpha + dt * k3.first,
                                       s.temperature + dt * k3.second);
            s.alpha +=
              dt / 6 * (k1.first + 2 * k2.first + 2 * k3.first + k4.first);
            s.temperature +=
              dt / 6 * (k1.second + 2 * k2.second + 2 * k3.second + k4.second);
            s.time = (end - s.time <= dt) ? end : s.time + dt;
            record(s);
          }
        return s;
      }
    } // namespace



    std::vector<CureState> cure_well_mixed(const CureKinetics &kinetics,
                                           const double        alpha,
                                           const double        temperature,
                                           const double        duration,
                                           const double        heat_capacity,
                                           const double        alpha_step)
    {
      const double heating =
        heat_capacity > 0 ?
          kinetics.parameters().heat_of_reaction / heat_capacity :
          0.; // [K per unit conversion]
      std::vector<CureState> history = {{0., alpha, temperature}};
      integrate(kinetics,
                history.back(),
                duration,
                heating,
                alpha_step,
                duration / 100,
                [&history](const CureState &s) { history.push_back(s); });
      return history;
    }



    CureState cure_state_after(const CureKinetics &kinetics,
                               const CureState    &start,
                               const double        duration,
                               const double        heating,
                               const double        alpha_step)
    {
      if (duration <= 0)
        return start;
      return integrate(kinetics,
                       start,
                       duration,
                       heating,
                       alpha_step,
                       duration,
                       [](const CureState &) {});
    }



    double time_to_reach(const std::vector<CureState> &history,
                         const double                  level,
                         const bool                    of_temperature)
    {
      const auto value = [of_temperature](const CureState &s) {
        return of_temperature ? s.temperature : s.alpha;
      };
      for (std::size_t i = 1; i < history.size(); ++i)
        if (value(history[i]) >= level && value(history[i - 1]) < level)
          {
            const double w = (level - value(history[i - 1])) /
                             (value(history[i]) - value(history[i - 1]));
            return history[i - 1].time +
                   w * (history[i].time - history[i - 1].time);
          }
      return -1;
    }



    EquivalentAge::EquivalentAge(const CureKinetics &kinetics,
                                 const double        reference_temperature,
                                 const double        horizon)
      : history(cure_well_mixed(kinetics,
                                kinetics.parameters().seed,
                                reference_temperature,
                                horizon * 60,
                                0))
    {}



    double EquivalentAge::minutes(const double alpha) const
    {
      if (alpha <= history.front().alpha)
        return 0;
      // The isothermal cure rises monotonically with time.
      const auto later =
        std::lower_bound(history.begin(),
                         history.end(),
                         alpha,
                         [](const CureState &s, const double a) {
                           return s.alpha < a;
                         });
      if (later == history.end())
        return history.back().time / 60;
      const auto   before = later - 1;
      const double w = (alpha - before->alpha) / (later->alpha - before->alpha);
      return (before->time + w * (later->time - before->time)) / 60;
    }
  } // namespace Physics
} // namespace cementflow
