#include "physics/vessel_flow.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/numbers.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cementflow
{
  namespace Physics
  {
    using dealii::numbers::PI;

    double poiseuille_conductance(const double radius,
                                  const double length,
                                  const double viscosity)
    {
      Assert(radius > 0 && length > 0 && viscosity > 0,
             dealii::ExcMessage("A tube needs a positive radius, length and "
                                "viscosity."));
      return PI * std::pow(radius, 4) / (8 * viscosity * length);
    }



    double vessel_exchange_factor(const double kernel_radius,
                                  const double vessel_radius)
    {
      Assert(vessel_radius > 0, dealii::ExcMessage("A vessel needs a radius."));
      const double rho = std::max(kernel_radius, 2 * vessel_radius);
      return 2 * PI / (std::log(rho / vessel_radius) - 1.75 + 2 * std::log(2.));
    }



    PlexusPressure::PlexusPressure(const double base,
                                   const double breathing_amplitude,
                                   const double breathing_period,
                                   const std::vector<Episode> &episodes,
                                   const double                ramp)
      : base(base)
      , amplitude(breathing_amplitude)
      , period(breathing_period)
      , ramp(ramp)
      , episodes(episodes)
    {
      Assert(period > 0, dealii::ExcMessage("The breathing period is zero."));
    }



    double PlexusPressure::operator()(const double t) const
    {
      double pressure = base + amplitude * std::sin(2 * PI * t / period);
      for (const Episode &episode : episodes)
        {
          const double into = t - episode.start;
          const double left = episode.start + episode.duration - t;
          if (into <= 0 || left <= 0)
            continue;
          const double ramp_used = std::min(ramp, 0.5 * episode.duration);
          const double weight =
            ramp_used > 0 ? std::min({1., into / ramp_used, left / ramp_used}) :
                            1.;
          pressure += weight * episode.rise;
        }
      return pressure;
    }



    bool PlexusPressure::is_constant() const
    {
      return amplitude == 0 && episodes.empty();
    }



    double PlexusPressure::resolving_time_step() const
    {
      double step = std::numeric_limits<double>::infinity();
      if (amplitude != 0)
        step = period / 8;
      for (const Episode &episode : episodes)
        step = std::min(step,
                        std::min(ramp > 0 ? ramp : episode.duration,
                                 episode.duration) /
                          4);
      return step;
    }



    std::vector<double> PlexusPressure::episode_times() const
    {
      std::vector<double> times;
      for (const Episode &episode : episodes)
        {
          const double ramp_used = std::min(ramp, 0.5 * episode.duration);
          times.push_back(episode.start);
          times.push_back(episode.start + ramp_used);
          times.push_back(episode.start + episode.duration - ramp_used);
          times.push_back(episode.start + episode.duration);
        }
      std::sort(times.begin(), times.end());
      return times;
    }
  } // namespace Physics
} // namespace cementflow
