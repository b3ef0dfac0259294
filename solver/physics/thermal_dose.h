#ifndef cementflow_physics_thermal_dose_h
#define cementflow_physics_thermal_dose_h

#include "physics/constants.h"

#include <array>
#include <string>

namespace cementflow
{
  namespace Physics
  {
    /**
     * The parameters of Arrhenius thermal damage, dOmega/dt = A exp(-E_a /
     * (R T)), for one tissue (physics-reference.md 16.4).
     */
    struct ArrheniusDamageParameters
    {
      std::string tissue;
      double      frequency_factor  = 0; // A [1/s]
      double      activation_energy = 0; // E_a [J/mol]
    };

    /**
     * The published sets: "skin" (Henriques & Moritz, A = 3.1e98 1/s,
     * E_a = 6.28e5 J/mol) and "bone" (the finite-element code of 16.2:
     * A = 1e98 1/s, E_a / R = 7.5e4 K). Throws for another tissue.
     */
    ArrheniusDamageParameters arrhenius_damage_set(const std::string &tissue);

    /**
     * Thermal dose of one point accumulated over a temperature history:
     * CEM43, the cumulative equivalent minutes at 43 °C (Sapareto & Dewey
     * 1984: R = 0.5 at and above 43 °C, 0.25 below), the Arrhenius damage
     * Omega of one tissue, the peak temperature and the time spent above
     * 45 and 50 °C (at or above). Temperatures in °C, times in s.
     */
    class ThermalDose
    {
    public:
      explicit ThermalDose(const ArrheniusDamageParameters &damage);

      /**
       * Adds an interval of @p seconds over which the temperature went
       * linearly from @p start to @p end [°C]; the integrals are taken
       * with Simpson's rule, the times above thresholds exactly.
       */
      void add(const double start, const double end, const double seconds);

      double cem43() const;  // [min]
      double damage() const; // Omega [-]
      double peak() const;   // [°C]
      double seconds_above_45() const;
      double seconds_above_50() const;

      /**
       * What a checkpoint keeps: CEM43, Omega, peak, time above 45 and
       * above 50 °C.
       */
      using State = std::array<double, 5>;
      State state() const;
      void  restore(const State &state);

      /** CEM43 per minute at a constant @p temperature [°C]. */
      static double cem43_rate(const double temperature);

      /** dOmega/dt [1/s] at a constant @p temperature [°C]. */
      double damage_rate(const double temperature) const;

    private:
      ArrheniusDamageParameters parameters;
      double                    equivalent_minutes = 0;
      double                    omega              = 0;
      double                    highest            = -zero_celsius;
      double                    above_45 = 0, above_50 = 0;
    };
  } // namespace Physics
} // namespace cementflow

#endif
