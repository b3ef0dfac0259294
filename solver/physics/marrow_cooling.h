#ifndef cementflow_physics_marrow_cooling_h
#define cementflow_physics_marrow_cooling_h

namespace cementflow
{
  namespace Physics
  {
    /**
     * The factor by which cooling raises the viscosity of marrow
     * (physics-reference.md 5.3 and 14): bovine marrow is 0.04 Pa s and
     * independent of temperature at and above 37 °C, 10 times more viscous
     * at 35 °C and 15 times at 30 °C (Bryant et al. 1989), and solid below
     * 30 °C (gel-liquid transition at 23-24 °C, Fujimori 2011). Log-linear
     * between these points; below 30 °C held at 15, since solid marrow is
     * not modelled. @p temperature in °C.
     */
    double marrow_cooling_factor(const double temperature);
  } // namespace Physics
} // namespace cementflow

#endif
