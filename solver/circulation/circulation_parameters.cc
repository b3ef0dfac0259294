#include "circulation/circulation_parameters.h"

#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

#include <map>
#include <sstream>

namespace cementflow
{
  namespace Circulation
  {
    using namespace dealii;

    namespace
    {
      constexpr double mmHg = 133.322; // [Pa]

      // Vena cava pressure on a spinal frame (PMID 1610579): 8.4 mmHg
      // supine, 1.8 mmHg prone; the lumbar intraosseous pressure follows
      // it (Spine 1981;6:159), physics-reference.md 14.
      constexpr double supine_pressure = 8.4 * mmHg;
      constexpr double prone_pressure  = 1.8 * mmHg;

      // The veins of the default case: a basivertebral trunk from the
      // centre to the posterior foramen (Tzika et al. 2021) and two
      // anterolateral segmental veins, ending where the default case's
      // foramina are.
      struct VeinDefaults
      {
        std::string leak_class;
        std::string start;
        std::string foramen;
        double      radius;
      };

      VeinDefaults vein_defaults(const std::string &name)
      {
        static const std::map<std::string, VeinDefaults> defaults = {
          {"basivertebral vein",
           {"venous-basivertebral", "0, -2, 2", "0, -25, 3", 0.75}},
          {"left segmental vein",
           {"venous-segmental", "10, 6, 0", "25, 15, 0", 0.4}},
          {"right segmental vein",
           {"venous-segmental", "-10, 6, 0", "-25, 15, 0", 0.4}}};
        const auto found = defaults.find(name);
        return found != defaults.end() ?
                 found->second :
                 VeinDefaults{"venous-segmental", "0, 0, 0", "0, -25, 0", 0.5};
      }



      std::string number(const double value)
      {
        std::ostringstream text;
        text << value;
        return text.str();
      }
    } // namespace



    void PerfusionParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Perfusion");
      {
        prm.declare_entry(
          "Enabled",
          "false",
          Patterns::Bool(),
          "Whether arterial blood keeps entering the marrow: a supply "
          "q = G (p_supply - p) (1 - S) per volume of bone, blocked where "
          "cement fills the pores and never backwards, with G set so that "
          "the resting state, solved before the injection, carries the "
          "marrow blood flow below. Units: none.");
        prm.declare_entry(
          "Marrow blood flow",
          "17.6",
          Patterns::Double(0., 200.),
          "Blood flow of the vertebral marrow at rest: 17.6 +- 3.1 "
          "mL/min/100 g in lower lumbar bodies of young adults ([15O]water "
          "PET, Blood 1994;83:958); it falls with age (DCE-MRI peak "
          "enhancement 58 % at <= 50 y vs 22 % above, Chen et al. 2001), "
          "rabbit tibial marrow 25-27 (physics-reference.md 14). Units: "
          "mL/min/100 g.");
        prm.declare_entry(
          "Tissue density",
          "1.05",
          Patterns::Double(0.5, 3.),
          "Density of the perfused tissue (bone and marrow), to turn the "
          "blood flow per mass into one per volume. Assumed: 1.0-1.1 g/mL "
          "(physics-reference.md 16.1 uses the same range); no vertebral "
          "value is in our reference. Units: g/mL.");
        prm.declare_entry(
          "Supply pressure",
          "6",
          Patterns::Double(0., 30.),
          "The pressure from which arterial blood enters the marrow, which "
          "the intraosseous pressure approaches when the veins are "
          "occluded: 44.9 mmHg (6.0 kPa) in the perfused calf foot under a "
          "venous tourniquet (Beverly et al.); 24.5 mmHg subchondral in "
          "rabbits (Beverly & Murray 2018); range 3-12 kPa "
          "(physics-reference.md 14). Units: kPa.");
      }
      prm.leave_subsection();
    }



