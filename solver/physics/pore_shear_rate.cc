#include "physics/pore_shear_rate.h"

#include <algorithm>
#include <cmath>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;

    void PoreShearRateParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Pore shear rate");
      {
        prm.declare_entry(
          "Upscaling",
          "Christopher-Middleman",
          Patterns::Selection(
            "Christopher-Middleman|capillary bundle|constant"),
          "How the shear rate in the pores follows from the Darcy velocity u "
          "of a phase: g = C(n) u / sqrt(k phi). Christopher-Middleman 1965 "
          "(Blake-Kozeny bed; consistent with the power-law Darcy law of "
          "physics-reference.md 4.2), a bundle of straight capillaries, or a "
          "constant C (the Factor below). Units: none.");
        prm.declare_entry("Factor",
                          "1",
                          Patterns::Double(1e-3, 1e3),
                          "C for Upscaling = constant. Units: none.");
      }
      prm.leave_subsection();
    }



    void PoreShearRateParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Pore shear rate");
      model  = prm.get("Upscaling");
      factor = prm.get_double("Factor");
      prm.leave_subsection();
    }



    double pore_shear_rate_factor(const PoreShearRateParameters &parameters,
                                  const double                   flow_index)
    {
      const double n = std::clamp(flow_index, 0.05, 2.);
      if (parameters.model == "constant")
        return parameters.factor;
      if (parameters.model == "capillary bundle")
        return std::sqrt(2.) * (3 * n + 1) / (4 * n);
      // ((3n+1)/(4n))^(n/(n-1)) tends to exp(-1/4) as n -> 1.
      const double ratio = (3 * n + 1) / (4 * n);
      const double shape =
        std::abs(n - 1) < 1e-6 ? std::exp(-0.25) : std::pow(ratio, n / (n - 1));
      return 12. / std::sqrt(150.) * shape;
    }
  } // namespace Physics
} // namespace cementflow
