#ifndef cementflow_thermal_heat_and_cure_parameters_h
#define cementflow_thermal_heat_and_cure_parameters_h

#include "physics/cure_kinetics.h"
#include "physics/thermal_dose.h"

#include <deal.II/base/parameter_handler.h>

namespace cementflow
{
  namespace Thermal
  {
    /**
     * The parameters of the temperature and the cement's degree of cure
     * (subsection "Heat and cure"; numbers from physics-reference.md 16).
     * Temperatures in kelvin, SI units otherwise.
     */
    struct HeatAndCureParameters
    {
      bool                               enabled = false;
      Physics::CureKineticsParameters    kinetics;
      Physics::ArrheniusDamageParameters damage;
      double                             syringe_temperature = 296.15;
      double                             body_temperature    = 310.15;
      // Volumetric heat capacities [J/(m^3 K)] and conductivities
      // [W/(m K)] of cement, bone tissue and marrow; blood's heat capacity
      // for the Pennes exchange.
      double cement_heat_capacity = 1180 * 1450.;
      double cement_conductivity  = 0.18;
      double bone_heat_capacity   = 1908 * 1313.;
      double bone_conductivity    = 0.32;
      double marrow_heat_capacity = 911 * 2348.;
      double marrow_conductivity  = 0.21;
      double blood_heat_capacity  = 3.8e6;
      double perfusion_rate       = 3e-3; // [1/s] Pennes
      double cement_density       = 1180; // [kg/m^3]
      // Whether cooled marrow thickens (Physics::marrow_cooling_factor).
      bool marrow_cooling = true;

      static void declare(dealii::ParameterHandler &prm);
      /**
       * Only the entries that describe the cement itself (its kinetics,
       * specific heat, density and conductivity), which a file of the
       * cement library may set.
       */
      static void declare_cement_properties(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };
  } // namespace Thermal
} // namespace cementflow

#endif
