#include "exit_zones.h"

#include "boundary_ids.h"
#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>

#include <limits>
#include <map>
#include <sstream>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    namespace
    {
      // The zones of the default case, so that their subsections need not
      // repeat what the built-in case already says.
      struct ZoneDefaults
      {
        std::string leak_class;
        std::string surface;
        std::string center;
        double      radius;
      };

      ZoneDefaults zone_defaults(const std::string &name)
      {
        static const std::map<std::string, ZoneDefaults> defaults = {
          {"basivertebral foramen",
           {"venous-basivertebral", "patch", "0, -15, 3", 2.}},
          {"left segmental foramen",
           {"venous-segmental", "patch", "17, 12, 0", 1.5}},
          {"right segmental foramen",
           {"venous-segmental", "patch", "-17, 12, 0", 1.5}},
          {"outer boundary",
           {"paravertebral", "whole boundary", "0, 0, 0", 2.}}};
        const auto found = defaults.find(name);
        return found != defaults.end() ?
                 found->second :
                 ZoneDefaults{"paravertebral", "patch", "0, 0, 0", 2.};
      }
    } // namespace



    bool ExitZoneParameters::is_open() const
    {
      return boundary_condition == "open";
    }



    bool ExitZoneParameters::is_leaky() const
    {
      return boundary_condition == "leaky";
    }



    bool ExitZoneParameters::carries_flux() const
    {
      return is_open() || is_leaky();
    }



    void ExitZoneParameters::declare(ParameterHandler  &prm,
                                     const std::string &name)
    {
      const ZoneDefaults defaults = zone_defaults(name);
      prm.enter_subsection(name);
      {
        prm.declare_entry(
          "Leak class",
          defaults.leak_class,
          Patterns::Selection("venous-basivertebral|venous-segmental|"
                              "spinal canal|foraminal|paravertebral|"
                              "intradiscal"),
          "Where cement leaving through this zone ends up (Yeom et al. 2003 "
          "types B, S and C, and intradiscal; physics-reference.md 7.1). "
          "Units: none.");
        prm.declare_entry(
          "Boundary condition",
          "open",
          Patterns::Selection("open|leaky|closed"),
          "open: the zone is held at the pressure below and fluid leaves or "
          "enters freely; leaky: a thin cortex (Robin condition) through "
          "which the normal Darcy flux is lambda_t (k_cortex / t_cortex) "
          "(p - Pressure), lambda_t the total mobility of the cell inside; "
          "closed: no flow, as the rest of the cortex. Units: none.");
        prm.declare_entry(
          "Pressure",
          "3",
          Patterns::Double(-20., 100.),
          "Pressure outside an open zone (gauge). Intraosseous and venous "
          "pressures of 3-12 kPa are the working range of "
          "physics-reference.md 5.4 and 12 (3.3 kPa subchondral, up to 12 kPa "
          "under Valsalva). Units: kPa.");
        prm.declare_entry(
          "Cortex permeability",
          "0",
          Patterns::Double(0.),
          "Permeability of the cortex of a leaky zone; required (> 0) when "
          "Boundary condition = leaky. No permeability of vertebral cortex "
          "(intact or eroded by a metastasis) is in our reference: set it "
          "from your own data or sweep it. Units: m^2.");
        prm.declare_entry(
          "Cortex thickness",
          "0.5",
          Patterns::Double(1e-3, 10.),
          "Thickness of the cortex of a leaky zone. The default lies in the "
          "0.09-0.86 mm range of vertebral shell thickness (Silva et al. "
          "1994, physics-reference.md 5.5). Units: mm.");
        prm.declare_entry(
          "Surface",
          defaults.surface,
          Patterns::Selection("patch|whole boundary|boundary id"),
          "patch: the boundary faces within Radius of the surface point "
          "nearest to Center; whole boundary: every boundary face not claimed "
          "by an earlier zone (the open outer boundary of the box and sphere "
          "benchmarks); boundary id: the faces an imported mesh labels with "
          "Boundary id (a Gmsh physical surface). Units: none.");
        prm.declare_entry("Boundary id",
                          "1",
                          Patterns::Integer(1, 254),
                          "The label of the zone's faces in an imported mesh "
                          "file, for Surface = boundary id. Units: none.");
        prm.declare_entry(
          "Center",
          defaults.center,
          ParameterTools::point_pattern(),
          "A point at or near the surface; the patch is centred on the "
          "boundary face centre nearest to it. Units: mm.");
        prm.declare_entry(
          "Radius",
          [&defaults]() {
            std::ostringstream radius;
            radius << defaults.radius;
            return radius.str();
          }(),
          Patterns::Double(0.01, 1000.),
          "Radius of the patch on the surface. No measured foramen sizes are "
          "in our reference; the defaults (2 mm basivertebral, 1.5 mm "
          "segmental) are illustrative. Units: mm.");
      }
      prm.leave_subsection();
    }



    void ExitZoneParameters::parse(ParameterHandler  &prm,
                                   const std::string &name)
    {
      this->name = name;
      prm.enter_subsection(name);
      {
        leak_class          = prm.get("Leak class");
        boundary_condition  = prm.get("Boundary condition");
        pressure            = prm.get_double("Pressure") * 1e3;
        cortex_permeability = prm.get_double("Cortex permeability");
        cortex_thickness    = prm.get_double("Cortex thickness") * 1e-3;
        surface             = prm.get("Surface");
        boundary_label      = prm.get_integer("Boundary id");
        center              = ParameterTools::get_point(prm, "Center", 1e-3);
        radius              = prm.get_double("Radius") * 1e-3;
      }
      prm.leave_subsection();
      AssertThrow(!is_leaky() || cortex_permeability > 0,
                  ExcMessage("Exit zones/" + name +
                             ": Boundary condition = leaky needs a Cortex "
                             "permeability > 0 (m^2), got " +
                             std::to_string(cortex_permeability) +
                             "; no default is given because none is "
                             "published in our reference."));
    }



    std::string ExitZonesParameters::default_names()
    {
      return "basivertebral foramen, left segmental foramen, "
             "right segmental foramen";
    }



    void ExitZonesParameters::declare_names(ParameterHandler &prm)
    {
      ParameterTools::declare_name_list(
        prm,
        "Exit zones",
        default_names(),
        "Comma-separated names of the exit zones: the openings of the "
        "otherwise closed cortical shell. Each name opens a subsection of this "
        "one. At least one zone must be open, or no marrow could leave and "
        "no cement could enter. Units: none.");
    }



    std::vector<std::string>
    ExitZonesParameters::parse_names(ParameterHandler &prm)
    {
      const std::vector<std::string> names =
        ParameterTools::get_name_list(prm, "Exit zones");
      AssertThrow(names.size() < 250,
                  ExcMessage("Exit zones/Names: at most 249 zones are "
                             "supported."));
      return names;
    }



    void ExitZonesParameters::declare(ParameterHandler               &prm,
                                      const std::vector<std::string> &names)
    {
      declare_names(prm);
      prm.enter_subsection("Exit zones");
      prm.declare_entry(
        "Leak threshold",
        "0.01",
        Patterns::Double(0., 100.),
        "A zone counts as leaking once this much cement has left through it; "
        "the first such moment defines the safe volume. How small a leak "
        "fluoroscopy or CT detects is not quantified in our reference (CT "
        "finds about 1.5 times more leaks than radiographs, Yeom et al. "
        "2003): 0.01 mL is an assumption. Units: mL.");
      prm.leave_subsection();
      ParameterTools::declare_named_items<ExitZoneParameters>(prm,
                                                              "Exit zones",
                                                              names);
    }



    void ExitZonesParameters::parse(ParameterHandler &prm)
    {
      parse_names(prm);
      prm.enter_subsection("Exit zones");
      leak_threshold = prm.get_double("Leak threshold") * 1e-6;
      prm.leave_subsection();
      zones =
        ParameterTools::parse_named_items<ExitZoneParameters>(prm,
                                                              "Exit zones");
    }



    bool ExitZonesParameters::has_outlet() const
    {
      for (const ExitZoneParameters &zone : zones)
        if (zone.carries_flux())
          return true;
      return false;
    }



    std::vector<unsigned int>
    mark_exit_zones(Triangulation<3>          &coarse_triangulation,
                    const ExitZonesParameters &parameters)
    {
      Assert(coarse_triangulation.n_levels() == 1,
             ExcMessage("Exit zones are marked on the coarse mesh."));

      // The labels an imported mesh gave its faces, before they are
      // replaced by the zones' ids (generated meshes label none).
      std::vector<Triangulation<3>::face_iterator> boundary_faces;
      std::vector<types::boundary_id>              imported_labels;
      for (const auto &cell : coarse_triangulation.active_cell_iterators())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
            {
              imported_labels.push_back(face->boundary_id());
              face->set_boundary_id(BoundaryIds::closed_cortex);
              boundary_faces.push_back(face);
            }

      std::vector<unsigned int> n_faces(parameters.zones.size(), 0);
      for (unsigned int z = 0; z < parameters.zones.size(); ++z)
        {
          const ExitZoneParameters &zone = parameters.zones[z];
          Point<3>                  anchor;
          if (zone.surface == "patch")
            {
              double nearest = std::numeric_limits<double>::max();
              for (const auto &face : boundary_faces)
                if (face->center().distance(zone.center) < nearest)
                  {
                    nearest = face->center().distance(zone.center);
                    anchor  = face->center();
                  }
            }
          for (unsigned int f = 0; f < boundary_faces.size(); ++f)
            {
              const auto &face = boundary_faces[f];
              const bool  claims =
                zone.surface == "whole boundary" ||
                (zone.surface == "patch" &&
                 face->center().distance(anchor) <= zone.radius) ||
                (zone.surface == "boundary id" &&
                 imported_labels[f] == zone.boundary_label);
              if (claims && face->boundary_id() == BoundaryIds::closed_cortex)
                {
                  face->set_boundary_id(BoundaryIds::exit_zone(z));
                  ++n_faces[z];
                }
            }
          AssertThrow(n_faces[z] > 0,
                      ExcMessage(
                        "Exit zones/" + zone.name +
                        (zone.surface == "boundary id" ?
                           ": no face of the mesh is labelled " +
                             std::to_string(zone.boundary_label) +
                             " (or all such faces belong to an earlier zone)."
                             " Boundary ids come from an imported mesh file." :
                           ": the zone claims no boundary face; every face "
                           "near its centre belongs to an earlier zone. Move "
                           "its Center or list it first.")));
        }
      return n_faces;
    }
  } // namespace Meshes
} // namespace cementflow
