#include "case_parameters.h"

#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  void CaseParameters::declare(ParameterHandler &prm, const ListNames &names)
  {
    Meshes::GeometryParameters::declare(prm);
    Physics::BoneParameters::declare(prm);
    Meshes::HeterogeneityParameters::declare(prm);
    Meshes::LesionsParameters::declare(prm, names.lesions);
    Meshes::ConduitsParameters::declare(prm, names.channels, names.clefts);
    Meshes::ExitZonesParameters::declare(prm, names.exit_zones);
    Meshes::NeedleParameters::declare(prm);
    Physics::FluidParameters::declare(prm);
    Physics::RelativePermeabilityParameters::declare(prm);
    InjectionParameters::declare(prm);
    NumericsParameters::declare(prm);
    AdaptiveMeshParameters::declare(prm);
    OutputParameters::declare(prm);
    CheckpointParameters::declare(prm);
    Circulation::CirculationParameters::declare(prm, names.veins);
    Thermal::HeatAndCureParameters::declare(prm);
  }



  void CaseParameters::declare_defaults(ParameterHandler &prm)
  {
    ListNames names;
    names.exit_zones =
      ParameterTools::split_names(Meshes::ExitZonesParameters::default_names(),
                                  "Exit zones");
    names.lesions =
      ParameterTools::split_names(Meshes::LesionsParameters::default_names(),
                                  "Lesions");
    names.veins =
      ParameterTools::split_names(Circulation::VeinsParameters::default_names(),
                                  "Veins");
    declare(prm, names);
  }



  void CaseParameters::parse(ParameterHandler &prm)
  {
    geometry.parse(prm);
    bone.parse(prm);
    heterogeneity.parse(prm);
    lesions.parse(prm);
    conduits.parse(prm);
    exit_zones.parse(prm);
    needle.parse(prm);
    if (needle.placement != "explicit")
      {
        AssertThrow(geometry.type == "vertebral body",
                    ExcMessage("Needle/Placement = " + needle.placement +
                               " needs the parametric vertebral body "
                               "(Geometry/Type = vertebral body); give Tip "
                               "and Entry explicitly for other geometries."));
        needle.place_transpedicular(geometry.vertebral_body.depth);
      }
    fluids.parse(prm);
    relative_permeability.parse(prm);
    injection.parse(prm);
    numerics.parse(prm);
    adaptive_mesh.parse(prm);
    output.parse(prm);
    checkpoints.parse(prm);
    circulation.parse(prm);
    heat.parse(prm);
    AssertThrow(exit_zones.has_outlet() || circulation.veins.enabled(),
                ExcMessage(
                  "Exit zones: no zone is open (" +
                  std::to_string(exit_zones.zones.size()) +
                  " zones listed in Names) and there are no veins. With a "
                  "closed shell the incompressible marrow has nowhere to go "
                  "and no cement can be injected; list at least one zone and "
                  "set its Boundary condition = open or leaky, or add veins "
                  "(Veins/Source)."));
  }



  namespace
  {
    // Turns "A/B/Entry=value" into the .prm text that sets it.
    std::string override_as_prm(const std::string &override_text)
    {
      const std::size_t equals = override_text.find('=');
      AssertThrow(equals != std::string::npos && equals > 0,
                  ExcMessage("The option --set \"" + override_text +
                             "\" is not of the form "
                             "\"Subsection/Entry=value\"."));
      const std::string path  = override_text.substr(0, equals);
      const std::string value = override_text.substr(equals + 1);

      std::vector<std::string> parts;
      std::stringstream        splitter(path);
      for (std::string part; std::getline(splitter, part, '/');)
        parts.push_back(Utilities::trim(part));
      std::ostringstream text;
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        text << "subsection " << parts[i] << '\n';
      text << "set " << parts.back() << " = " << value << '\n';
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        text << "end\n";
      return text.str();
    }



    // Reads the file and the overrides into prm; in the first pass
    // (skip_undefined) entries not yet declared are ignored.
    void parse_inputs(ParameterHandler               &prm,
                      const std::string              &filename,
                      const std::vector<std::string> &overrides,
                      const bool                      skip_undefined)
    {
      if (!filename.empty())
        {
          std::ifstream file(filename);
          AssertThrow(file.good(),
                      ExcMessage("The parameter file <" + filename +
                                 "> does not exist or cannot be read."));
          prm.parse_input(file, filename, "", skip_undefined);
        }
      for (const std::string &override_text : overrides)
        {
          std::istringstream text(override_as_prm(override_text));
          prm.parse_input(text,
                          "--set \"" + override_text + "\"",
                          "",
                          skip_undefined);
        }
    }



    std::string join(const std::vector<std::string> &names)
    {
      std::string text;
      for (const std::string &name : names)
        text += (text.empty() ? "" : ", ") + name;
      return text;
    }



    // The folder of the cement library: $CEMENTFLOW_CEMENT_LIBRARY, or
    // params/cements of the source tree the program was built from.
    std::string cement_library()
    {
      const char *folder = std::getenv("CEMENTFLOW_CEMENT_LIBRARY");
      return folder != nullptr ? std::string(folder) :
                                 std::string(CEMENTFLOW_CEMENT_LIBRARY);
    }



    // The library file of cement @p name; throws listing the known ones.
    std::string cement_file(const std::string &name)
    {
      const std::string path = cement_library() + "/" + name + ".prm";
      if (std::filesystem::exists(path))
        return path;
      std::vector<std::string> known;
      std::error_code          error;
      for (const auto &entry :
           std::filesystem::directory_iterator(cement_library(), error))
        if (entry.path().extension() == ".prm")
          known.push_back(entry.path().stem().string());
      std::sort(known.begin(), known.end());
      AssertThrow(false,
                  ExcMessage("Cement/Name: there is no cement <" + name +
                             "> in the library <" + cement_library() +
                             ">. Known cements: " + join(known) + "."));
      return path;
    }



    // A library file may only describe the cement: its rheology and curing,
    // and its kinetics and thermal properties.
    void check_cement_file(const std::string &path)
    {
      ParameterHandler cement_only;
      Physics::FluidParameters::declare_cement(cement_only);
      Thermal::HeatAndCureParameters::declare_cement_properties(cement_only);
      std::ifstream file(path);
      cement_only.parse_input(file, path, "", false);
    }
  } // namespace



  std::string resolve_input_path(const std::string &path,
                                 const std::string &parameter_file)
  {
    if (path.empty() || parameter_file.empty() ||
        std::filesystem::path(path).is_absolute() ||
        std::filesystem::exists(path))
      return path;
    const std::filesystem::path beside =
      std::filesystem::path(parameter_file).parent_path() / path;
    return std::filesystem::exists(beside) ? beside.string() : path;
  }



  CaseParameters read_case(const std::string              &filename,
                           const std::vector<std::string> &overrides,
                           ParameterHandler               &prm)
  {
    CaseParameters::ListNames names;
    std::string               cement_name;
    {
      ParameterHandler lists;
      Meshes::ExitZonesParameters::declare_names(lists);
      Meshes::LesionsParameters::declare_names(lists);
      Meshes::ConduitsParameters::declare_names(lists);
      Circulation::VeinsParameters::declare_names(lists);
      lists.enter_subsection("Cement");
      lists.declare_entry("Name", "", Patterns::Anything());
      lists.leave_subsection();
      parse_inputs(lists, filename, overrides, true);
      names.exit_zones = Meshes::ExitZonesParameters::parse_names(lists);
      names.lesions    = Meshes::LesionsParameters::parse_names(lists);
      names.channels   = Meshes::ConduitsParameters::parse_channel_names(lists);
      names.clefts     = Meshes::ConduitsParameters::parse_cleft_names(lists);
      names.veins      = Circulation::VeinsParameters::parse_names(lists);
      lists.enter_subsection("Cement");
      cement_name = Utilities::trim(lists.get("Name"));
      lists.leave_subsection();
    }

    prm.clear();
    CaseParameters::declare(prm, names);
    // A named cement comes first, so that the case can still change it.
    if (!cement_name.empty())
      {
        const std::string path = cement_file(cement_name);
        check_cement_file(path);
        std::ifstream file(path);
        prm.parse_input(file, path, "", false);
      }
    parse_inputs(prm, filename, overrides, false);
    // The parse reads the viscosity table itself, so its path resolves
    // first.
    prm.enter_subsection("Cement");
    prm.enter_subsection("Curing");
    prm.set("Table file", resolve_input_path(prm.get("Table file"), filename));
    prm.leave_subsection();
    prm.leave_subsection();

    CaseParameters parameters;
    parameters.parse(prm);

    const auto resolve = [&filename](std::string &path) {
      path = resolve_input_path(path, filename);
    };
    resolve(parameters.geometry.mesh_file);
    resolve(parameters.geometry.ct.intensity_file);
    resolve(parameters.geometry.ct.label_file);
    resolve(parameters.circulation.veins.file);
    return parameters;
  }
} // namespace cementflow
