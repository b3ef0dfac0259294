#ifndef cementflow_case_parameters_h
#define cementflow_case_parameters_h

#include "circulation/circulation_parameters.h"
#include "exit_zones.h"
#include "geometry.h"
#include "needle.h"
#include "physics/bone_permeability.h"
#include "physics/fluids.h"
#include "physics/relative_permeability.h"
#include "regions.h"
#include "thermal/heat_and_cure_parameters.h"
#include "run_parameters.h"

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace cementflow
{
  /**
   * Everything that defines a case, parsed and converted to SI units. The
   * declared defaults are the built-in default case (params/default.prm).
   */
  struct CaseParameters
  {
    Meshes::GeometryParameters              geometry;
    Physics::BoneParameters                 bone;
    Meshes::LesionsParameters               lesions;
    Meshes::ConduitsParameters              conduits;
    Meshes::HeterogeneityParameters         heterogeneity;
    Meshes::ExitZonesParameters             exit_zones;
    Meshes::NeedleParameters                needle;
    Physics::FluidParameters                fluids;
    Physics::RelativePermeabilityParameters relative_permeability;
    InjectionParameters                     injection;
    NumericsParameters                      numerics;
    AdaptiveMeshParameters                  adaptive_mesh;
    OutputParameters                        output;
    CheckpointParameters                    checkpoints;
    Circulation::CirculationParameters      circulation;
    Thermal::HeatAndCureParameters          heat;

    /** The names of the named lists, each name a subsection. */
    struct ListNames
    {
      std::vector<std::string> exit_zones, lesions, channels, clefts, veins;
    };

    /**
     * Declares all parameters; the named lists (exit zones, lesions,
     * venous channels, clefts, veins) open one subsection per name.
     */
    static void declare(dealii::ParameterHandler &prm, const ListNames &names);

    /** Declares all parameters with the default names. */
    static void declare_defaults(dealii::ParameterHandler &prm);

    void parse(dealii::ParameterHandler &prm);
  };



  /**
   * A file named in a parameter file: a relative @p path is looked for in
   * the working directory first, then beside @p parameter_file. Returns
   * the path found, or @p path unchanged if neither has it (the reader
   * then names it as missing).
   */
  std::string resolve_input_path(const std::string &path,
                                 const std::string &parameter_file);

  /**
   * Reads a case: the parameter file @p filename (empty for the built-in
   * default case), then each override "Subsection/Entry=value" in order.
   * Two passes: the first reads only the lists of names, the second
   * declares one subsection per name and reads everything strictly, so an
   * unknown entry or a value out of range is an error naming the file and
   * line. @p prm holds the complete, expanded parameters afterwards.
   */
  CaseParameters read_case(const std::string              &filename,
                           const std::vector<std::string> &overrides,
                           dealii::ParameterHandler       &prm);
} // namespace cementflow

#endif
