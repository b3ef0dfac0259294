#ifndef cementflow_physics_fluids_h
#define cementflow_physics_fluids_h

#include <deal.II/base/parameter_handler.h>

namespace cementflow
{
  namespace Physics
  {
    /**
     * Viscosities of the two phases. The foundation treats both as Newtonian;
     * the cement rheology (shear thinning, curing) replaces the constant
     * cement viscosity later without changing the callers.
     */
    struct FluidParameters
    {
      double cement_viscosity = 100.; // [Pa s]
      double marrow_viscosity = 0.04; // [Pa s]

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };
  } // namespace Physics
} // namespace cementflow

#endif
