#include "physics/cannula.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/numbers.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace cementflow
{
  namespace Physics
  {
    using dealii::numbers::PI;

    Cannula::Cannula(const std::vector<Section> &sections)
      : sections(sections)
    {
      Assert(!sections.empty(),
             dealii::ExcMessage("A cannula needs a section."));
    }



    double Cannula::tube_flow_rate(const double     radius,
                                   const double     wall_stress,
                                   const ShearRate &shear_rate)
    {
      if (wall_stress <= 0)
        return 0.;
      // Composite 5-point Gauss-Legendre quadrature on [0, tau_w].
      static const std::array<double, 5> x        = {{-0.9061798459386640,
                                                      -0.5384693101056831,
                                                      0.,
                                                      0.5384693101056831,
                                                      0.9061798459386640}};
      static const std::array<double, 5> w        = {{0.2369268850561891,
                                                      0.4786286704993665,
                                                      0.5688888888888889,
                                                      0.4786286704993665,
                                                      0.2369268850561891}};
      const unsigned int                 n_panels = 24;
      const double                       h        = wall_stress / n_panels;
      double                             integral = 0;
      for (unsigned int panel = 0; panel < n_panels; ++panel)
        for (unsigned int q = 0; q < 5; ++q)
          {
            const double tau = h * (panel + 0.5 * (x[q] + 1.));
            integral += 0.5 * h * w[q] * tau * tau * shear_rate(tau);
          }
      return PI * std::pow(radius / wall_stress, 3) * integral;
    }



    double Cannula::tube_wall_stress(const double     radius,
                                     const double     rate,
                                     const ShearRate &shear_rate)
    {
      if (rate <= 0)
        return 0.;
      // Q grows monotonically with the wall stress: bracket, then bisect in
      // log(tau_w).
      double upper = 1.;
      while (tube_flow_rate(radius, upper, shear_rate) < rate && upper < 1e15)
        upper *= 10;
      double lower = upper / 10;
      while (tube_flow_rate(radius, lower, shear_rate) > rate && lower > 1e-15)
        lower /= 10;
      double log_lower = std::log(lower), log_upper = std::log(upper);
      for (unsigned int i = 0; i < 200 && log_upper - log_lower > 1e-13; ++i)
        {
          const double middle = 0.5 * (log_lower + log_upper);
          if (tube_flow_rate(radius, std::exp(middle), shear_rate) < rate)
            log_lower = middle;
          else
            log_upper = middle;
        }
      return std::exp(0.5 * (log_lower + log_upper));
    }



    double Cannula::pressure_drop(const double     rate,
                                  const ShearRate &shear_rate) const
    {
      double drop = 0;
      for (const Section &section : sections)
        drop += 2 * section.length *
                tube_wall_stress(section.radius, rate, shear_rate) /
                section.radius;
      return drop;
    }



    double Cannula::wall_shear_rate(const double     rate,
                                    const ShearRate &shear_rate) const
    {
      double narrowest = sections.front().radius;
      for (const Section &section : sections)
        narrowest = std::min(narrowest, section.radius);
      return shear_rate(tube_wall_stress(narrowest, rate, shear_rate));
    }



    double Cannula::newtonian_pressure_drop(const double viscosity,
                                            const double length,
                                            const double radius,
                                            const double rate)
    {
      return 8 * viscosity * length * rate / (PI * std::pow(radius, 4));
    }



    double Cannula::power_law_pressure_drop(const double consistency,
                                            const double flow_index,
                                            const double length,
                                            const double radius,
                                            const double rate)
    {
      return 2 * consistency * length / radius *
             std::pow((3 * flow_index + 1) * rate /
                        (PI * flow_index * std::pow(radius, 3)),
                      flow_index);
    }
  } // namespace Physics
} // namespace cementflow
