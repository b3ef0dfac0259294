#include "run_parameters.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

namespace cementflow
{
  using namespace dealii;

  void InjectionParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Injection");
    {
      prm.declare_entry(
        "Rate",
        "3",
        Patterns::Double(1e-3, 100.),
        "Volumetric injection rate: 3 mL/min as in the cadaver metastasis "
        "model (JOSR 2015;10:20) and the long-distance injection study; "
        "bench studies also use 4 mL/min (Baroud & Steffen 2005). "
        "Units: mL/min.");
      prm.declare_entry(
        "Volume",
        "3",
        Patterns::Double(1e-9, 50.),
        "Cement volume to inject. Clinical volumes in osteoblastic "
        "metastases: 0.5-4.5 mL, mean 1.6 mL (Xu et al. 2021). Units: mL.");
      prm.declare_entry(
        "Start after mixing",
        "7",
        Patterns::Double(0., 1000.),
        "When the injection starts, in minutes after the cement was mixed; "
        "the cure clock of the whole batch. 7 min as in the long-distance "
        "injection study (physics-reference.md 6); Habib et al. 2010 "
        "compared 3.5, 6.5 and 9.5 min. Units: min.");
      prm.declare_entry(
        "Pressure cap",
        "0",
        Patterns::Double(0., 1e6),
        "Largest injection pressure (tip pressure plus the cannula's drop) "
        "the operator applies; 0 for none. Units: kPa.");
      prm.declare_entry(
        "At the pressure cap",
        "reduce rate",
        Patterns::Selection("reduce rate|stop"),
        "What happens when the injection pressure would exceed the cap: the "
        "rate drops so that the pressure stays at the cap (pressure control), "
        "or the injection stops. Units: none.");
      prm.declare_entry(
        "Maximum duration",
        "30",
        Patterns::Double(0.01, 10000.),
        "The injection stops after this time even if the volume was not "
        "reached (under pressure control the rate can fall towards zero as "
        "the cement cures). Units: min.");
      prm.declare_entry(
        "Stop at first leak",
        "false",
        Patterns::Bool(),
        "Stop the injection as soon as any exit zone has leaked more than its "
        "Leak threshold, as clinicians do when they see a leak on "
        "fluoroscopy. Units: none.");
      prm.declare_entry(
        "Pauses",
        "",
        Patterns::Anything(),
        "Pauses of the injection, as 'volume: duration' pairs separated by "
        "semicolons, e.g. '1: 30; 2: 60' pauses 30 s after 1 mL and 60 s "
        "after 2 mL (the cement keeps curing meanwhile). Units: mL and s.");
      prm.declare_entry(
        "Follow after injection",
        "0",
        Patterns::Double(0., 1e5),
        "How long the run goes on after the volume is delivered, with the "
        "needle closed: cement already in the bone and in the veins keeps "
        "moving under the circulation's pressures until it sets (the "
        "clinical working time after injection is minutes, "
        "physics-reference.md 2). 0 ends the run with the injection. "
        "Units: s.");
    }
    prm.leave_subsection();
  }



  void InjectionParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Injection");
    rate               = prm.get_double("Rate") * 1e-6 / 60.;
    volume             = prm.get_double("Volume") * 1e-6;
    start_after_mixing = prm.get_double("Start after mixing");
    pressure_cap       = prm.get_double("Pressure cap") * 1e3;
    cap_action         = prm.get("At the pressure cap");
    maximum_duration   = prm.get_double("Maximum duration") * 60.;
    stop_at_first_leak = prm.get_bool("Stop at first leak");
    pauses.clear();
    for (const std::string &pause :
         Utilities::split_string_list(prm.get("Pauses"), ';'))
      {
        const std::vector<std::string> parts =
          Utilities::split_string_list(pause, ':');
        AssertThrow(parts.size() == 2,
                    ExcMessage("Injection/Pauses: <" + pause +
                               "> is not of the form 'volume: duration' "
                               "(mL: s)."));
        double volume = 0, duration = 0;
        try
          {
            volume   = Utilities::string_to_double(parts[0]) * 1e-6;
            duration = Utilities::string_to_double(parts[1]);
          }
        catch (...)
          {
            AssertThrow(false,
                        ExcMessage("Injection/Pauses: <" + pause +
                                   "> is not two numbers (mL: s)."));
          }
        AssertThrow(duration > 0 && volume >= 0 &&
                      (pauses.empty() || volume > pauses.back().first),
                    ExcMessage("Injection/Pauses: volumes must increase and "
                               "durations be positive; got <" +
                               pause + ">."));
        pauses.emplace_back(volume, duration);
      }
    AssertThrow(pauses.empty() || pauses.back().first < volume,
                ExcMessage("Injection/Pauses: every pause must come before "
                           "the injected Volume; use Follow after injection "
                           "to go on after it."));
    follow_after_injection = prm.get_double("Follow after injection");
    prm.leave_subsection();
  }



  void NumericsParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Numerics");
    {
      prm.declare_entry(
        "Volume per time step",
        "0.025",
        Patterns::Double(1e-5, 10.),
        "Cement volume injected per time step with Time stepping = fixed "
        "volume. The transport is "
        "implicit and stable for any step, so the step is set by accuracy, "
        "not by the fast flow at the tip: 0.025 mL means 40 steps per "
        "injected mL at any mesh resolution. Units: mL.");
      prm.declare_entry(
        "First volume per time step",
        "0.025",
        Patterns::Double(1e-5, 10.),
        "The first step's volume with adaptive steps; the control grows it "
        "from there. The first step's fluxes come from a pressure solved "
        "before any cement is in the bone, with the marrow's mobility "
        "everywhere. Where a vein passes near the needle tip this matters: "
        "with 0.025 mL the venous-leak example put 0.0009 mL of cement past "
        "the basivertebral foramen in that one step and its first venous "
        "leak came 3 % earlier than with 0.00625 mL, which the venous "
        "examples therefore set (docs/numerics.md); elsewhere the smaller "
        "first step only adds two or three steps. Units: mL.");
      prm.declare_entry(
        "Time stepping",
        "adaptive",
        Patterns::Selection("adaptive|fixed volume"),
        "adaptive: each step's injected volume follows from the last step's "
        "changes (the largest saturation change of a cell, the same at the "
        "exits, cement leaking through an exit that has not yet leaked, the "
        "change of the tip viscosity) against the targets below, growing by "
        "at most a factor 2 per step; fixed volume: every step injects Volume "
        "per time step. On "
        "the default case adaptive steps keep the tip pressure and the cloud "
        "radius within 1 % of fixed steps four times smaller "
        "(docs/numerics.md). Units: none.");
      prm.declare_entry(
        "Largest volume per time step",
        "0.25",
        Patterns::Double(1e-5, 10.),
        "Upper bound on an adaptive step's injected volume. Units: mL.");
      prm.declare_entry(
        "Target saturation change",
        "0.8",
        Patterns::Double(1e-3, 1.),
        "Adaptive steps: the largest change of a cell's cement saturation "
        "per step. The cement front is nearly piston-like, so this is about "
        "the front's advance in cells per step. Units: fraction of pore "
        "space.");
      prm.declare_entry(
        "Target exit saturation change",
        "0.1",
        Patterns::Double(1e-3, 1.),
        "Adaptive steps: the same over the cells at an exit zone, so that "
        "the first leak is resolved. Units: fraction of pore space.");
      prm.declare_entry(
        "Target viscosity change",
        "0.05",
        Patterns::Double(1e-3, 1.),
        "Adaptive steps: the change of the cement viscosity at the needle "
        "tip per step (curing, temperature, shear rate), as |ln(mu_end / "
        "mu_start)|. Units: none.");
      prm.declare_entry(
        "Pressure tolerance",
        "1e-8",
        Patterns::Double(1e-14, 1e-2),
        "Relative residual at which the pressure solve (CG with BoomerAMG) "
        "stops. Units: none.");
      prm.declare_entry(
        "Flux tolerance",
        "1e-10",
        Patterns::Double(1e-14, 1e-4),
        "Relative residual of the flux correction that makes the fluxes "
        "conserve mass cell by cell. Units: none.");
      prm.declare_entry(
        "Transport tolerance",
        "1e-12",
        Patterns::Double(1e-15, 1e-6),
        "Largest saturation change in a Gauss-Seidel sweep of the implicit "
        "transport at which the sweeps stop. Units: none.");
      prm.declare_entry(
        "Maximum linear iterations",
        "500",
        Patterns::Integer(1, 100000),
        "A linear solve that needs more iterations fails with an error. "
        "Units: none.");
      prm.declare_entry(
        "AMG rebuild factor",
        "1.5",
        Patterns::Double(0., 100.),
        "The AMG hierarchy of an earlier step is reused until a solve needs "
        "more than this factor times the iterations right after the last "
        "rebuild (plus two); 0 rebuilds it for every solve (with GAMG a "
        "rebuild keeps the interpolation and recomputes the coarse "
        "operators). 1.5 saves about 8 % of the default case's wall time "
        "(docs/numerics.md). Units: none.");
      prm.declare_entry(
        "Preconditioner",
        "gamg",
        Patterns::Selection("gamg|boomeramg"),
        "Algebraic multigrid for the pressure and flux-correction solves: "
        "PETSc's smoothed-aggregation GAMG, or hypre's BoomerAMG. GAMG was "
        "measured about 3 times faster here (docs/numerics.md). Units: none.");
      prm.declare_entry(
        "Viscosity tolerance",
        "1e-4",
        Patterns::Double(1e-14, 1e-1),
        "A shear-thinning fluid's viscosity depends on the velocity: each "
        "time step repeats the pressure solve with viscosities from the last "
        "pressure (Picard) until the pressure changes by less than this, "
        "relative to the largest pressure rise over the exits. On the "
        "default case with the shear-thinning cement, 1e-4 instead of 1e-8 "
        "takes 5.9 instead of 13.5 solves per step and changes the tip "
        "pressure by 4e-5 relative (docs/numerics.md). Units: none.");
      prm.declare_entry(
        "Maximum viscosity iterations",
        "50",
        Patterns::Integer(1, 10000),
        "The run stops with an error if the viscosity iteration has not "
        "converged after this many pressure solves. Units: none.");
      prm.declare_entry(
        "Viscosity acceleration depth",
        "2",
        Patterns::Integer(0, 10),
        "Anderson acceleration of the viscosity iteration (Walker and Ni "
        "2011): each new viscosity field combines the last Picard update "
        "with this many earlier ones so as to minimise the change they "
        "make; 0 is plain Picard. On the default case with the curing "
        "shear-thinning cement, depth 2 takes 5.9 instead of 7.4 pressure "
        "solves per step, and their tip pressures lie 4e-5 and 6e-5 from "
        "that of a run converged to 1e-8 (docs/numerics.md). Units: none.");
      prm.declare_entry(
        "Maximum time step",
        "5",
        Patterns::Double(1e-6, 1e6),
        "Upper bound on the time step, which matters when the rate falls "
        "under pressure control (the cure clock advances with time). "
        "Units: s.");
      prm.declare_entry(
        "Pressure update saturation change",
        "0",
        Patterns::Double(0., 1.),
        "Adaptive operator splitting as in deal.II's step-43: the pressure "
        "and the face fluxes are recomputed only once the saturation of some "
        "cell has changed by more than this since the last pressure solve; "
        "in between, the transport reuses the last fluxes (still exactly "
        "conservative), and a curing cement's viscosity is updated once "
        "it has changed by more than this fraction. 0 recomputes them every "
        "step. Only for a constant rate (no pauses, no pressure cap); "
        "otherwise every step. On the default case 0.5 took 36 pressure "
        "solves instead of 120, half the wall time, and moved the tip "
        "pressure by 0.14 % (docs/numerics.md). The statistics of a skipped "
        "step repeat the last solve's pressures with zero iterations. Units: "
        "fraction of pore space.");
      prm.declare_entry(
        "Conservative fluxes",
        "vertex patches",
        Patterns::Selection("vertex patches|global correction"),
        "How the face fluxes of the Q1 pressure are made to balance every "
        "cell: by a small solve on the cells around each vertex (flux "
        "equilibration, no global solve), or by the global two-point "
        "correction of Odsaeter et al. 2017 (one more AMG-preconditioned "
        "solve per step). Both are exact to the pressure solver's "
        "tolerance; the global correction's fluxes are closer to the "
        "velocity on strongly distorted meshes (docs/numerics.md). Meshes "
        "with hanging nodes (adaptive refinement) always use the global "
        "correction. Units: none.");
      prm.declare_entry(
        "Arrival saturation",
        "0.5",
        Patterns::Double(0.01, 0.99),
        "Cement saturation at which cement counts as arrived in a cell (the "
        "cement arrival time field). Units: fraction of pore space.");
    }
    prm.leave_subsection();
  }



  void NumericsParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Numerics");
    volume_per_step       = prm.get_double("Volume per time step") * 1e-6;
    first_volume_per_step = prm.get_double("First volume per time step") * 1e-6;
    adaptive_time_steps   = prm.get("Time stepping") == "adaptive";
    largest_volume_per_step =
      prm.get_double("Largest volume per time step") * 1e-6;
    target_saturation_change = prm.get_double("Target saturation change");
    target_exit_saturation_change =
      prm.get_double("Target exit saturation change");
    target_viscosity_change  = prm.get_double("Target viscosity change");
    pressure_tolerance       = prm.get_double("Pressure tolerance");
    flux_tolerance           = prm.get_double("Flux tolerance");
    transport_tolerance      = prm.get_double("Transport tolerance");
    max_linear_iterations    = prm.get_integer("Maximum linear iterations");
    arrival_saturation       = prm.get_double("Arrival saturation");
    amg_rebuild_factor       = prm.get_double("AMG rebuild factor");
    preconditioner           = prm.get("Preconditioner");
    viscosity_tolerance      = prm.get_double("Viscosity tolerance");
    max_viscosity_iterations = prm.get_integer("Maximum viscosity iterations");
    viscosity_acceleration_depth =
      prm.get_integer("Viscosity acceleration depth");
    maximum_time_step = prm.get_double("Maximum time step");
    pressure_update_change =
      prm.get_double("Pressure update saturation change");
    conservative_fluxes = prm.get("Conservative fluxes");
    prm.leave_subsection();
  }



  void AdaptiveMeshParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Adaptive mesh");
    {
      prm.declare_entry(
        "Refinement levels",
        "0",
        Patterns::Integer(0, 4),
        "How many times the cells at the cement front and around the needle "
        "tips are halved, above the initial mesh (Geometry/Cell size), and "
        "coarsened back behind the front; 0 keeps the initial mesh. Each "
        "cell's material is averaged over the cells of the finest level, so "
        "the pore volume, and with it the cement volume, is the same on any "
        "refinement. Units: none.");
      prm.declare_entry(
        "Steps between adaptations",
        "8",
        Patterns::Integer(1, 100000),
        "The mesh follows the front every this many time steps. Adaptive "
        "steps move the front by about Target saturation change cells per "
        "step. With fixed steps of 0.025 mL on the default vertebral body (2 "
        "mm cells, 2 levels, 3 mL), adapting every 8 instead of 4 steps "
        "changed the tip pressure by 2e-4 and the cloud radius by 4e-5 "
        "relative and saved a quarter of the wall time (docs/numerics.md). "
        "Units: none.");
      prm.declare_entry(
        "Front threshold",
        "0.01",
        Patterns::Double(1e-6, 0.5),
        "A cell is at the cement front, and refined, when its saturation "
        "differs from a face neighbour's by more than this; its neighbours "
        "are refined too, so the front stays on the finest cells between "
        "adaptations. Units: fraction of pore space.");
      prm.declare_entry(
        "Tip refinement radius",
        "3",
        Patterns::Double(0., 1000.),
        "Cells within this distance of a needle tip stay at the finest "
        "level: the pressure varies fastest there. Units: mm.");
    }
    prm.leave_subsection();
  }



  void AdaptiveMeshParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Adaptive mesh");
    levels          = prm.get_integer("Refinement levels");
    steps_between   = prm.get_integer("Steps between adaptations");
    front_threshold = prm.get_double("Front threshold");
    tip_radius      = prm.get_double("Tip refinement radius") * 1e-3;
    prm.leave_subsection();
  }



  void CheckpointParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoints");
    {
      prm.declare_entry(
        "Every steps",
        "0",
        Patterns::Integer(0),
        "Write a checkpoint (output folder, checkpoint/) every this many time "
        "steps; 0 for never. Units: none.");
      prm.declare_entry(
        "Every minutes",
        "0",
        Patterns::Double(0.),
        "Write a checkpoint when this much wall time has passed since the "
        "last one; 0 for never. Units: min.");
      prm.declare_entry(
        "On signal",
        "true",
        Patterns::Bool(),
        "On SIGTERM or SIGUSR1 (a batch system about to stop the job; "
        "mpirun forwards SIGUSR1 to every rank), finish the time step, write "
        "a checkpoint and exit with code 4. Units: none.");
      prm.declare_entry(
        "Resume",
        "auto",
        Patterns::Selection("auto|never"),
        "auto: if the output folder holds a checkpoint of an unfinished run "
        "of the same case, continue from it, on any number of ranks; never: "
        "always start from the beginning. A finished run removes its "
        "checkpoint. Units: none.");
    }
    prm.leave_subsection();
  }



  void CheckpointParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoints");
    every_steps   = prm.get_integer("Every steps");
    every_minutes = prm.get_double("Every minutes");
    on_signal     = prm.get_bool("On signal");
    resume        = prm.get("Resume");
    prm.leave_subsection();
  }



  void OutputParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    {
      prm.declare_entry("Directory",
                        "output",
                        Patterns::FileName(Patterns::FileName::output),
                        "Folder for all results; created if missing. The "
                        "command line option --output overrides it. "
                        "Units: none.");
      prm.declare_entry(
        "Volume between outputs",
        "0.25",
        Patterns::Double(1e-4, 100.),
        "The 3D fields are written at the end of the first time step that "
        "reaches each multiple of this volume, and at the start and the end; "
        "outputs do not shorten time steps. Units: mL.");
      prm.declare_entry(
        "Steps between outputs",
        "0",
        Patterns::Integer(0),
        "Also write the 3D fields every this many time steps (pauses and a "
        "rate cut by a pressure cap inject little per step); 0 for never. "
        "Units: none.");
      prm.declare_entry(
        "Number of grouped files",
        "1",
        Patterns::Integer(1, 100000),
        "Each output time is written as this many .vtu files (ranks are "
        "grouped), plus one .pvtu record. Units: none.");
      prm.declare_entry("Write fields",
                        "true",
                        Patterns::Bool(),
                        "Whether to write the 3D fields (solution.pvd) at "
                        "all. Units: none.");
    }
    prm.leave_subsection();
  }



  void OutputParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    directory       = prm.get("Directory");
    volume_interval = prm.get_double("Volume between outputs") * 1e-6;
    steps_interval  = prm.get_integer("Steps between outputs");
    n_groups        = prm.get_integer("Number of grouped files");
    write_fields    = prm.get_bool("Write fields");
    prm.leave_subsection();
    AssertThrow(!directory.empty(),
                ExcMessage("Output/Directory must not be empty."));
  }
} // namespace cementflow
