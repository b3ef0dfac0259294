#ifndef cementflow_circulation_parameters_h
#define cementflow_circulation_parameters_h

#include "physics/vessel_flow.h"

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <string>
#include <vector>

namespace cementflow
{
  namespace Circulation
  {
    /**
     * The arterial supply of the marrow (subsection Perfusion): blood enters
     * the marrow-filled pores at q = G (p_supply - p) (1 - S) per volume,
     * never backwards, with G set so that the resting state carries the
     * measured marrow blood flow. SI units.
     */
    struct PerfusionParameters
    {
      bool   enabled         = false;
      double blood_flow      = 17.6e-6 / 60 / 0.1; // [m^3/s per kg]
      double tissue_density  = 1050;               // [kg/m^3]
      double supply_pressure = 6e3;                // [Pa]

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * The pressure of the venous plexus outside the body into which the
     * veins drain (subsection Venous plexus), over time. SI units.
     */
    struct PlexusParameters
    {
      std::string posture             = "prone";
      double      custom_pressure     = 0; // [Pa], Posture = custom
      double      breathing_amplitude = 0; // [Pa]
      double      breathing_period    = 4; // [s]
      double      episode_ramp        = 1; // [s]
      std::vector<Physics::PlexusPressure::Episode> episodes;

      /** The pressure at rest for the posture [Pa]. */
      double base_pressure() const;

      /** The time course, shifted by @p offset [Pa] for one vein. */
      Physics::PlexusPressure pressure(const double offset = 0) const;

      static void declare(dealii::ParameterHandler &prm);
      void        parse(dealii::ParameterHandler &prm);
    };



    /**
     * One vein given by parameters: a straight run through the wall, or a
     * tributary inside the bone from its start to the nearest point of the
     * vein it joins.
     */
    struct VeinParameters
    {
      std::string      name;
      std::string      leak_class = "venous-basivertebral";
      std::string      joins;                    // empty: its own foramen
      dealii::Point<3> start;                    // [m], inside the bone
      dealii::Point<3> foramen;                  // [m], at or beyond the wall
      double           radius         = 0.75e-3; // [m]
      double           outside_length = 10e-3;   // [m]
      double           plexus_offset  = 0;       // [Pa]

      static void declare(dealii::ParameterHandler &prm,
                          const std::string        &name);
      void        parse(dealii::ParameterHandler &prm, const std::string &name);
    };



    /**
     * The veins of the body (subsection Veins): where they come from, the
     * blood in them, and how they are discretised and coupled to the bone.
     */
    struct VeinsParameters
    {
      std::string                 source = "none";
      std::vector<VeinParameters> veins;
      std::string                 file;
      double                      file_length_unit = 1e-3; // [m]
      unsigned int                ct_label         = 0;
      double                      ct_radius        = 0;    // [m], 0: from area
      double                      blood_viscosity  = 4e-3; // [Pa s]
      double                      segment_length   = 0.5e-3; // [m]
      // Segment volumes per transport sub-step; 0: no sub-steps.
      double transport_courant_number = 1.;
      double coupling_radius          = 0; // [m], 0: auto

      bool enabled() const;

      static std::string default_names();
      static void        declare_names(dealii::ParameterHandler &prm);
      static std::vector<std::string>
                  parse_names(dealii::ParameterHandler &prm);
      static void declare(dealii::ParameterHandler       &prm,
                          const std::vector<std::string> &names);
      void        parse(dealii::ParameterHandler &prm);
    };



    /** Everything of the circulation. */
    struct CirculationParameters
    {
      PerfusionParameters perfusion;
      PlexusParameters    plexus;
      VeinsParameters     veins;

      /** Perfusion or veins. */
      bool enabled() const;

      static void declare(dealii::ParameterHandler       &prm,
                          const std::vector<std::string> &vein_names);
      void        parse(dealii::ParameterHandler &prm);
    };
  } // namespace Circulation
} // namespace cementflow

#endif
