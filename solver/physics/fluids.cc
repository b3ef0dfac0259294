#include "physics/fluids.h"

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;

    void FluidParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Cement");
      {
        prm.declare_entry(
          "Viscosity",
          "100",
          Patterns::Double(1e-3, 1e6),
          "Newtonian dynamic viscosity of the cement. 100 Pa s is the value "
          "the foundation issue names; published PMMA vertebroplasty cements "
          "span tens to thousands of Pa s during the working time and reach "
          "7.5e4 Pa s at set (Nicholas et al. 2007). Units: Pa s.");
      }
      prm.leave_subsection();
      prm.enter_subsection("Marrow");
      {
        prm.declare_entry(
          "Viscosity",
          "0.04",
          Patterns::Double(1e-4, 10.),
          "Newtonian dynamic viscosity of bone marrow: 0.04 Pa s for bovine "
          "marrow at 37 C (Bryant et al. 1989); human yellow femoral marrow "
          "measures 0.044-0.142 Pa s (Biorheology 2011;48:89). Units: Pa s.");
      }
      prm.leave_subsection();
    }



    void FluidParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Cement");
      cement_viscosity = prm.get_double("Viscosity");
      prm.leave_subsection();
      prm.enter_subsection("Marrow");
      marrow_viscosity = prm.get_double("Viscosity");
      prm.leave_subsection();
    }
  } // namespace Physics
} // namespace cementflow
