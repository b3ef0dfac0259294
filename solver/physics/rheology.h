#ifndef cementflow_physics_rheology_h
#define cementflow_physics_rheology_h

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace cementflow
{
  namespace Physics
  {
    /**
     * A generalised Newtonian fluid: viscosity as a function of shear rate,
     * at the reference state (reference time after mixing and reference
     * temperature; Curing scales it away from there). SI units.
     *
     *   newtonian:         eta = mu
     *   power law:         eta = K g^(n-1), g clipped to [g_min, g_max]
     *   carreau:           eta = eta_inf + (eta_0 - eta_inf) (1 + (lambda
     * g)^2)^((n-1)/2) cross:             eta = eta_inf + (eta_0 - eta_inf) / (1
     * + (lambda g)^m) herschel-bulkley:  eta = K g^(n-1) + tau_y (1 - exp(-r
     * g)) / g (Papanastasiou's regularisation with r)
     *
     * Every law here has a shear stress tau = eta g that increases with g,
     * so a stress gives exactly one shear rate (shear_rate_for_stress()).
     */
    struct RheologyParameters
    {
      std::string model                    = "newtonian";
      double      viscosity                = 100.; // [Pa s] newtonian
      double      consistency              = 100.; // [Pa s^n] power law, HB
      double      flow_index               = 1.;   // [-] n
      double      minimum_shear_rate       = 1e-3; // [1/s]
      double      maximum_shear_rate       = 1e4;  // [1/s]
      double      zero_shear_viscosity     = 100.; // [Pa s] carreau, cross
      double      infinite_shear_viscosity = 0.;   // [Pa s] carreau, cross
      double      time_constant            = 1.;   // [s] lambda
      double      cross_exponent           = 1.;   // [-] m
      double      yield_stress             = 0.;   // [Pa]
      double      regularisation           = 1e3;  // [s] Papanastasiou r

      /**
       * Declares the entries in the current subsection. @p models lists the
       * allowed models (the marrow allows fewer than the cement).
       */
      static void declare(dealii::ParameterHandler &prm,
                          const std::string        &models,
                          const std::string        &default_viscosity,
                          const std::string        &viscosity_documentation);
      void        parse(dealii::ParameterHandler &prm);
    };



    class Rheology
    {
    public:
      explicit Rheology(const RheologyParameters &parameters);

      /** Apparent viscosity [Pa s] at shear rate @p shear_rate [1/s]. */
      double viscosity(const double shear_rate) const;

      /** Shear stress eta(g) g [Pa]. */
      double shear_stress(const double shear_rate) const;

      /**
       * The shear rate [1/s] at which the shear stress of this fluid, with
       * its viscosity multiplied by @p scale, equals @p stress [Pa].
       */
      double shear_rate_for_stress(const double stress,
                                   const double scale = 1.) const;

      /**
       * The flow index n that sets the pore-scale shear-rate factor: n of
       * the power law and Herschel-Bulkley, n of Carreau, 1 - m for Cross
       * (its high-shear slope), 1 for Newtonian.
       */
      double flow_index() const;

      bool is_newtonian() const;

      const RheologyParameters &get_parameters() const;

    private:
      const RheologyParameters parameters;
    };
  } // namespace Physics
} // namespace cementflow

#endif
