#ifndef cementflow_physics_curing_h
#define cementflow_physics_curing_h

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  namespace Physics
  {
    /**
     * How the cement thickens as it cures, and how temperature shifts both
     * the cure and the viscosity. The whole batch shares one mixing time and
     * one temperature. Times in minutes after mixing, temperatures in
     * kelvin, activation energies in J/mol.
     */
    struct CuringParameters
    {
      std::string model          = "none";
      double      reference_time = 0.;  // [min] the rheology holds here
      double      time_constant  = 3.1; // [min] exponential
      std::vector<std::pair<double, double>> table; // (min, Pa s)
      std::string                            table_file;
      double rate_constant               = 0.1;    // [1/min] degree of cure
      double gel_point                   = 0.8;    // [-]
      double gel_exponent_a              = 1.5;    // [-]
      double gel_exponent_b              = 0.;     // [-]
      double temperature                 = 295.15; // [K]
      double reference_temperature       = 295.15; // [K]
      double cure_activation_energy      = 0.;     // [J/mol]
      double viscosity_activation_energy = 0.;     // [J/mol]
      double maximum_viscosity           = 7.5e4;  // [Pa s]

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * The factor by which curing and temperature multiply the cement's
     * viscosity at a given time after mixing:
     *   scale(t) = b(T) c(a(T) t),
     * with the cure-rate shift a(T) = exp(-E_c/R (1/T - 1/T_ref)), the
     * viscosity shift b(T) = exp(E_v/R (1/T - 1/T_ref)), and the cure factor
     * c with c(t_ref) = 1:
     *   none:           c = 1
     *   exponential:    c = exp((t - t_ref) / tau)
     *   table:          c = eta_table(t) / eta_table(t_ref), log-linear
     *   degree of cure: alpha(t) = 1 - exp(-k t) (first order),
     *                   g(alpha) = (alpha_g / (alpha_g - alpha))^(A + B alpha),
     *                   c = g(alpha(t)) / g(alpha(t_ref)), infinite at the gel
     *                   point (Castro-Macosko type, physics-reference.md 2.3).
     * The total viscosity is capped at the set viscosity (maximum_viscosity).
     */
    class Curing
    {
    public:
      explicit Curing(const CuringParameters &parameters);

      /** The viscosity factor at @p minutes after mixing. */
      double viscosity_scale(const double minutes) const;

      /** The cure clock: minutes at the reference temperature. */
      double effective_time(const double minutes) const;

      /** Degree of cure of the degree-of-cure model. */
      double degree_of_cure(const double minutes) const;

      double maximum_viscosity() const;

      /**
       * The viscosity factor of cement that has reached the degree of cure
       * @p alpha at @p temperature [K], relative to fresh cement at the
       * reference temperature (Castro-Macosko, physics-reference.md 16.2):
       * b(T) g(alpha) / g(0), infinite at the gel point. For the local cure
       * of Heat and cure.
       */
      double chemorheology_scale(const double alpha,
                                 const double temperature) const;

      /**
       * The viscosity factor of cement of equivalent age @p effective_minutes
       * (minutes after mixing at the reference temperature that give its
       * cure) at @p temperature [K]: b(T) c(t_eq). For the exponential, table
       * and degree-of-cure models under the local cure of Heat and cure.
       */
      double aged_scale(const double effective_minutes,
                        const double temperature) const;

    private:
      double viscosity_shift(const double temperature) const;
      double cure_factor(const double effective_minutes) const;
      double table_viscosity(const double minutes) const;
      double gel_function(const double alpha) const;

      const CuringParameters parameters;
    };
  } // namespace Physics
} // namespace cementflow

#endif
