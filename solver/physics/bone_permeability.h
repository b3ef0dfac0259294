#ifndef cementflow_physics_bone_permeability_h
#define cementflow_physics_bone_permeability_h

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace cementflow
{
  namespace Physics
  {
    /**
     * Porosity of the trabecular bone and the law that turns porosity into an
     * intrinsic permeability tensor. The tensor is diagonal in the body's
     * axes: "axial" is the superior–inferior (z) direction, "transverse" the
     * two others.
     */
    struct BoneParameters
    {
      double      porosity           = 0.9;
      std::string permeability_law   = "Kozeny-Carman";
      double      reference_porosity = 0.9;
      double      axial_permeability = 4.45e-8; // [m^2] at reference porosity
      double transverse_permeability = 3.44e-8; // [m^2] at reference porosity

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * k(phi) = k_ref * g(phi) / g(phi_ref) with the Kozeny–Carman shape
     * g(phi) = phi^3 / (1 - phi)^2 (physics-reference.md 5.2), fitted to the
     * reference permeabilities at the reference porosity; or constant.
     * Below the measured porosities (osteoblastic bone) this is an
     * extrapolation: no permeability of blastic lesions was ever measured.
     */
    class BonePermeability
    {
    public:
      explicit BonePermeability(const BoneParameters &parameters);

      /** Axial (superior–inferior) permeability in m^2. */
      double axial(const double porosity) const;

      /** Transverse (antero-posterior and lateral) permeability in m^2. */
      double transverse(const double porosity) const;

      /** The Kozeny–Carman shape phi^3/(1-phi)^2. */
      static double kozeny_carman_shape(const double porosity);

    private:
      double scale(const double porosity) const;

      const BoneParameters parameters;
    };
  } // namespace Physics
} // namespace cementflow

#endif
