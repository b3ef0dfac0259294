#ifndef cementflow_physics_relative_permeability_h
#define cementflow_physics_relative_permeability_h

#include <deal.II/base/parameter_handler.h>

namespace cementflow
{
  namespace Physics
  {
    /**
     * Brooks–Corey type relative permeabilities of cement (c) and marrow (m)
     * as functions of the cement saturation S (fraction of pore space):
     *   S_e  = (S - S_cr) / (1 - S_cr - S_mr), clipped to [0, 1],
     *   k_rc = S_e^n_c,   k_rm = (1 - S_e)^n_m.
     * With n_c = n_m = 2 and no residuals this is the textbook Corey form
     * used for the Buckley–Leverett reference (physics-reference.md 8.3).
     * No measured relative permeabilities of PMMA cement and marrow in
     * bone exist in our reference; all four numbers are parameters.
     */
    struct RelativePermeabilityParameters
    {
      double cement_exponent            = 2.;
      double marrow_exponent            = 2.;
      double residual_cement_saturation = 0.;
      double residual_marrow_saturation = 0.;

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    class RelativePermeability
    {
    public:
      explicit RelativePermeability(
        const RelativePermeabilityParameters &parameters);

      /** Effective (normalised) cement saturation S_e in [0, 1]. */
      double effective_saturation(const double saturation) const;

      /** k_rc(S), dimensionless. */
      double cement(const double saturation) const;

      /** k_rm(S), dimensionless. */
      double marrow(const double saturation) const;

      /** Cement saturation at and above which marrow is immobile. */
      double maximum_mobile_saturation() const;

      /**
       * Fractional flow of cement f_c = (k_rc/mu_c) / (k_rc/mu_c + k_rm/mu_m),
       * viscosities in Pa s. Returns its derivative with respect to S in
       * @p derivative when that pointer is not null.
       */
      double fractional_flow(const double saturation,
                             const double cement_viscosity,
                             const double marrow_viscosity,
                             double      *derivative = nullptr) const;

      /** Total mobility k_rc/mu_c + k_rm/mu_m in 1/(Pa s). */
      double total_mobility(const double saturation,
                            const double cement_viscosity,
                            const double marrow_viscosity) const;

    private:
      const RelativePermeabilityParameters parameters;
      const double                         mobile_range;
    };
  } // namespace Physics
} // namespace cementflow

#endif
