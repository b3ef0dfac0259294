#ifndef cementflow_meshes_needle_h
#define cementflow_meshes_needle_h

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    /** One row of the needle gauge table, diameters in metres. */
    struct NeedleGauge
    {
      std::string name;
      double      inner_diameter;
      double      outer_diameter; // 0 where no source gives it
    };

    /**
     * Gauges with their diameters (physics-reference.md 6, regular wall):
     * 8G ID 3.429 mm, 10G ID 2.692 mm, 11G ID 2.388 / OD 3.048 mm, 13G ID
     * 1.803 / OD 2.413 mm.
     */
    const std::vector<NeedleGauge> &needle_gauges();

    const NeedleGauge &find_needle_gauge(const std::string &name);



    /**
     * One needle: its gauge, the tip in the bone and a point on the shaft
     * outside it (which sets the trajectory). Cement leaves the tip as a
     * volumetric source spread uniformly over a ball of the source radius.
     * Lengths in metres.
     */
    struct NeedleParameters
    {
      std::string      gauge        = "11G";
      dealii::Point<3> tip          = dealii::Point<3>(4e-3, 2e-3, 0);
      dealii::Point<3> entry        = dealii::Point<3>(20e-3, -26e-3, 2e-3);
      std::string      approach     = "unipedicular";
      std::string      placement    = "explicit";
      double           medial_angle = 0.5235987755982988; // [rad], 30 deg
      double           tip_depth    = 0.6;                // of the body depth
      double           tip_lateral_offset = 4e-3;
      double           offset_along = 0, offset_across = 0, offset_vertical = 0;
      dealii::Point<3> second_tip      = dealii::Point<3>(-4e-3, 2e-3, 0);
      dealii::Point<3> second_entry    = dealii::Point<3>(-20e-3, -26e-3, 2e-3);
      double           source_radius   = 0; // 0: the lumen radius
      double           length          = 100e-3;
      double           inner_diameter  = 0; // 0: the gauge's
      double           proximal_length = 0; // 0: uniform cannula
      double           proximal_inner_diameter = 0;
      double           syringe_inner_diameter  = 10e-3;

      /** Moves the tip by the offsets along, across and vertical. */
      void apply_tip_offsets();

      /** Sets tip and entry (and the mirrored second needle) for a
       * transpedicular placement in a body of @p body_depth [m]. */
      void place_transpedicular(const double body_depth);

      /** (entry, tip) of each needle: one, or two for bipedicular. */
      std::vector<std::pair<dealii::Point<3>, dealii::Point<3>>>
      trajectories() const;

      /** The source radius actually used. */
      double effective_source_radius() const;

      /** The lumen diameter actually used (of the distal section). */
      double effective_inner_diameter() const;

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };
  } // namespace Meshes
} // namespace cementflow

#endif
