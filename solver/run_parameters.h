#ifndef cementflow_run_parameters_h
#define cementflow_run_parameters_h

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <utility>
#include <vector>


namespace cementflow
{
  /** The injection protocol, in SI units. */
  struct InjectionParameters
  {
    double      rate               = 5e-8; // [m^3/s] (3 mL/min)
    double      volume             = 3e-6; // [m^3]   (3 mL)
    double      start_after_mixing = 7.;   // [min]
    double      pressure_cap       = 0.;   // [Pa], 0: none
    std::string cap_action         = "reduce rate";
    double      maximum_duration   = 1800.; // [s]
    bool        stop_at_first_leak = false;
    /** (injected volume [m^3], duration [s]) of each pause, in order. */
    std::vector<std::pair<double, double>> pauses;
    // [s] the run goes on with the needle closed after the volume.
    double follow_after_injection = 0;

    static void declare(dealii::ParameterHandler &prm);
    void        parse(dealii::ParameterHandler &prm);
  };



  /** Time stepping, solver tolerances and what counts as "arrived". */
  struct NumericsParameters
  {
    double volume_per_step = 2.5e-8; // [m^3] injected per time step
    // Adaptive steps (docs/numerics.md) start from first_volume_per_step.
    bool         adaptive_time_steps           = true;
    double       first_volume_per_step         = 2.5e-8; // [m^3]
    double       largest_volume_per_step       = 2.5e-7; // [m^3]
    double       target_saturation_change      = 0.8;
    double       target_exit_saturation_change = 0.1;
    double       target_viscosity_change       = 0.05;  // |ln ratio|
    double       pressure_tolerance            = 1e-8;  // relative residual
    double       flux_tolerance                = 1e-10; // relative residual
    double       transport_tolerance           = 1e-12; // saturation change
    double       arrival_saturation            = 0.5;
    unsigned int max_linear_iterations         = 500;
    double       amg_rebuild_factor            = 1.5;
    std::string  preconditioner                = "gamg";
    double       viscosity_tolerance           = 1e-4;
    unsigned int max_viscosity_iterations      = 50;
    unsigned int viscosity_acceleration_depth  = 2;
    double       maximum_time_step             = 5.; // [s]
    double       pressure_update_change        = 0.; // 0: every step
    std::string  conservative_fluxes           = "vertex patches";

    static void declare(dealii::ParameterHandler &prm);
    void        parse(dealii::ParameterHandler &prm);
  };



  /**
   * Adaptive mesh refinement: the cells at the cement front and around the
   * needle tips are refined up to a number of levels above the initial
   * mesh, and coarsened back behind the front.
   */
  struct AdaptiveMeshParameters
  {
    unsigned int levels          = 0; // 0: a fixed mesh
    unsigned int steps_between   = 8;
    double       front_threshold = 0.01;
    double       tip_radius      = 3e-3; // [m]

    static void declare(dealii::ParameterHandler &prm);
    void        parse(dealii::ParameterHandler &prm);
  };



  /** When to write a checkpoint, and whether to resume from one. */
  struct CheckpointParameters
  {
    unsigned int every_steps   = 0; // 0: never
    double       every_minutes = 0; // [min] of wall time, 0: never
    bool         on_signal     = true;
    std::string  resume        = "auto";

    static void declare(dealii::ParameterHandler &prm);
    void        parse(dealii::ParameterHandler &prm);
  };



  /** Where and how often results are written. */
  struct OutputParameters
  {
    std::string  directory       = "output";
    double       volume_interval = 2.5e-7; // [m^3] between field outputs
    unsigned int steps_interval  = 0;      // time steps between outputs
    unsigned int n_groups        = 1;
    bool         write_fields    = true;

    static void declare(dealii::ParameterHandler &prm);
    void        parse(dealii::ParameterHandler &prm);
  };
} // namespace cementflow

#endif
