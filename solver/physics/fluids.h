#ifndef cementflow_physics_fluids_h
#define cementflow_physics_fluids_h

#include "physics/curing.h"
#include "physics/pore_shear_rate.h"
#include "physics/rheology.h"

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace cementflow
{
  namespace Physics
  {
    /**
     * The two fluids: the cement (a rheology at the reference state, and how
     * curing and temperature scale it) and the marrow (Newtonian or power
     * law), and how the pore-scale shear rate follows from a Darcy velocity.
     */
    struct FluidParameters
    {
      std::string             cement_name; // entry of params/cements, or ""
      RheologyParameters      cement;
      CuringParameters        curing;
      RheologyParameters      marrow;
      PoreShearRateParameters pore_shear_rate;

      static void declare(dealii::ParameterHandler &prm);

      /** Declares the subsection Cement only (for the cement library). */
      static void declare_cement(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * The cement's viscosity eta(g, t, T) = min(eta_set, b(T) c(t) eta_0(g)):
     * the shear-rate law eta_0 at the reference state, scaled by curing and
     * temperature (Curing::viscosity_scale(), evaluated once per time step
     * since the batch shares one clock), capped at the set viscosity.
     */
    class Cement
    {
    public:
      Cement(const RheologyParameters &rheology,
             const CuringParameters   &curing);

      /** The curing and temperature factor at @p minutes after mixing. */
      double scale(const double minutes) const;

      /** Viscosity [Pa s] at shear rate @p shear_rate with factor @p scale. */
      double viscosity(const double shear_rate, const double scale) const;

      /** The shear rate [1/s] at shear stress @p stress [Pa]. */
      double shear_rate_for_stress(const double stress,
                                   const double scale) const;

      const Rheology &rheology() const;

      const Curing &curing() const;

    private:
      const Rheology rheology_law;
      const Curing   curing_law;
    };
  } // namespace Physics
} // namespace cementflow

#endif
