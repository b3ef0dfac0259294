#ifndef cementflow_postprocess_run_summary_h
#define cementflow_postprocess_run_summary_h

#include <array>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /** What left through one exit zone. SI units. */
    struct ZoneLeakage
    {
      std::string name;
      std::string leak_class;
      double      leaked_volume = 0; // [m^3]
      /** Time [s] and injected volume [m^3] when the leaked volume first
       * exceeded the leak threshold; negative if it never did. */
      double first_arrival_time     = -1;
      double first_arrival_injected = -1;
      double peak_rate              = 0; // [m^3/s] of cement leaving
    };

    /** Cement in one region (trabecular bone, a lesion, a venous channel or
     * a cleft). SI units. */
    struct RegionFilling
    {
      std::string name;
      double      cement_volume = 0; // [m^3]
      double      pore_volume   = 0; // [m^3]
    };

    /** One vein of the circulation. SI units. */
    struct VeinReport
    {
      std::string name;
      std::string leak_class;
      double      cement_inside          = 0;  // [m^3], in the bone
      double      leaked_volume          = 0;  // [m^3], past the foramen
      double      to_plexus              = 0;  // [m^3], can embolise
      double      first_arrival_time     = -1; // [s]
      double      first_arrival_injected = -1; // [m^3]
      double      resting_flow           = 0;  // [m^3/s] of blood at rest
      double      radius                 = 0;  // [m], mean
      double      length_in_bone         = 0;  // [m]
    };

    /** The circulation: resting state and veins. SI units. */
    struct CirculationReport
    {
      bool                    perfusion                 = false;
      bool                    veins_modelled            = false;
      double                  resting_pressure          = 0; // [Pa], mean
      double                  resting_arterial_inflow   = 0; // [m^3/s]
      double                  resting_plexus_pressure   = 0; // [Pa]
      double                  cement_in_veins           = 0; // [m^3]
      double                  to_plexus                 = 0; // [m^3]
      double                  max_intraosseous_pressure = 0; // [Pa], mean
      std::vector<VeinReport> veins;
    };

    /**
     * The heat of a run so far [J], relative to the body temperature:
     * released by the cure, brought by the injected cement (negative when
     * it is colder than the body), lost through the exit zones, into the
     * veins and to blood (Pennes), and stored in the bone now.
     */
    struct EnergyBudget
    {
      double released  = 0;
      double injected  = 0;
      double exits     = 0;
      double veins     = 0;
      double blood     = 0;
      double stored    = 0;
      double imbalance = 0; // stored - (released + injected - losses)
    };

    /** The thermal dose of the hottest cell of a region (each figure its
     * own largest over the region's cells). */
    struct RegionDose
    {
      std::string name;
      double      peak     = 0; // [°C]
      double      above_45 = 0; // [s]
      double      above_50 = 0; // [s]
      double      cem43    = 0; // [min]
    };

    /** Heat and cure: temperatures in °C, times in s, doses in min. */
    struct HeatReport
    {
      bool        modelled = false;
      std::string kinetics;
      double      peak_temperature        = 0;
      double      longest_above_50        = 0;
      double      max_cure                = 0;
      double      cem43_outside_cement    = 0;
      double      cem43_endplates         = 0;
      double      posterior_wall_peak     = 0;
      double      posterior_wall_above_45 = 0;
      double      posterior_wall_cem43    = 0;
      // The posterior wall, the endplates and each exit zone.
      std::vector<RegionDose> regions;
      EnergyBudget            budget;
    };

    /**
     * Everything a finished (or failed) run reports: report.json and
     * report.md are written from it, sweeps collect it. SI units; the
     * writers convert to mL, kPa, mm.
     */
    struct RunSummary
    {
      std::string version, git_revision, deal_ii_version;
      /** completed, stopped at the pressure cap, stopped at the first leak,
       * stopped at the maximum duration, or failed: <reason> */
      std::string status = "completed";

      double injected_volume = 0; // [m^3]
      double target_volume   = 0; // [m^3]
      double cement_in_bone  = 0; // [m^3]

      /** Exit zones, then the veins (each a leak path of its class). */
      std::vector<ZoneLeakage> zones;
      CirculationReport        circulation;
      HeatReport               heat;
      double                   total_leaked_volume = 0; // [m^3]
      double                   leak_threshold      = 0; // [m^3]
      bool                     leaked              = false;
      std::string              first_leak_zone;
      double                   first_leak_time = -1; // [s]
      /** Injected before the first leak; all of it if none. [m^3] */
      double safe_volume = 0;

      std::vector<RegionFilling> regions;
      /** Cement volume times position, summed: the cloud's first moment. */
      std::array<double, 3> cement_first_moment = {{0, 0, 0}};
      /** Radius of gyration of the cement about its centroid. [m] */
      double cement_cloud_radius = 0;
      /** Bounding box of the cells that cement has reached. [m] */
      std::array<double, 3> extent_min                = {{0, 0, 0}};
      std::array<double, 3> extent_max                = {{0, 0, 0}};
      bool                  superior_endplate_contact = false;
      bool                  inferior_endplate_contact = false;
      bool                  crosses_midline           = false;
      double                cement_left               = 0; // [m^3] at x > 0
      double                cement_right              = 0; // [m^3] at x < 0

      double mass_balance_error        = 0; // relative
      double max_tip_pressure          = 0; // [Pa]
      double final_tip_pressure        = 0; // [Pa]
      double max_injection_pressure    = 0; // [Pa]
      double final_injection_pressure  = 0; // [Pa]
      double max_cannula_pressure_drop = 0; // [Pa]
      double max_syringe_force         = 0; // [N]
      double final_rate                = 0; // [m^3/s]
      double final_tip_viscosity       = 0; // [Pa s]

      double             end_time                  = 0; // [s]
      unsigned long long n_cells                   = 0;
      unsigned int       n_time_steps              = 0;
      unsigned int       last_viscosity_iterations = 0;
      double             steps_per_mL              = 0;
      unsigned int       n_mpi_ranks               = 0;
      double             wall_time                 = 0; // [s]

      /** no leak, leak, filling failure, or failed. */
      std::string outcome() const;

      /** Leaked volume of one zone by name [m^3]; throws if unknown. */
      double leaked_volume(const std::string &zone) const;

      /** Cement in one region by name [m^3]; throws if unknown. */
      double cement_in_region(const std::string &region) const;
    };

    /** report.json: stable keys, documented in docs/outputs.md. */
    std::string report_json(const RunSummary &summary);

    /** report.md: the verdict first, then the numbers. */
    std::string report_markdown(const RunSummary &summary);
  } // namespace Postprocess
} // namespace cementflow

#endif
