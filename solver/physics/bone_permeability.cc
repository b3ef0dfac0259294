#include "physics/bone_permeability.h"

#include <deal.II/base/exceptions.h>

#include <cmath>

namespace cementflow
{
  namespace Physics
  {
    using namespace dealii;

    void BoneParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Bone");
      {
        prm.declare_entry(
          "Porosity",
          "0.9",
          Patterns::Double(0.05, 0.99),
          "Porosity (pore volume fraction, 1 - BV/TV) of the trabecular bone "
          "outside lesions. 0.9 is the working assumption of "
          "physics-reference.md 12 (osteoporotic 0.85-0.95); no measured "
          "vertebral BV/TV was retrievable. Units: none.");
        prm.declare_entry(
          "Permeability law",
          "Kozeny-Carman",
          Patterns::Selection("Kozeny-Carman|constant"),
          "How porosity sets the permeability: Kozeny-Carman scales the "
          "reference permeabilities by phi^3/(1-phi)^2 relative to the "
          "reference porosity (physics-reference.md 5.2); constant uses the "
          "reference permeabilities everywhere. Units: none.");
        prm.declare_entry(
          "Reference porosity",
          "0.9",
          Patterns::Double(0.05, 0.99),
          "Porosity at which the reference permeabilities below hold. "
          "Units: none.");
        prm.declare_entry(
          "Axial permeability",
          "4.45e-8",
          Patterns::Double(1e-16, 1e-5),
          "Intrinsic permeability along the superior-inferior axis at the "
          "reference porosity: 4.45e-8 m^2, human lumbar cancellous bone "
          "(Baroud et al. 2004, J Biomech 37:189). Units: m^2.");
        prm.declare_entry(
          "Transverse permeability",
          "3.44e-8",
          Patterns::Double(1e-16, 1e-5),
          "Intrinsic permeability across the axis (antero-posterior and "
          "lateral) at the reference porosity: 3.44e-8 m^2, antero-posterior "
          "value of Baroud et al. 2004 (78% of axial). Nauman et al. 1999 "
          "report an axial/transverse ratio of 2.05 for vertebrae instead. "
          "Units: m^2.");
      }
      prm.leave_subsection();
    }



    void BoneParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Bone");
      {
        porosity                = prm.get_double("Porosity");
        permeability_law        = prm.get("Permeability law");
        reference_porosity      = prm.get_double("Reference porosity");
        axial_permeability      = prm.get_double("Axial permeability");
        transverse_permeability = prm.get_double("Transverse permeability");
      }
      prm.leave_subsection();
    }



    BonePermeability::BonePermeability(const BoneParameters &parameters)
      : parameters(parameters)
    {}



    double BonePermeability::kozeny_carman_shape(const double porosity)
    {
      Assert(porosity > 0 && porosity < 1,
             ExcMessage("Porosity must lie strictly between 0 and 1."));
      return porosity * porosity * porosity /
             ((1. - porosity) * (1. - porosity));
    }



    double BonePermeability::scale(const double porosity) const
    {
      if (parameters.permeability_law == "constant")
        return 1.;
      return kozeny_carman_shape(porosity) /
             kozeny_carman_shape(parameters.reference_porosity);
    }



    double BonePermeability::axial(const double porosity) const
    {
      return parameters.axial_permeability * scale(porosity);
    }



    double BonePermeability::transverse(const double porosity) const
    {
      return parameters.transverse_permeability * scale(porosity);
    }
  } // namespace Physics
} // namespace cementflow
