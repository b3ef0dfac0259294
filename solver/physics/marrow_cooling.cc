#include "physics/marrow_cooling.h"

#include <array>
#include <cmath>
#include <utility>

namespace cementflow
{
  namespace Physics
  {
    double marrow_cooling_factor(const double temperature)
    {
      // (°C, factor), Bryant et al. 1989.
      constexpr std::array<std::pair<double, double>, 3> points = {
        {{30., 15.}, {35., 10.}, {37., 1.}}};
      if (temperature <= points.front().first)
        return points.front().second;
      if (temperature >= points.back().first)
        return points.back().second;
      for (unsigned int k = 1; k < points.size(); ++k)
        if (temperature <= points[k].first)
          {
            const auto &[t0, f0] = points[k - 1];
            const auto &[t1, f1] = points[k];
            const double w       = (temperature - t0) / (t1 - t0);
            return std::exp((1 - w) * std::log(f0) + w * std::log(f1));
          }
      return points.back().second;
    }
  } // namespace Physics
} // namespace cementflow
