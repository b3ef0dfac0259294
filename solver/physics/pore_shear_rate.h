#ifndef cementflow_physics_pore_shear_rate_h
#define cementflow_physics_pore_shear_rate_h

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace cementflow
{
  namespace Physics
  {
    /**
     * The shear rate a non-Newtonian fluid feels in the pores, from its
     * Darcy velocity u, the permeability k and the porosity phi:
     *   g = C(n) u / sqrt(k phi).
     * Christopher-Middleman (1965), with the Blake-Kozeny bed
     * (physics-reference.md 4.2):
     *   C(n) = 12 / sqrt(150) ((3n + 1) / (4n))^(n / (n - 1)),
     * which makes Darcy's law with eta(g) the packed-bed law
     * -dp/dx = H u^n / k exactly for a power-law fluid (0.7788... at n = 1);
     * capillary bundle (straight tubes of radius sqrt(8 k / phi)):
     *   C(n) = sqrt(2) (3n + 1) / (4n);
     * or a constant C given by the user.
     */
    struct PoreShearRateParameters
    {
      std::string model  = "Christopher-Middleman";
      double      factor = 1.;

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /** C(n) of the chosen upscaling; n is clipped to [0.05, 2]. */
    double pore_shear_rate_factor(const PoreShearRateParameters &parameters,
                                  const double                   flow_index);
  } // namespace Physics
} // namespace cementflow

#endif
