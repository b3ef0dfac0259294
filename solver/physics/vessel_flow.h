#ifndef cementflow_physics_vessel_flow_h
#define cementflow_physics_vessel_flow_h

#include <utility>
#include <vector>

namespace cementflow
{
  namespace Physics
  {
    /**
     * Hagen-Poiseuille conductance Q / dp of a tube of radius @p radius and
     * length @p length [m] filled with a Newtonian fluid of viscosity
     * @p viscosity [Pa s]: pi r^4 / (8 mu L) [m^3/(Pa s)].
     */
    double poiseuille_conductance(const double radius,
                                  const double length,
                                  const double viscosity);

    /**
     * The exchange between a vessel and the porous bone it runs through, per
     * unit length of vessel and per unit mobility k/mu [1]: the flow per
     * length is (k/mu) * this * (p_bone - p_vessel), with p_bone the mean
     * pressure over balls of radius @p kernel_radius strung along the
     * vessel, over which the exchange is spread. Radial Darcy flow from the
     * wall (radius @p vessel_radius) gives, for a source spread so (density
     * proportional to sqrt(rho^2 - r^2) at distance r from the axis, whose
     * mean pressure lies 7/4 - 2 ln 2 of ln(rho / r_w) closer to the wall
     * than the pressure at rho),
     *   2 pi / (ln(rho / r_w) - 7/4 + 2 ln 2),
     * derived in docs/circulation.md; it replaces the equivalent radius of
     * Peaceman's well index, so the exchange does not depend on the cell
     * size as long as the balls span a few cells. The balls are at least
     * twice the vessel's radius.
     */
    double vessel_exchange_factor(const double kernel_radius,
                                  const double vessel_radius);

    /**
     * The pressure of a venous plexus over time [Pa]: a base pressure, a
     * sinusoidal breathing swing, and episodes (Valsalva, cough) that raise
     * it by a given amount for a given time, with linear ramps of
     * @p ramp seconds at both ends.
     */
    class PlexusPressure
    {
    public:
      struct Episode
      {
        double start;    // [s]
        double duration; // [s]
        double rise;     // [Pa]
      };

      PlexusPressure(const double                base,
                     const double                breathing_amplitude,
                     const double                breathing_period,
                     const std::vector<Episode> &episodes,
                     const double                ramp = 1.);

      /** The pressure at time @p t [s] since the injection started. */
      double operator()(const double t) const;

      /** Whether the pressure changes with time at all. */
      bool is_constant() const;

      /**
       * A time step [s] that resolves the time course: an eighth of a
       * breathing period and of the shortest ramp or episode; infinite if
       * the pressure is constant.
       */
      double resolving_time_step() const;

      /** The times [s] at which an episode starts or ends. */
      std::vector<double> episode_times() const;

    private:
      double               base, amplitude, period, ramp;
      std::vector<Episode> episodes;
    };
  } // namespace Physics
} // namespace cementflow

#endif
