#include "needle.h"

#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    const std::vector<NeedleGauge> &needle_gauges()
    {
      static const std::vector<NeedleGauge> gauges = {
        {"8G", 3.429e-3, 0.},
        {"10G", 2.692e-3, 0.},
        {"11G", 2.388e-3, 3.048e-3},
        {"13G", 1.803e-3, 2.413e-3}};
      return gauges;
    }



    const NeedleGauge &find_needle_gauge(const std::string &name)
    {
      for (const NeedleGauge &gauge : needle_gauges())
        if (gauge.name == name)
          return gauge;
      AssertThrow(false,
                  ExcMessage("Unknown needle gauge <" + name +
                             ">; known gauges are 8G, 10G, 11G and 13G."));
      return needle_gauges().front();
    }



    double NeedleParameters::effective_source_radius() const
    {
      return source_radius > 0 ? source_radius :
                                 find_needle_gauge(gauge).inner_diameter / 2;
    }



    void NeedleParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Needle");
      {
        prm.declare_entry(
          "Gauge",
          "11G",
          Patterns::Selection("8G|10G|11G|13G"),
          "Needle gauge; it sets the lumen (inner) diameter: 8G 3.429 mm, 10G "
          "2.692 mm, 11G 2.388 mm, 13G 1.803 mm (physics-reference.md 6). "
          "Units: none.");
        prm.declare_entry(
          "Tip",
          "4, 2, 0",
          ParameterTools::point_pattern(),
          "Position of the needle tip; it must lie inside the bone. The "
          "default sits 3 mm medial to the default lesion. Units: mm.");
        prm.declare_entry(
          "Entry",
          "20, -26, 2",
          ParameterTools::point_pattern(),
          "A point on the needle shaft outside the vertebral body; with the "
          "tip it sets the trajectory (the default is a left transpedicular "
          "approach converging about 30 degrees medially). Units: mm.");
        prm.declare_entry(
          "Source radius",
          "0",
          Patterns::Double(0., 20.),
          "Radius of the ball over which the injected cement enters the "
          "bone; 0 takes the lumen radius of the gauge. Units: mm.");
      }
      prm.leave_subsection();
    }



    void NeedleParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Needle");
      {
        gauge         = prm.get("Gauge");
        tip           = ParameterTools::get_point(prm, "Tip", 1e-3);
        entry         = ParameterTools::get_point(prm, "Entry", 1e-3);
        source_radius = prm.get_double("Source radius") * 1e-3;
        AssertThrow(tip.distance(entry) > 1e-3,
                    ExcMessage("Needle: Entry and Tip must be at least 1 mm "
                               "apart to define a trajectory."));
      }
      prm.leave_subsection();
    }
  } // namespace Meshes
} // namespace cementflow