    void PerfusionParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Perfusion");
      enabled         = prm.get_bool("Enabled");
      blood_flow      = prm.get_double("Marrow blood flow") * 1e-6 / 60 / 0.1;
      tissue_density  = prm.get_double("Tissue density") * 1e3;
      supply_pressure = prm.get_double("Supply pressure") * 1e3;
      prm.leave_subsection();
      AssertThrow(!enabled || blood_flow > 0,
                  ExcMessage("Perfusion/Marrow blood flow must be positive "
                             "when Perfusion/Enabled = true."));
    }



    double PlexusParameters::base_pressure() const
    {
      if (posture == "prone")
        return prone_pressure;
      if (posture == "supine")
        return supine_pressure;
      return custom_pressure;
    }



    Physics::PlexusPressure
    PlexusParameters::pressure(const double offset) const
    {
      return Physics::PlexusPressure(base_pressure() + offset,
                                     breathing_amplitude,
                                     breathing_period,
                                     episodes,
                                     episode_ramp);
    }



    void PlexusParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Venous plexus");
      {
        prm.declare_entry(
          "Posture",
          "prone",
          Patterns::Selection("prone|supine|custom"),
          "The pressure of the plexus into which the veins drain follows "
          "the vena cava: 1.8 mmHg (0.24 kPa) prone on a spinal frame, "
          "8.4 mmHg (1.12 kPa) supine (PMID 1610579); vertebroplasty is done "
          "prone. custom: Custom pressure. Ventilated patients: IVC 10.9 "
          "mmHg (1.45 kPa, PMID 15011830); lumbar epidural pressure 14 cmH2O "
          "(1.4 kPa), 6.5-20 (physics-reference.md 14). Units: none.");
        prm.declare_entry("Custom pressure",
                          "1.4",
                          Patterns::Double(-5., 30.),
                          "The plexus pressure at rest for Posture = custom. "
                          "Units: kPa.");
        prm.declare_entry(
          "Breathing amplitude",
          "0",
          Patterns::Double(0., 10.),
          "Amplitude of the plexus pressure's swing with breathing "
          "(epidural and vena cava pressures follow respiration, "
          "physics-reference.md 14); no amplitude is in our reference, so "
          "0 by default; a few mmHg (0.1-0.7 kPa) is the assumed range. "
          "Units: kPa.");
        prm.declare_entry(
          "Breathing period",
          "4",
          Patterns::Double(0.5, 60.),
          "Period of breathing; 4 s is 15 breaths per minute (assumed; not "
          "in our reference). Units: s.");
        prm.declare_entry(
          "Episodes",
          "",
          Patterns::List(Patterns::Anything(), 0, 100, ";"),
          "Episodes that raise the plexus pressure, such as a Valsalva "
          "manoeuvre or a cough, as \"start, duration, rise\" separated by "
          "semicolons, in s after the injection starts, s and kPa. Valsalva "
          "raises the lumbar intraosseous pressure up to 90 mmHg, 12 kPa "
          "(Spine 1981;6:159). Example: \"20, 10, 12\". Units: s, s, kPa.");
        prm.declare_entry(
          "Episode ramp",
          "1",
          Patterns::Double(0., 60.),
          "Time over which an episode's rise builds up and falls again "
          "(assumed). Units: s.");
      }
      prm.leave_subsection();
    }



    void PlexusParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Venous plexus");
      posture             = prm.get("Posture");
      custom_pressure     = prm.get_double("Custom pressure") * 1e3;
      breathing_amplitude = prm.get_double("Breathing amplitude") * 1e3;
      breathing_period    = prm.get_double("Breathing period");
      episode_ramp        = prm.get_double("Episode ramp");
      episodes.clear();
      for (const std::string &text :
           Utilities::split_string_list(prm.get("Episodes"), ';'))
        {
          const std::vector<std::string> fields =
            Utilities::split_string_list(text, ',');
          std::vector<double> values;
          try
            {
              for (const std::string &field : fields)
                values.push_back(std::stod(field));
            }
          catch (const std::exception &)
            {
              values.clear();
            }
          AssertThrow(values.size() == 3 && values[0] >= 0 && values[1] > 0,
                      ExcMessage("Venous plexus/Episodes: \"" + text +
                                 "\" is not \"start, duration, rise\" with "
                                 "start >= 0 s, duration > 0 s and the rise "
                                 "in kPa."));
          episodes.push_back({values[0], values[1], values[2] * 1e3});
        }
      prm.leave_subsection();
    }



    void VeinParameters::declare(ParameterHandler &prm, const std::string &name)
    {
      const VeinDefaults defaults = vein_defaults(name);
      prm.enter_subsection(name);
      {
        prm.declare_entry(
          "Leak class",
          defaults.leak_class,
          Patterns::Selection("venous-basivertebral|venous-segmental"),
          "Cement that leaves the body through this vein is a leak of this "
          "class (Yeom et al. 2003 types B and S). Units: none.");
        prm.declare_entry(
          "Start",
          defaults.start,
          ParameterTools::point_pattern(),
          "Where the vein begins inside the bone. The default basivertebral "
          "trunk starts near the body's centre, as the basivertebral veins "
          "gather there (Gray's Anatomy, physics-reference.md 14). Units: "
          "mm.");
        prm.declare_entry(
          "Joins",
          "",
          Patterns::Anything(),
          "The name of another vein in Names that this one drains into: it "
          "runs inside the bone from Start to the nearest point of that "
          "vein, and its cement leaves the body through that vein's "
          "foramen (Foramen, Outside length, Plexus pressure offset and "
          "Leak class are then not used). The basivertebral veins of the "
          "spongiosa converge to the principal posterior canal (Gray's "
          "Anatomy, 1918, p. 668); their number, course and radii are not "
          "in our reference. Empty: the vein leaves through its own "
          "foramen. Units: none.");
        prm.declare_entry(
          "Foramen",
          defaults.foramen,
          ParameterTools::point_pattern(),
          "A point at or beyond the wall towards which the vein runs; it "
          "leaves the bone where the line from Start crosses the surface "
          "(its foramen) and continues Outside length beyond. The default "
          "basivertebral foramen is in the posterior wall a little above "
          "mid-height, closer to the upper endplate at T10-L4 (Tzika et al. "
          "2021); the segmental foramina anterolateral. Units: mm.");
        prm.declare_entry(
          "Radius",
          number(defaults.radius),
          Patterns::Double(0.01, 5.),
          "Lumen radius. No basivertebral or segmental vein diameter is in "
          "our reference (physics-reference.md 14: a gap); Tzika et al. "
          "2021 measured the basivertebral foramina larger than 1 mm. "
          "Assumed: 0.75 mm basivertebral (range 0.5-1.5), 0.4 mm "
          "segmental (range 0.2-0.75). The flow scales with r^4: vary it. "
          "Units: mm.");
        prm.declare_entry(
          "Outside length",
          "10",
          Patterns::Double(0., 200.),
          "Length of the vein outside the body, from its foramen to the "
          "plexus; cement in it has leaked, cement beyond it can embolise. "
          "Assumed 10 mm (range 5-30); not in our reference. Units: mm.");
        prm.declare_entry(
          "Plexus pressure offset",
          "0",
          Patterns::Double(-20., 20.),
          "Added to the plexus pressure for this vein, for a plexus at "
          "another pressure (the internal plexus of the basivertebral vein "
          "against the external one of the segmental veins; no values are "
          "in our reference). Units: kPa.");
      }
      prm.leave_subsection();
    }



    void VeinParameters::parse(ParameterHandler &prm, const std::string &name)
    {
      this->name = name;
      prm.enter_subsection(name);
      leak_class     = prm.get("Leak class");
      joins          = prm.get("Joins");
      start          = ParameterTools::get_point(prm, "Start", 1e-3);
      foramen        = ParameterTools::get_point(prm, "Foramen", 1e-3);
      radius         = prm.get_double("Radius") * 1e-3;
      outside_length = prm.get_double("Outside length") * 1e-3;
      plexus_offset  = prm.get_double("Plexus pressure offset") * 1e3;
      prm.leave_subsection();
      AssertThrow(joins != name,
                  ExcMessage("Veins/" + name +
                             "/Joins names the vein "
                             "itself; name another vein of Veins/Names."));
      AssertThrow(!joins.empty() || start.distance(foramen) > 0,
                  ExcMessage("Veins/" + name +
                             ": Start and Foramen are the same point; the "
                             "vein needs a direction."));
    }



    bool VeinsParameters::enabled() const
    {
      return source != "none";
    }



    std::string VeinsParameters::default_names()
    {
      return "basivertebral vein, left segmental vein, right segmental vein";
    }



    void VeinsParameters::declare_names(ParameterHandler &prm)
    {
      ParameterTools::declare_name_list(
        prm,
        "Veins",
        default_names(),
        "Comma-separated names of the veins for Source = parameters, each a "
        "subsection of this one. Units: none.");
    }



    std::vector<std::string> VeinsParameters::parse_names(ParameterHandler &prm)
    {
      return ParameterTools::get_name_list(prm, "Veins");
    }



    void VeinsParameters::declare(ParameterHandler               &prm,
                                  const std::vector<std::string> &names)
    {
      declare_names(prm);
      prm.enter_subsection("Veins");
      {
        prm.declare_entry(
          "Source",
          "none",
          Patterns::Selection("none|parameters|file|CT label"),
          "Where the veins come from: none (the body drains only through "
          "its exit zones); parameters (the veins listed in Names, each a "
          "straight run from its start through its foramen); file (VTK "
          "polylines with a point array radius_mm); CT label (the voxels of "
          "CT label in the CT geometry's label image). Each vein is a chain "
          "of Poiseuille segments that exchanges fluid with the bone it runs "
          "through and drains into the venous plexus (docs/circulation.md). "
          "Units: none.");
        prm.declare_entry(
          "File",
          "",
          Patterns::Anything(),
          "For Source = file: a legacy VTK (.vtk) or XML (.vtp) polydata "
          "file of polylines (one per vein; shared points join veins) with "
          "the point array radius_mm and optionally the cell array "
          "leak_class (0 basivertebral, 1 segmental). A polyline end outside "
          "the body drains into the plexus. Units: none.");
        prm.declare_entry("File length unit",
                          "1",
                          Patterns::Double(1e-6, 1e6),
                          "Coordinates of the file in millimetres times this. "
                          "Units: mm.");
        prm.declare_entry(
          "CT label",
          "0",
          Patterns::Integer(0, 65535),
          "For Source = CT label: the label of vein voxels in the CT "
          "geometry's label image; each connected group of such voxels is "
          "one vein along its long axis, leaving through the body surface "
          "nearest its end. Units: none.");
        prm.declare_entry(
          "CT vein radius",
          "0",
          Patterns::Double(0., 5.),
          "For Source = CT label: the lumen radius; 0 takes the radius of "
          "a circle with the mean cross-section of the labelled voxels. "
          "Units: mm.");
        prm.declare_entry(
          "Blood viscosity",
          "0.004",
          Patterns::Double(1e-4, 1.),
          "Viscosity of the blood in the veins, about 4 mPa s at high shear "
          "(physics-reference.md 14). Units: Pa s.");
        prm.declare_entry(
          "Segment length",
          "0.5",
          Patterns::Double(0.01, 100.),
          "The veins are split into segments of at most this length, "
          "independent of the mesh; each segment holds blood and cement. "
          "Units: mm.");
        prm.declare_entry(
          "Transport Courant number",
          "1",
          Patterns::Double(0., 100.),
          "The cement's transport along the veins takes sub-steps in which "
          "at most this many segment volumes flow through any segment; 0 "
          "takes one step per time step. Implicit upwind smears a slug over "
          "about 1 + this many segments per sub-step: with one step per "
          "time step the venous-leak example's first venous leak came 5 % "
          "earlier, with 0.25 the same as with 1 (docs/circulation.md). "
          "Units: none.");
        prm.declare_entry(
          "Coupling radius",
          "0",
          Patterns::Double(0., 100.),
          "Radius of the balls around the vein over which its exchange with "
          "the bone is spread; 0 takes 1.5 times the cell size (at least "
          "the segment length), so that the exchange does not depend on the "
          "mesh (docs/circulation.md). Units: mm.");
      }
      prm.leave_subsection();
      ParameterTools::declare_named_items<VeinParameters>(prm, "Veins", names);
    }



    void VeinsParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Veins");
      source                   = prm.get("Source");
      file                     = prm.get("File");
      file_length_unit         = prm.get_double("File length unit") * 1e-3;
      ct_label                 = prm.get_integer("CT label");
      ct_radius                = prm.get_double("CT vein radius") * 1e-3;
      blood_viscosity          = prm.get_double("Blood viscosity");
      segment_length           = prm.get_double("Segment length") * 1e-3;
      coupling_radius          = prm.get_double("Coupling radius") * 1e-3;
      transport_courant_number = prm.get_double("Transport Courant number");
      prm.leave_subsection();
      veins = ParameterTools::parse_named_items<VeinParameters>(prm, "Veins");
      AssertThrow(source != "parameters" || !veins.empty(),
                  ExcMessage("Veins/Source = parameters needs at least one "
                             "name in Veins/Names."));
      // Tributaries join a listed vein, and following them ends at a vein
      // with its own foramen.
      std::map<std::string, std::string> joins_of;
      for (const VeinParameters &vein : veins)
        joins_of[vein.name] = vein.joins;
      for (const VeinParameters &vein : veins)
        {
          std::string current = vein.name;
          for (unsigned int step = 0; !joins_of[current].empty(); ++step)
            {
              AssertThrow(joins_of.count(joins_of[current]) > 0,
                          ExcMessage("Veins/" + current + "/Joins = \"" +
                                     joins_of[current] +
                                     "\" is not a vein of Veins/Names."));
              AssertThrow(step < veins.size(),
                          ExcMessage("Veins/" + vein.name +
                                     "/Joins: the veins join each other in "
                                     "a loop; one of them must leave the "
                                     "body through its own foramen."));
              current = joins_of[current];
            }
        }
      AssertThrow(source != "file" || !file.empty(),
                  ExcMessage("Veins/Source = file needs Veins/File."));
      AssertThrow(source != "CT label" || ct_label > 0,
                  ExcMessage("Veins/Source = CT label needs Veins/CT label "
                             "> 0."));
    }



    bool CirculationParameters::enabled() const
    {
      return perfusion.enabled || veins.enabled();
    }



    void CirculationParameters::declare(ParameterHandler               &prm,
                                        const std::vector<std::string> &names)
    {
      PerfusionParameters::declare(prm);
      PlexusParameters::declare(prm);
      VeinsParameters::declare(prm, names);
    }



    void CirculationParameters::parse(ParameterHandler &prm)
    {
      perfusion.parse(prm);
      plexus.parse(prm);
      veins.parse(prm);
    }
  } // namespace Circulation
} // namespace cementflow
