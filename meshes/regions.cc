#include "regions.h"

#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    void LesionParameters::declare(ParameterHandler  &prm,
                                   const std::string &name)
    {
      prm.enter_subsection(name);
      {
        prm.declare_entry(
          "Type",
          "blastic",
          Patterns::Selection("blastic|lytic|mixed"),
          "Kind of metastatic lesion; it labels the region in the outputs. "
          "The porosity below is what changes the flow. Units: none.");
        prm.declare_entry(
          "Center",
          "-6, 4, 0",
          ParameterTools::point_pattern(),
          "Centre of the ellipsoid (x lateral, y anterior, z superior; the "
          "body is centred at the origin). The default is illustrative. "
          "Units: mm.");
        prm.declare_entry(
          "Semi-axes",
          "7, 6, 6",
          ParameterTools::point_pattern(),
          "Semi-axes of the ellipsoid along x, y, z. The default (about 3% of "
          "the body volume) is illustrative; lesions of 4-35% of the body "
          "volume are reported (physics-reference.md 5.1). Units: mm.");
        prm.declare_entry(
          "Porosity",
          "0.6",
          Patterns::Double(0.05, 0.99),
          "Porosity inside the lesion. Osteoblastic lesions are assumed at "
          "0.5-0.8 (physics-reference.md 12, an inferred working range: no "
          "BV/TV of blastic lesions was retrievable). Units: none.");
      }
      prm.leave_subsection();
    }



    void LesionParameters::parse(ParameterHandler &prm, const std::string &name)
    {
      this->name = name;
      prm.enter_subsection(name);
      {
        type      = prm.get("Type");
        center    = ParameterTools::get_point(prm, "Center", 1e-3);
        semi_axes = ParameterTools::get_point(prm, "Semi-axes", 1e-3);
        porosity  = prm.get_double("Porosity");
        for (unsigned int d = 0; d < 3; ++d)
          AssertThrow(semi_axes[d] > 0,
                      ExcMessage(
                        "Lesions/" + name +
                        "/Semi-axes: all three semi-axes must be "
                        "positive, got " +
                        ParameterTools::point_to_string(semi_axes * 1e3) +
                        " mm."));
      }
      prm.leave_subsection();
    }



    std::string LesionsParameters::default_names()
    {
      return "blastic lesion";
    }



    void LesionsParameters::declare_names(ParameterHandler &prm)
    {
      prm.enter_subsection("Lesions");
      prm.declare_entry(
        "Names",
        default_names(),
        ParameterTools::names_pattern(),
        "Comma-separated names of the lesions; each name opens a subsection "
        "of this one with the lesion's shape and porosity. Leave empty for "
        "bone without lesions. Units: none.");
      prm.leave_subsection();
    }



    std::vector<std::string>
    LesionsParameters::parse_names(ParameterHandler &prm)
    {
      prm.enter_subsection("Lesions");
      const std::vector<std::string> names =
        ParameterTools::split_names(prm.get("Names"), "Lesions/Names");
      prm.leave_subsection();
      return names;
    }



    void LesionsParameters::declare(ParameterHandler               &prm,
                                    const std::vector<std::string> &names)
    {
      declare_names(prm);
      prm.enter_subsection("Lesions");
      for (const std::string &name : names)
        LesionParameters::declare(prm, name);
      prm.leave_subsection();
    }



    void LesionsParameters::parse(ParameterHandler &prm)
    {
      const std::vector<std::string> names = parse_names(prm);
      lesions.clear();
      prm.enter_subsection("Lesions");
      for (const std::string &name : names)
        {
          lesions.emplace_back();
          lesions.back().parse(prm, name);
        }
      prm.leave_subsection();
    }



    Regions::Regions(const LesionsParameters &lesions,
                     const double             bone_porosity)
      : lesions(lesions)
      , bone_porosity(bone_porosity)
    {}



    unsigned int Regions::region_id(const Point<3> &point) const
    {
      for (unsigned int i = 0; i < lesions.lesions.size(); ++i)
        {
          const LesionParameters &lesion = lesions.lesions[i];
          double                  r2     = 0;
          for (unsigned int d = 0; d < 3; ++d)
            {
              const double x =
                (point[d] - lesion.center[d]) / lesion.semi_axes[d];
              r2 += x * x;
            }
          if (r2 <= 1.)
            return i + 1;
        }
      return 0;
    }



    double Regions::porosity(const unsigned int region_id) const
    {
      Assert(region_id <= lesions.lesions.size(), ExcInternalError());
      return region_id == 0 ? bone_porosity :
                              lesions.lesions[region_id - 1].porosity;
    }



    std::string Regions::region_name(const unsigned int region_id) const
    {
      return region_id == 0 ? std::string("trabecular bone") :
                              lesions.lesions[region_id - 1].name;
    }



    unsigned int Regions::n_regions() const
    {
      return lesions.lesions.size() + 1;
    }
  } // namespace Meshes
} // namespace cementflow
