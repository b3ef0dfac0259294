#ifndef cementflow_physics_cannula_h
#define cementflow_physics_cannula_h

#include <functional>
#include <vector>

namespace cementflow
{
  namespace Physics
  {
    /**
     * Fully developed flow of a generalised Newtonian fluid through the
     * needle's cannula, one or more straight tube sections in series (lengths
     * and radii in metres). For a tube of radius R the flow rate at wall
     * shear stress tau_w is (Rabinowitsch-Mooney)
     *   Q = pi R^3 / tau_w^3 * integral_0^tau_w tau^2 g(tau) d tau,
     * with g(tau) the fluid's shear rate at stress tau; the pressure drop is
     * 2 L tau_w / R. For a Newtonian fluid this is Hagen-Poiseuille,
     * 8 mu L Q / (pi R^4); for a power law
     * (2 K L / R) ((3n + 1) Q / (pi n R^3))^n (physics-reference.md 4.3).
     */
    class Cannula
    {
    public:
      struct Section
      {
        double length;
        double radius;
      };

      /** The shear rate [1/s] at a shear stress [Pa]. */
      using ShearRate = std::function<double(double)>;

      explicit Cannula(const std::vector<Section> &sections);

      /** Pressure drop [Pa] along all sections at flow rate @p rate [m^3/s]. */
      double pressure_drop(const double     rate,
                           const ShearRate &shear_rate) const;

      /** Wall shear rate [1/s] in the narrowest section. */
      double wall_shear_rate(const double     rate,
                             const ShearRate &shear_rate) const;

      /** Flow rate [m^3/s] through a tube at wall stress @p wall_stress. */
      static double tube_flow_rate(const double     radius,
                                   const double     wall_stress,
                                   const ShearRate &shear_rate);

      /** Wall stress [Pa] at which a tube carries @p rate. */
      static double tube_wall_stress(const double     radius,
                                     const double     rate,
                                     const ShearRate &shear_rate);

      static double newtonian_pressure_drop(const double viscosity,
                                            const double length,
                                            const double radius,
                                            const double rate);

      static double power_law_pressure_drop(const double consistency,
                                            const double flow_index,
                                            const double length,
                                            const double radius,
                                            const double rate);

    private:
      const std::vector<Section> sections;
    };
  } // namespace Physics
} // namespace cementflow

#endif
