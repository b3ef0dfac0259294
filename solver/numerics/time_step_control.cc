#include "numerics/time_step_control.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace cementflow
{
  namespace Numerics
  {
    TimeStepControl::TimeStepControl(const bool         adaptive,
                                     const StepTargets &targets,
                                     const double       first_volume,
                                     const double       largest_volume)
      : adaptive(adaptive)
      , targets(targets)
      , largest_volume(std::max(first_volume, largest_volume))
      , next_volume(first_volume)
    {
      if (!(first_volume > 0) || !(targets.growth >= 1) ||
          !(targets.saturation > 0) || !(targets.exit_saturation > 0) ||
          !(targets.leak > 0) || !(targets.viscosity > 0))
        throw std::invalid_argument(
          "TimeStepControl: the first volume and the targets must be "
          "positive and the growth at least 1");
    }



    double TimeStepControl::volume() const
    {
      return next_volume;
    }



    double TimeStepControl::scaling(const StepChanges &changes,
                                    const StepTargets &targets)
    {
      // Each change is first order in the step: target / change is the
      // factor that meets it.
      double     factor = targets.growth;
      const auto limit  = [&factor](const double change, const double target) {
        if (change > 0)
          factor = std::min(factor, target / change);
      };
      limit(changes.saturation, targets.saturation);
      limit(changes.exit_saturation, targets.exit_saturation);
      limit(changes.leak, targets.leak);
      limit(changes.viscosity, targets.viscosity);
      return std::max(factor, 1. / (targets.growth * targets.growth));
    }



    void TimeStepControl::step_done(const double       taken_volume,
                                    const StepChanges &changes)
    {
      if (!adaptive || !(taken_volume > 0))
        return;
      const double factor = scaling(changes, targets);
      // A step cut short (at a pause, an output, the end) that met its
      // targets does not make the next one smaller.
      const double proposed = factor >= 1 ?
                                std::max(next_volume, taken_volume * factor) :
                                taken_volume * factor;
      next_volume =
        std::min({proposed, next_volume * targets.growth, largest_volume});
    }



    void TimeStepControl::set_volume(const double volume)
    {
      next_volume = volume;
    }
  } // namespace Numerics
} // namespace cementflow
