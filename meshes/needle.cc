#include "needle.h"

#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/tensor.h>

#include <cmath>
#include <tuple>

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
      return source_radius > 0 ? source_radius : effective_inner_diameter() / 2;
    }



    double NeedleParameters::effective_inner_diameter() const
    {
      return inner_diameter > 0 ? inner_diameter :
                                  find_needle_gauge(gauge).inner_diameter;
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
          "Placement",
          "explicit",
          Patterns::Selection("explicit|left transpedicular|"
                              "right transpedicular"),
          "explicit: the Tip and Entry below (and Second tip, Second entry); "
          "left or right transpedicular: the tip and trajectory follow from "
          "the parametric body's depth and the side (for bipedicular, the "
          "second needle mirrors the first), by the rule of Medial angle, "
          "Tip depth and Tip lateral offset. Units: none.");
        prm.declare_entry(
          "Medial angle",
          "30",
          Patterns::Double(0., 80.),
          "Transpedicular placement: the angle between the trajectory and "
          "the sagittal plane, converging medially. No trajectory angles are "
          "in our reference: 30 degrees is illustrative (the default "
          "needle's). Units: degrees.");
        prm.declare_entry(
          "Tip depth",
          "0.6",
          Patterns::Double(0.1, 0.9),
          "Transpedicular placement: the tip's distance from the posterior "
          "wall as a fraction of the body's depth (illustrative, like the "
          "default needle's). Units: none.");
        prm.declare_entry(
          "Tip lateral offset",
          "4",
          Patterns::Double(0., 50.),
          "Transpedicular placement: the tip's distance from the midline, on "
          "the side of entry (illustrative, like the default needle's). "
          "Units: mm.");
        prm.declare_entry(
          "Approach",
          "unipedicular",
          Patterns::Selection("unipedicular|bipedicular"),
          "unipedicular: one needle; bipedicular: a second needle of the "
          "same gauge and cannula (Second tip, Second entry), both injecting "
          "at the same time, each half of Injection/Rate. Units: none.");
        prm.declare_entry(
          "Second tip",
          "-4, 2, 0",
          ParameterTools::point_pattern(),
          "Tip of the second needle of a bipedicular approach (the default "
          "mirrors the first needle). The offsets below move the first "
          "needle only. Units: mm.");
        prm.declare_entry("Second entry",
                          "-20, -26, 2",
                          ParameterTools::point_pattern(),
                          "Entry point of the second needle. Units: mm.");
        prm.declare_entry(
          "Tip offset along trajectory",
          "0",
          Patterns::Double(-100., 100.),
          "Moves the tip along the trajectory (positive: deeper, away from "
          "the entry point), for sweeps of needle placement. Units: mm.");
        prm.declare_entry(
          "Tip offset across trajectory",
          "0",
          Patterns::Double(-100., 100.),
          "Moves the tip across the trajectory in the horizontal plane, "
          "along d x z (d the direction from entry to tip, z superior): "
          "towards +x (the patient's left) for a needle pointing anteriorly. "
          "Units: mm.");
        prm.declare_entry("Tip offset vertical",
                          "0",
                          Patterns::Double(-100., 100.),
                          "Moves the tip along z (superior positive). "
                          "Units: mm.");
        prm.declare_entry(
          "Source radius",
          "0",
          Patterns::Double(0., 20.),
          "Radius of the ball over which the injected cement enters the "
          "bone; 0 takes the lumen radius. Units: mm.");
        prm.declare_entry(
          "Length",
          "100",
          Patterns::Double(1., 1000.),
          "Length of the cannula, through which the cement flows from the "
          "syringe to the tip. 100 mm is the length assumed in the estimates "
          "of physics-reference.md 6; no device length is in our reference. "
          "Units: mm.");
        prm.declare_entry(
          "Inner diameter",
          "0",
          Patterns::Double(0., 20.),
          "Lumen diameter; 0 takes the regular-wall value of the gauge. Set "
          "it for thin-wall needles, whose inner diameters are larger at the "
          "same outer diameter and are not in our reference (check the "
          "device's instructions). Units: mm.");
        prm.declare_entry(
          "Proximal length",
          "0",
          Patterns::Double(0., 1000.),
          "Length of a wider proximal section of a two-section cannula (part "
          "of Length); 0 for a uniform cannula. Baroud & Steffen 2005 cut the "
          "delivery pressure by 63% by doubling the proximal diameter. "
          "Units: mm.");
        prm.declare_entry("Proximal inner diameter",
                          "0",
                          Patterns::Double(0., 50.),
                          "Lumen diameter of the proximal section. Units: mm.");
        prm.declare_entry(
          "Syringe inner diameter",
          "10",
          Patterns::Double(1., 100.),
          "Inner diameter of the syringe barrel; the plunger force is the "
          "injection pressure times its area. 10 mm is illustrative: no "
          "syringe size is in our reference. Units: mm.");
      }
      prm.leave_subsection();
    }



    void NeedleParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Needle");
      {
        gauge              = prm.get("Gauge");
        tip                = ParameterTools::get_point(prm, "Tip", 1e-3);
        entry              = ParameterTools::get_point(prm, "Entry", 1e-3);
        approach           = prm.get("Approach");
        placement          = prm.get("Placement");
        medial_angle       = prm.get_double("Medial angle") * numbers::PI / 180;
        tip_depth          = prm.get_double("Tip depth");
        tip_lateral_offset = prm.get_double("Tip lateral offset") * 1e-3;
        second_tip         = ParameterTools::get_point(prm, "Second tip", 1e-3);
        second_entry    = ParameterTools::get_point(prm, "Second entry", 1e-3);
        source_radius   = prm.get_double("Source radius") * 1e-3;
        length          = prm.get_double("Length") * 1e-3;
        inner_diameter  = prm.get_double("Inner diameter") * 1e-3;
        proximal_length = prm.get_double("Proximal length") * 1e-3;
        proximal_inner_diameter =
          prm.get_double("Proximal inner diameter") * 1e-3;
        syringe_inner_diameter =
          prm.get_double("Syringe inner diameter") * 1e-3;
        AssertThrow(proximal_length < length,
                    ExcMessage("Needle: the Proximal length must be shorter "
                               "than the Length of the cannula."));
        AssertThrow(proximal_length == 0 || proximal_inner_diameter > 0,
                    ExcMessage("Needle: a Proximal length needs a Proximal "
                               "inner diameter."));
        AssertThrow(tip.distance(entry) > 1e-3,
                    ExcMessage("Needle: Entry and Tip must be at least 1 mm "
                               "apart to define a trajectory."));
        AssertThrow(approach == "unipedicular" ||
                      second_tip.distance(second_entry) > 1e-3,
                    ExcMessage("Needle: Second entry and Second tip must be "
                               "at least 1 mm apart to define a trajectory."));

        offset_along    = prm.get_double("Tip offset along trajectory") * 1e-3;
        offset_across   = prm.get_double("Tip offset across trajectory") * 1e-3;
        offset_vertical = prm.get_double("Tip offset vertical") * 1e-3;
        if (placement == "explicit")
          apply_tip_offsets();
      }
      prm.leave_subsection();
    }



    void NeedleParameters::apply_tip_offsets()
    {
      // Offsets move the tip in the needle's own frame: along the
      // trajectory (deeper when positive), across it in the horizontal
      // plane (d x z), and vertically; for sweeps of needle placement.
      const Tensor<1, 3> along = (tip - entry) / tip.distance(entry);
      const Tensor<1, 3> axial({0., 0., 1.});
      Tensor<1, 3>       across = cross_product_3d(along, axial);
      AssertThrow(offset_across == 0 || across.norm() > 1e-6,
                  ExcMessage("Needle: a vertical needle has no horizontal "
                             "'across' direction for the tip offsets."));
      if (offset_across != 0)
        across /= across.norm();
      tip +=
        offset_along * along + offset_across * across + offset_vertical * axial;
    }



    void NeedleParameters::place_transpedicular(const double body_depth)
    {
      // The tip at Tip depth of the body from the posterior wall (y =
      // -depth/2), Tip lateral offset from the midline on the side of
      // entry, at mid-height; the trajectory comes from behind, converging
      // medially by the Medial angle, entering 32 mm behind the tip.
      const double side   = placement == "left transpedicular" ? 1. : -1.;
      const auto   needle = [&](const double s) {
        const Point<3>     needle_tip(s * tip_lateral_offset,
                                  -0.5 * body_depth + tip_depth * body_depth,
                                  0.);
        const Tensor<1, 3> towards_tip(
          {-s * std::sin(medial_angle), std::cos(medial_angle), 0.});
        return std::make_pair(Point<3>(needle_tip - 32e-3 * towards_tip),
                              needle_tip);
      };
      std::tie(entry, tip)               = needle(side);
      std::tie(second_entry, second_tip) = needle(-side);
      apply_tip_offsets();
    }



    std::vector<std::pair<Point<3>, Point<3>>>
    NeedleParameters::trajectories() const
    {
      std::vector<std::pair<Point<3>, Point<3>>> needles = {{entry, tip}};
      if (approach == "bipedicular")
        needles.emplace_back(second_entry, second_tip);
      return needles;
    }
  } // namespace Meshes
} // namespace cementflow
