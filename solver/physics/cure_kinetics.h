#ifndef cementflow_physics_cure_kinetics_h
#define cementflow_physics_cure_kinetics_h

#include <string>
#include <vector>

namespace cementflow
{
  namespace Physics
  {
    /**
     * Autocatalytic cure of PMMA bone cement (physics-reference.md 16.2):
     *   dalpha/dt = K0 exp(-E / (R T)) (k1 + alpha^m) (alpha_max(T) - alpha)^n,
     * alpha_max(T) = min(T / T_g, 1) (1 where no T_g is given). With k1 = 0
     * (the published sets) the cure needs a seed alpha_0 > 0 to start; k1 > 0
     * is the Kamal-Sourour form, for which no fitted value for bone cement
     * was found. The heat released is rho H dalpha/dt.
     */
    struct CureKineticsParameters
    {
      std::string source;                // where the numbers come from
      double      pre_exponential   = 0; // K0 [1/s]
      double      activation_energy = 0; // E [J/mol]
      double      m = 1, n = 1;          // reaction orders [-]
      double      uncatalysed_rate = 0;  // k1 (Kamal-Sourour) [-]
      double      glass_transition = 0;  // T_g [K]; 0: alpha_max = 1
      double      heat_of_reaction = 0;  // H [J/kg of cement]
      double      seed             = 0;  // alpha_0 the codes start from [-]
    };

    /** The names of the published parameter sets, for a Selection pattern. */
    std::string cure_kinetics_set_names();

    /**
     * A published set by name: "borzacchiello 1998 listing 1",
     * "borzacchiello 1998 listing 2" (both T_g = 378 K) or "li 2003"
     * (alpha_max = 1), each with the seed its code used (1e-6, 1.019e-4,
     * 1e-3). Throws for another name.
     */
    CureKineticsParameters cure_kinetics_set(const std::string &name);

    class CureKinetics
    {
    public:
      explicit CureKinetics(const CureKineticsParameters &parameters);

      /** The conversion the cure tends to at @p temperature [K]. */
      double maximum_conversion(const double temperature) const;

      /** dalpha/dt [1/s] at conversion @p alpha and @p temperature [K]. */
      double rate(const double alpha, const double temperature) const;

      const CureKineticsParameters &parameters() const;

    private:
      const CureKineticsParameters p;
    };



    /** One point of the cure of a well-mixed mass. */
    struct CureState
    {
      double time;        // [s]
      double alpha;       // [-]
      double temperature; // [K]
    };

    /**
     * Cure of a well-mixed mass over @p duration seconds from conversion
     * @p alpha and temperature @p temperature: isothermal if
     * @p heat_capacity is 0, else adiabatic, dT/dt = H / c_p dalpha/dt with
     * c_p = @p heat_capacity [J/(kg K)]. Classical Runge-Kutta with steps
     * limited to a conversion change of @p alpha_step (and 2 % of alpha)
     * and a temperature change of 0.05 K; returns every step.
     */
    std::vector<CureState> cure_well_mixed(const CureKinetics &kinetics,
                                           const double        alpha,
                                           const double        temperature,
                                           const double        duration,
                                           const double        heat_capacity,
                                           const double alpha_step = 1e-3);

    /**
     * The state of the same integration after @p duration, without the
     * history: dalpha/dt = rate, dT/dt = @p heating dalpha/dt with
     * @p heating [K per unit conversion] (0: isothermal). For the cells of
     * the coupled model.
     */
    CureState cure_state_after(const CureKinetics &kinetics,
                               const CureState    &start,
                               const double        duration,
                               const double        heating,
                               const double        alpha_step = 1e-3);

    /**
     * The first time at which @p quantity (alpha or temperature) of
     * @p history reaches @p level, interpolated linearly; -1 if never.
     */
    double time_to_reach(const std::vector<CureState> &history,
                         const double                  level,
                         const bool                    of_temperature = false);

    /**
     * The equivalent age of cement: the minutes after mixing at which cement
     * held at a reference temperature reaches a given degree of cure. A
     * curing law calibrated on the time after mixing at that temperature
     * (the exponential, table and degree-of-cure models of Curing) then
     * applies to cement of any thermal history. The isothermal cure is
     * tabulated once, from the kinetics' seed, over @p horizon minutes.
     */
    class EquivalentAge
    {
    public:
      EquivalentAge(const CureKinetics &kinetics,
                    const double        reference_temperature,
                    const double        horizon = 240);

      /**
       * Minutes at the reference temperature to reach @p alpha: 0 below the
       * seed, the horizon beyond the cure reached by then.
       */
      double minutes(const double alpha) const;

    private:
      std::vector<CureState> history;
    };
  } // namespace Physics
} // namespace cementflow

#endif
