#ifndef cementflow_meshes_vertebral_body_h
#define cementflow_meshes_vertebral_body_h

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/grid/tria.h>

#include <string>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * Dimensions of a parametric vertebral body, in metres. Axes: x lateral
     * (towards the patient's left), y antero-posterior (anterior positive),
     * z axial (superior positive); the body is centred at the origin.
     */
    struct VertebralBodyParameters
    {
      double width               = 49.4e-3;
      double depth               = 35.7e-3;
      double anterior_height     = 30.3e-3;
      double posterior_height    = 26.3e-3;
      double posterior_concavity = 2.0e-3;
      double squareness          = 2.5;
      double waist               = 1.0;
      // "custom", or the level whose dimensions the table gave, their
      // source and which of them a rule filled in (spinal_levels.h).
      std::string level = "custom";
      std::string source;
      std::string approximation;

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * The analytic shape: a superellipse cross-section whose posterior wall
     * is indented by a smooth dip (the concave posterior wall), extruded
     * between two endplates whose height falls linearly from the anterior to
     * the posterior wall, optionally narrowed at mid-height (the waist).
     */
    class VertebralBodyShape
    {
    public:
      explicit VertebralBodyShape(const VertebralBodyParameters &parameters);

      /** Point of the mid-height cross-section boundary at angle-like t. */
      dealii::Point<2> cross_section_boundary(const double t) const;

      /** Body height at antero-posterior position y. */
      double height(const double y) const;

      /**
       * Maps a point (x, y) of the mid-height cross-section and a relative
       * height zeta in [-1, 1] (endplate to endplate) into the body.
       */
      dealii::Point<3> map(const dealii::Point<2> &cross_section_point,
                           const double            zeta) const;

    private:
      const VertebralBodyParameters parameters;
    };



    /**
     * Fills @p triangulation (empty; may be a parallel::distributed one) with
     * a hexahedral mesh of the vertebral body whose cells measure about
     * @p cell_size: an O-grid (inner rectangle and four blocks reaching the
     * wall) in each cross-section, stacked along the axis.
     */
    void create_vertebral_body_mesh(dealii::Triangulation<3> &triangulation,
                                    const VertebralBodyParameters &parameters,
                                    const double                   cell_size);
  } // namespace Meshes
} // namespace cementflow

#endif
