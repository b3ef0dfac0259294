#include "thermal_dose.h"

#include "physics/constants.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cmath>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;

    namespace
    {

      // The time of an interval of @p seconds from @p start to @p end
      // spent at or above @p threshold, for a linear course.
      double time_above(const double start,
                        const double end,
                        const double seconds,
                        const double threshold)
      {
        if (start >= threshold && end >= threshold)
          return seconds;
        if (start <= threshold && end <= threshold)
          return 0;
        const double crossing = (threshold - start) / (end - start);
        return seconds * (start > threshold ? crossing : 1 - crossing);
      }
    } // namespace



    ArrheniusDamageParameters arrhenius_damage_set(const std::string &tissue)
    {
      // physics-reference.md 16.4.
      if (tissue == "skin")
        return {tissue, 3.1e98, 6.28e5};
      if (tissue == "bone")
        return {tissue, 1e98, 7.5e4 * gas_constant};
      AssertThrow(false,
                  ExcMessage("No Arrhenius damage parameters for the tissue <" +
                             tissue + ">; known: skin, bone."));
      return {};
    }



    ThermalDose::ThermalDose(const ArrheniusDamageParameters &damage)
      : parameters(damage)
    {}



    double ThermalDose::cem43_rate(const double temperature)
    {
      return std::pow(temperature >= 43 ? 0.5 : 0.25, 43 - temperature);
    }



    double ThermalDose::damage_rate(const double temperature) const
    {
      return parameters.frequency_factor *
             std::exp(-parameters.activation_energy /
                      (gas_constant * (temperature + zero_celsius)));
    }



    void
    ThermalDose::add(const double start, const double end, const double seconds)
    {
      const double middle = (start + end) / 2;
      // The CEM43 rate has a kink at 43 °C: split the interval there.
      if ((start - 43) * (end - 43) < 0)
        {
          const double part = (43 - start) / (end - start);
          add(start, 43, part * seconds);
          add(43, end, (1 - part) * seconds);
          return;
        }
      // The rates grow by a factor of about 2 per kelvin: Simpson's rule
      // stays accurate on pieces of at most 1 K.
      const double rise = std::abs(end - start);
      if (rise > 1)
        {
          const unsigned int pieces =
            static_cast<unsigned int>(std::ceil(rise));
          for (unsigned int k = 0; k < pieces; ++k)
            add(start + (end - start) * k / pieces,
                start + (end - start) * (k + 1) / pieces,
                seconds / pieces);
          return;
        }
      equivalent_minutes +=
        seconds / 60 / 6 *
        (cem43_rate(start) + 4 * cem43_rate(middle) + cem43_rate(end));
      omega +=
        seconds / 6 *
        (damage_rate(start) + 4 * damage_rate(middle) + damage_rate(end));
      highest = std::max({highest, start, end});
      above_45 += time_above(start, end, seconds, 45);
      above_50 += time_above(start, end, seconds, 50);
    }



    double ThermalDose::cem43() const
    {
      return equivalent_minutes;
    }



    double ThermalDose::damage() const
    {
      return omega;
    }



    double ThermalDose::peak() const
    {
      return highest;
    }



    double ThermalDose::seconds_above_45() const
    {
      return above_45;
    }



    double ThermalDose::seconds_above_50() const
    {
      return above_50;
    }



    ThermalDose::State ThermalDose::state() const
    {
      return {equivalent_minutes, omega, highest, above_45, above_50};
    }



    void ThermalDose::restore(const State &state)
    {
      equivalent_minutes = state[0];
      omega              = state[1];
      highest            = state[2];
      above_45           = state[3];
      above_50           = state[4];
    }
  } // namespace Physics
} // namespace cementflow
