#include "physics/relative_permeability.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cmath>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;

    void RelativePermeabilityParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Relative permeability");
      {
        prm.declare_entry(
          "Cement exponent",
          "2",
          Patterns::Double(1., 10.),
          "Corey exponent n_c of the cement relative permeability "
          "k_rc = S_e^n_c. 2 is the textbook Corey value (physics-reference.md "
          "8.3); no measurement for PMMA in bone exists. Units: none.");
        prm.declare_entry(
          "Marrow exponent",
          "2",
          Patterns::Double(1., 10.),
          "Corey exponent n_m of the marrow relative permeability "
          "k_rm = (1 - S_e)^n_m. Units: none.");
        prm.declare_entry(
          "Residual cement saturation",
          "0",
          Patterns::Double(0., 0.5),
          "Cement saturation below which cement does not flow. No measured "
          "value exists; 0 assumes none. Units: fraction of pore space.");
        prm.declare_entry(
          "Residual marrow saturation",
          "0",
          Patterns::Double(0., 0.5),
          "Marrow saturation that cement cannot displace (S_mr in the piston "
          "front of physics-reference.md 8.2). No measured value exists; 0 "
          "assumes full displacement. Units: fraction of pore space.");
      }
      prm.leave_subsection();
    }



    void RelativePermeabilityParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Relative permeability");
      {
        cement_exponent = prm.get_double("Cement exponent");
        marrow_exponent = prm.get_double("Marrow exponent");
        residual_cement_saturation =
          prm.get_double("Residual cement saturation");
        residual_marrow_saturation =
          prm.get_double("Residual marrow saturation");
        AssertThrow(
          residual_cement_saturation + residual_marrow_saturation < 0.9,
          ExcMessage("Relative permeability: the residual cement saturation (" +
                     std::to_string(residual_cement_saturation) +
                     ") plus the residual marrow saturation (" +
                     std::to_string(residual_marrow_saturation) +
                     ") must stay below 0.9, or no fluid could move."));
      }
      prm.leave_subsection();
    }



    RelativePermeability::RelativePermeability(
      const RelativePermeabilityParameters &parameters)
      : parameters(parameters)
      , mobile_range(1. - parameters.residual_cement_saturation -
                     parameters.residual_marrow_saturation)
    {}



    double
    RelativePermeability::effective_saturation(const double saturation) const
    {
      return std::clamp((saturation - parameters.residual_cement_saturation) /
                          mobile_range,
                        0.,
                        1.);
    }



    namespace
    {
      // x^n; the common integer exponents without std::pow, which takes a
      // few percent of a run's time in the transport sweeps.
      double corey_power(const double x, const double n)
      {
        if (n == 1.)
          return x;
        if (n == 2.)
          return x * x;
        if (n == 3.)
          return x * x * x;
        return std::pow(x, n);
      }
    } // namespace



    double RelativePermeability::cement(const double saturation) const
    {
      return corey_power(effective_saturation(saturation),
                         parameters.cement_exponent);
    }



    double RelativePermeability::marrow(const double saturation) const
    {
      return corey_power(1. - effective_saturation(saturation),
                         parameters.marrow_exponent);
    }



    double RelativePermeability::maximum_mobile_saturation() const
    {
      return 1. - parameters.residual_marrow_saturation;
    }



    double RelativePermeability::fractional_flow(const double saturation,
                                                 const double cement_viscosity,
                                                 const double marrow_viscosity,
                                                 double      *derivative) const
    {
      Assert(cement_viscosity > 0 && marrow_viscosity > 0,
             ExcMessage("Viscosities must be positive."));
      const double s_e = effective_saturation(saturation);
      const double n_c = parameters.cement_exponent;
      const double n_m = parameters.marrow_exponent;

      const double lambda_c = corey_power(s_e, n_c) / cement_viscosity;
      const double lambda_m = corey_power(1. - s_e, n_m) / marrow_viscosity;
      const double lambda_t = lambda_c + lambda_m;

      if (derivative != nullptr)
        {
          // Outside the mobile range f_c is constant (0 or 1).
          const bool inside =
            (saturation - parameters.residual_cement_saturation > 0.) &&
            (saturation - parameters.residual_cement_saturation < mobile_range);
          if (!inside)
            *derivative = 0.;
          else
            {
              const double dlambda_c =
                n_c * corey_power(s_e, n_c - 1.) / cement_viscosity;
              const double dlambda_m =
                -n_m * corey_power(1. - s_e, n_m - 1.) / marrow_viscosity;
              *derivative = (dlambda_c * lambda_m - lambda_c * dlambda_m) /
                            (lambda_t * lambda_t) / mobile_range;
            }
        }
      return lambda_c / lambda_t;
    }



    double
    RelativePermeability::total_mobility(const double saturation,
                                         const double cement_viscosity,
                                         const double marrow_viscosity) const
    {
      return cement(saturation) / cement_viscosity +
             marrow(saturation) / marrow_viscosity;
    }
  } // namespace Physics
} // namespace cementflow
