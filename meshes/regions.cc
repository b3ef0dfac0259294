#include "regions.h"

#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    namespace
    {
      // Rotation by angles about x, then y, then z: R = Rz Ry Rx.
      Tensor<2, 3> rotation_matrix(const Point<3> &angles)
      {
        const auto about = [](const unsigned int axis, const double angle) {
          Tensor<2, 3>       r;
          const unsigned int i = (axis + 1) % 3, j = (axis + 2) % 3;
          r[axis][axis] = 1;
          r[i][i]       = std::cos(angle);
          r[j][j]       = std::cos(angle);
          r[i][j]       = -std::sin(angle);
          r[j][i]       = std::sin(angle);
          return r;
        };
        return about(2, angles[2]) * about(1, angles[1]) * about(0, angles[0]);
      }



      double distance_to_segment(const Point<3> &point,
                                 const Point<3> &start,
                                 const Point<3> &end)
      {
        const Tensor<1, 3> along  = end - start;
        const double       length = along.norm_square();
        const double       t =
          length > 0 ? std::clamp((point - start) * along / length, 0., 1.) :
                             0.;
        return (point - (start + t * along)).norm();
      }



      // A conduit of lumen size @p lumen (radius or half aperture) is
      // marked out to this distance, so that it stays a connected path of
      // cells of size @p cell_size.
      double marked_size(const double lumen, const double cell_size)
      {
        return std::max(lumen, 0.75 * cell_size);
      }
    } // namespace



    bool LesionParameters::contains(const Point<3>    &point,
                                    const unsigned int cell_material) const
    {
      if (shape == "material id")
        return cell_material == material;
      // Coordinates along the turned semi-axes.
      const Tensor<1, 3> local = transpose(axes) * (point - center);
      double             r2    = 0;
      for (unsigned int d = 0; d < 3; ++d)
        r2 += (local[d] / semi_axes[d]) * (local[d] / semi_axes[d]);
      return r2 <= 1.;
    }



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
          "Shape",
          "ellipsoid",
          Patterns::Selection("ellipsoid|material id"),
          "ellipsoid: the shape below; material id: the cells an imported "
          "mesh labels with Material id (a Gmsh physical volume). "
          "Units: none.");
        prm.declare_entry("Material id",
                          "1",
                          Patterns::Integer(1, 254),
                          "The label of the lesion's cells in an imported "
                          "mesh, for Shape = material id. Units: none.");
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
          "Orientation",
          "0, 0, 0",
          ParameterTools::point_pattern(),
          "Turns the ellipsoid: angles about the x, y and z axes, applied in "
          "that order to its semi-axes. Units: degrees.");
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
        shape     = prm.get("Shape");
        material  = prm.get_integer("Material id");
        const Point<3> angles =
          ParameterTools::get_point(prm, "Orientation", numbers::PI / 180);
        axes = rotation_matrix(angles);
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



    void VenousChannelParameters::declare(ParameterHandler  &prm,
                                          const std::string &name)
    {
      prm.enter_subsection(name);
      {
        prm.declare_entry(
          "Start",
          "0, 0, 3",
          ParameterTools::point_pattern(),
          "Inner end of the channel: by default the middle of the body, "
          "where the basivertebral veins gather; the bony canal is the last "
          "12-21.8% of the antero-posterior diameter (Tzika et al. 2021, "
          "physics-reference.md 5.5). Units: mm.");
        prm.declare_entry(
          "End",
          "0, -16, 3",
          ParameterTools::point_pattern(),
          "Outer end: put it at the exit zone the channel drains into (the "
          "default is the basivertebral foramen of the default case). "
          "Units: mm.");
        prm.declare_entry(
          "Radius",
          "1",
          Patterns::Double(1e-3, 10),
          "Lumen radius; the permeability is r^2 / 8, more than the default "
          "bone's 4.45e-8 m^2 only above 0.6 mm. No measured radius of the "
          "basivertebral vein is in our reference: the default is "
          "illustrative. Units: mm.");
      }
      prm.leave_subsection();
    }



    void VenousChannelParameters::parse(ParameterHandler  &prm,
                                        const std::string &name)
    {
      this->name = name;
      prm.enter_subsection(name);
      start  = ParameterTools::get_point(prm, "Start", 1e-3);
      end    = ParameterTools::get_point(prm, "End", 1e-3);
      radius = prm.get_double("Radius") * 1e-3;
      prm.leave_subsection();
      AssertThrow(start.distance(end) > 0,
                  ExcMessage("Venous channels/" + name +
                             ": Start and End must differ, both are " +
                             ParameterTools::point_to_string(start * 1e3) +
                             " mm."));
    }



    void CleftParameters::declare(ParameterHandler  &prm,
                                  const std::string &name)
    {
      prm.enter_subsection(name);
      {
        prm.declare_entry("Center",
                          "0, 0, 0",
                          ParameterTools::point_pattern(),
                          "Centre of the disc-shaped cleft. Units: mm.");
        prm.declare_entry(
          "Normal",
          "0, 0, 1",
          ParameterTools::point_pattern(),
          "Direction across the cleft (need not be of unit length); the "
          "default is a horizontal cleft, as in a collapsed body. Units: "
          "none.");
        prm.declare_entry("Radius",
                          "8",
                          Patterns::Double(1e-3, 100),
                          "Radius of the disc. Illustrative default: no "
                          "cleft sizes are in our reference. Units: mm.");
        prm.declare_entry(
          "Aperture",
          "1",
          Patterns::Double(1e-3, 20),
          "Opening of the gap; the permeability is a^2 / 12, more than the "
          "default bone's 4.45e-8 m^2 only above 0.73 mm. Illustrative "
          "default: no cleft apertures are in our reference. Units: mm.");
      }
      prm.leave_subsection();
    }



    void CleftParameters::parse(ParameterHandler &prm, const std::string &name)
    {
      this->name = name;
      prm.enter_subsection(name);
      center              = ParameterTools::get_point(prm, "Center", 1e-3);
      const Point<3> axis = ParameterTools::get_point(prm, "Normal");
      radius              = prm.get_double("Radius") * 1e-3;
      aperture            = prm.get_double("Aperture") * 1e-3;
      prm.leave_subsection();
      AssertThrow(axis.norm() > 0,
                  ExcMessage("Fracture clefts/" + name +
                             "/Normal must not be zero."));
      normal = axis / axis.norm();
    }



    void ConduitsParameters::declare_names(ParameterHandler &prm)
    {
      ParameterTools::declare_name_list(
        prm,
        "Venous channels",
        "",
        "Comma-separated names of open venous channels (the basivertebral "
        "vein), each a tube of lumen that opens a subsection of this one. "
        "Empty: none. Units: none.");
      ParameterTools::declare_name_list(
        prm,
        "Fracture clefts",
        "",
        "Comma-separated names of fracture clefts, each a thin open disc "
        "that opens a subsection of this one. Empty: none. Units: none.");
    }



    std::vector<std::string>
    ConduitsParameters::parse_channel_names(ParameterHandler &prm)
    {
      return ParameterTools::get_name_list(prm, "Venous channels");
    }



    std::vector<std::string>
    ConduitsParameters::parse_cleft_names(ParameterHandler &prm)
    {
      return ParameterTools::get_name_list(prm, "Fracture clefts");
    }



    void
    ConduitsParameters::declare(ParameterHandler               &prm,
                                const std::vector<std::string> &channel_names,
                                const std::vector<std::string> &cleft_names)
    {
      declare_names(prm);
      ParameterTools::declare_named_items<VenousChannelParameters>(
        prm, "Venous channels", channel_names);
      ParameterTools::declare_named_items<CleftParameters>(prm,
                                                           "Fracture clefts",
                                                           cleft_names);
    }



    void ConduitsParameters::parse(ParameterHandler &prm)
    {
      channels = ParameterTools::parse_named_items<VenousChannelParameters>(
        prm, "Venous channels");
      clefts =
        ParameterTools::parse_named_items<CleftParameters>(prm,
                                                           "Fracture clefts");
    }



    void HeterogeneityParameters::declare(ParameterHandler &prm)
    {
      prm.enter_subsection("Heterogeneity");
      {
        prm.declare_entry(
          "Porosity standard deviation",
          "0",
          Patterns::Double(0, 0.5),
          "Standard deviation of a random field added to the porosity of "
          "the bone and the lesions (not of channels and clefts); the sum is "
          "clipped to 0.05-0.99. 0: uniform regions. No measured spatial "
          "statistics of vertebral porosity are in our reference: choose "
          "from your own microCT data. Units: none.");
        prm.declare_entry(
          "Correlation length",
          "3",
          Patterns::Double(1e-3, 1000),
          "Length l of the Gaussian covariance exp(-r^2 / (2 l^2)). "
          "Units: mm.");
        prm.declare_entry(
          "Seed",
          "1",
          Patterns::Integer(0),
          "Seed of the field: the same seed gives the same field on any "
          "number of ranks and any mesh. Units: none.");
        prm.declare_entry(
          "Number of modes",
          "512",
          Patterns::Integer(16, 100000),
          "Random Fourier modes summed; more modes make the field closer to "
          "Gaussian and cost more at setup. Units: none.");
      }
      prm.leave_subsection();
    }



    void HeterogeneityParameters::parse(ParameterHandler &prm)
    {
      prm.enter_subsection("Heterogeneity");
      standard_deviation = prm.get_double("Porosity standard deviation");
      correlation_length = prm.get_double("Correlation length") * 1e-3;
      seed               = prm.get_integer("Seed");
      n_modes            = prm.get_integer("Number of modes");
      prm.leave_subsection();
    }



    RandomField::RandomField(const HeterogeneityParameters &parameters)
      : amplitude(parameters.standard_deviation *
                  std::sqrt(2. / parameters.n_modes))
    {
      if (parameters.standard_deviation == 0)
        return;
      // mt19937_64 is specified exactly by the standard; the normal
      // variates come from Box-Muller rather than std::normal_distribution,
      // whose algorithm differs between standard libraries.
      std::mt19937_64 engine(parameters.seed);
      const auto      uniform = [&engine]() {
        return (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53;
      };
      const auto normal = [&uniform]() {
        return std::sqrt(-2 * std::log(uniform())) *
               std::cos(2 * numbers::PI * uniform());
      };
      for (unsigned int i = 0; i < parameters.n_modes; ++i)
        {
          Tensor<1, 3> k;
          for (unsigned int d = 0; d < 3; ++d)
            k[d] = normal() / parameters.correlation_length;
          wave_vectors.push_back(k);
          phases.push_back(2 * numbers::PI * uniform());
        }
    }



    double RandomField::value(const Point<3> &point) const
    {
      double sum = 0;
      for (unsigned int i = 0; i < wave_vectors.size(); ++i)
        sum += std::cos(wave_vectors[i] * point + phases[i]);
      return amplitude * sum;
    }



    double CellMaterial::porosity() const
    {
      return (1 - conduit_fraction) * matrix_porosity + conduit_fraction;
    }



    double CellMaterial::permeability(const double matrix_permeability) const
    {
      return (1 - conduit_fraction) * matrix_permeability +
             conduit_fraction * conduit_permeability;
    }



    Regions::Regions(
      const LesionsParameters                        &lesions,
      const ConduitsParameters                       &conduits,
      const HeterogeneityParameters                  &heterogeneity,
      const double                                    bone_porosity,
      std::function<double(const Point<3> &, double)> imaged_porosity)
      : lesions(lesions)
      , conduits(conduits)
      , heterogeneity(heterogeneity)
      , random_field(heterogeneity)
      , bone_porosity(bone_porosity)
      , imaged_porosity(std::move(imaged_porosity))
    {}



    CellMaterial Regions::material(const Point<3>    &center,
                                   const double       cell_size,
                                   const unsigned int material_id) const
    {
      const unsigned int n_lesions  = lesions.lesions.size();
      const unsigned int n_channels = conduits.channels.size();

      CellMaterial material{0, bone_porosity, 0., 0.};
      for (unsigned int i = 0; i < n_lesions; ++i)
        if (lesions.lesions[i].contains(center, material_id))
          {
            material.region_id       = i + 1;
            material.matrix_porosity = lesions.lesions[i].porosity;
            break;
          }
      if (imaged_porosity)
        material.matrix_porosity = imaged_porosity(center, cell_size);
      if (heterogeneity.standard_deviation > 0)
        material.matrix_porosity =
          std::clamp(material.matrix_porosity + random_field.value(center),
                     0.05,
                     0.99);

      for (unsigned int i = 0; i < n_channels; ++i)
        {
          const VenousChannelParameters &channel = conduits.channels[i];
          const double marked = marked_size(channel.radius, cell_size);
          if (distance_to_segment(center, channel.start, channel.end) <= marked)
            {
              material.region_id        = n_lesions + 1 + i;
              material.conduit_fraction = std::pow(channel.radius / marked, 2);
              material.conduit_permeability =
                channel.radius * channel.radius / 8;
              return material;
            }
        }
      for (unsigned int i = 0; i < conduits.clefts.size(); ++i)
        {
          const CleftParameters &cleft  = conduits.clefts[i];
          const Tensor<1, 3>     offset = center - cleft.center;
          const double           across = offset * cleft.normal;
          const double marked = marked_size(cleft.aperture / 2, cell_size);
          if (std::abs(across) <= marked &&
              (offset - across * cleft.normal).norm() <= cleft.radius)
            {
              material.region_id        = n_lesions + n_channels + 1 + i;
              material.conduit_fraction = cleft.aperture / (2 * marked);
              material.conduit_permeability =
                cleft.aperture * cleft.aperture / 12;
              return material;
            }
        }
      return material;
    }



    std::string Regions::region_name(const unsigned int region_id) const
    {
      const unsigned int n_lesions  = lesions.lesions.size();
      const unsigned int n_channels = conduits.channels.size();
      Assert(region_id < n_regions(), ExcInternalError());
      if (region_id == 0)
        return "trabecular bone";
      if (region_id <= n_lesions)
        return lesions.lesions[region_id - 1].name;
      if (region_id <= n_lesions + n_channels)
        return conduits.channels[region_id - 1 - n_lesions].name;
      return conduits.clefts[region_id - 1 - n_lesions - n_channels].name;
    }



    unsigned int Regions::n_regions() const
    {
      return 1 + lesions.lesions.size() + conduits.channels.size() +
             conduits.clefts.size();
    }
  } // namespace Meshes
} // namespace cementflow
