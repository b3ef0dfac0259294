#include "physics/fluids.h"

#include <algorithm>
#include <limits>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;

    void FluidParameters::declare(ParameterHandler &prm)
    {
      declare_cement(prm);
      prm.enter_subsection("Marrow");
      {
        RheologyParameters::declare(
          prm,
          "newtonian|power law",
          "0.04",
          "Newtonian viscosity of bone marrow: 0.04 Pa s for bovine marrow at "
          "37 C (Bryant et al. 1989); human yellow femoral marrow measures "
          "0.044-0.142 Pa s (Biorheology 2011;48:89). Units: Pa s.");
      }
      prm.leave_subsection();
      PoreShearRateParameters::declare(prm);
    }



    void FluidParameters::declare_cement(ParameterHandler &prm)
    {
      prm.enter_subsection("Cement");
      {
        prm.declare_entry(
          "Name",
          "",
          Patterns::Anything(),
          "A cement of the library params/cements/ (the file name without "
          ".prm, e.g. generic-medium-viscosity): its values are read before "
          "the case file, which can still change any of them. Empty: the "
          "values below. Units: none.");
        RheologyParameters::declare(
          prm,
          "newtonian|power law|carreau|cross|herschel-bulkley",
          "100",
          "Viscosity of a Newtonian cement at the reference state. 100 Pa s "
          "is the value the foundation issue names; PMMA cements span tens to "
          "thousands of Pa s during their working time and reach 7.5e4 Pa s "
          "at set (Nicholas et al. 2007). Units: Pa s.");
        CuringParameters::declare(prm);
      }
      prm.leave_subsection();
    }



    void FluidParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Cement");
      cement_name = prm.get("Name");
      cement.parse(prm);
      curing.parse(prm);
      prm.leave_subsection();
      prm.enter_subsection("Marrow");
      marrow.parse(prm);
      prm.leave_subsection();
      pore_shear_rate.parse(prm);
    }



    Cement::Cement(const RheologyParameters &rheology,
                   const CuringParameters   &curing)
      : rheology_law(rheology)
      , curing_law(curing)
    {}



    double Cement::scale(const double minutes) const
    {
      return curing_law.viscosity_scale(minutes);
    }



    double Cement::viscosity(const double shear_rate, const double scale) const
    {
      return std::min(curing_law.maximum_viscosity(),
                      scale * rheology_law.viscosity(shear_rate));
    }



    double Cement::shear_rate_for_stress(const double stress,
                                         const double scale) const
    {
      // The capped stress min(eta_set g, scale eta_0(g) g) grows with g; its
      // root is the larger of the roots of the two branches.
      const double capped = stress / curing_law.maximum_viscosity();
      if (scale == std::numeric_limits<double>::infinity())
        return capped;
      return std::max(capped,
                      rheology_law.shear_rate_for_stress(stress, scale));
    }



    const Rheology &Cement::rheology() const
    {
      return rheology_law;
    }



    const Curing &Cement::curing() const
    {
      return curing_law;
    }
  } // namespace Physics
} // namespace cementflow
