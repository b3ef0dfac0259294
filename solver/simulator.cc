#include "simulator.h"

#include "atomic_file.h"
#include "errors.h"
#include "run_log.h"
#include "solution_writer.h"
#include "surface_writer.h"
#include "version.h"

#include <deal.II/base/revision.h>
#include <deal.II/base/utilities.h>

#include <cmath>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  void Simulator::set_up(const std::string &checkpoint,
                         const bool         resting_state)
  {
    wall_clock.restart();
    pcout << "cementflow " << CEMENTFLOW_VERSION << " (revision "
          << CEMENTFLOW_GIT_REVISION << "), deal.II " << DEAL_II_PACKAGE_VERSION
          << ", " << n_ranks << " MPI " << (n_ranks == 1 ? "rank" : "ranks")
          << std::endl;
    try
      {
        make_mesh(checkpoint);
        build_circulation();
        setup_dofs();
        setup_cells_and_faces();
        if (heat.enabled())
          {
            heat.setup(saturation, cells);
            // The veins' cement cures with the kinetics and thickens by
            // the local viscosity law.
            circulation.set_cement_aging(
              {[this](const double alpha,
                      const double temperature,
                      const double duration) {
                 return heat.cure_after(alpha, temperature, duration);
               },
               [this](const double alpha, const double temperature) {
                 return heat.viscosity_factor(alpha, temperature);
               },
               parameters.heat.body_temperature});
          }
        circulation.setup_coupling(cells, n_owned_cells, n_pressure_dofs);
        setup_pressure_matrix();
        setup_needle_source();
        // A circulation that cannot carry its resting state is bad input.
        if (resting_state)
          solve_resting_state();
      }
    catch (const InputError &error)
      {
        log->note(std::string("Stopped: error in the input: ") + error.what());
        throw;
      }
    // Only a setup that passed its checks writes results.
    if (this_rank == 0)
      {
        Postprocess::write_file_atomically(parameters.output.directory +
                                             "/parameters.prm",
                                           expanded_parameters);
        write_needle();
      }

    const unsigned int n_zones = parameters.exit_zones.zones.size();
    leaked_volume.assign(n_zones, 0.);
    first_arrival_time.assign(n_zones, -1.);
    first_arrival_injected.assign(n_zones, -1.);
    peak_leak_rate.assign(n_zones, 0.);
  }



  void Simulator::write_geometry()
  {
    set_up("");
    if (parameters.adaptive_mesh.levels > 0)
      refine_around_tips();
    // Before any flow: the pressure of the lowest exit everywhere, no
    // cement; the fields show regions, porosity and permeability.
    for (const types::global_dof_index i : locally_owned_pressure_dofs)
      pressure(i) = pressure_solution(i);
    pressure.update_ghost_values();
    solution_writer =
      std::make_unique<Postprocess::SolutionWriter>(parameters.output.directory,
                                                    communicator,
                                                    parameters.output.n_groups);
    output_fields();
    pcout << "Wrote the geometry (solution.pvd: regions, porosity, "
             "permeability; exits.pvd: the exit zones; needle.vtp) to "
          << parameters.output.directory << std::endl;
  }



  RunSummary Simulator::run()
  {
    install_signal_handlers();
    const std::string checkpoint = find_checkpoint();
    set_up(checkpoint, checkpoint.empty());
    mark_endplate_cells();
    declare_statistics();
    if (parameters.output.write_fields)
      solution_writer = std::make_unique<Postprocess::SolutionWriter>(
        parameters.output.directory, communicator, parameters.output.n_groups);

    const double target = parameters.injection.volume;
    pcout << "Injecting " << target * 1e6 << " mL at "
          << parameters.injection.rate * 6e7 << " mL/min from "
          << parameters.injection.start_after_mixing << " min after mixing, ";
    if (parameters.numerics.adaptive_time_steps)
      pcout << "adaptive time steps from "
            << parameters.numerics.first_volume_per_step * 1e6 << " mL"
            << std::endl;
    else
      pcout << parameters.numerics.volume_per_step * 1e6 << " mL per time step"
            << std::endl;

    try
      {
        if (checkpoint.empty())
          {
            if (parameters.adaptive_mesh.levels > 0)
              {
                refine_around_tips();
                pcout << "Adaptive mesh: "
                      << triangulation.n_global_active_cells()
                      << " cells after refining around the needle tips"
                      << std::endl;
                // Again on the refined mesh.
                solve_resting_state();
              }
            solve_pressure_for_next_step();
            remember_saturation_at_pressure();
            record_step(0.);
            output_fields();
          }
        else
          load_checkpoint(checkpoint);
        progress_start = {wall_clock.wall_time(), injected_volume};

        // Steps of injected volume set by the step control
        // (Numerics/Time stepping), the last one cut to hit the target;
        // fewer when the rate falls under a pressure cap.
        // After the volume, Follow after injection runs as a last pause.
        const auto delivered = [&]() {
          return injected_volume >= target * (1 - 1e-12);
        };
        while ((!delivered() || pause_left > 0) && stop_reason.empty())
          {
            const bool   delivered_before = delivered();
            const double remaining_time =
              parameters.injection.maximum_duration - time;
            if (remaining_time <= 1e-9 * parameters.injection.maximum_duration)
              {
                stop_reason = "stopped at the maximum duration";
                break;
              }
            // During a pause the step runs out the pause; otherwise steps
            // of the step control's volume that stop at the target and at
            // the next pause.
            const double    step_volume = next_step_volume();
            const StepStart start       = step_start();
            // A changing plexus pressure (breathing, Valsalva) is resolved.
            const double time_step =
              std::min({rate > 0 ? step_volume / rate : pause_left,
                        parameters.numerics.maximum_time_step,
                        circulation.largest_time_step(),
                        remaining_time});
            pause_left -= rate > 0 ? 0. : time_step;

            if (!fluxes_are_current)
              compute_conservative_fluxes();
            solve_transport(time_step);
            time += time_step;
            injected_volume += rate * time_step;
            advance_heat(time_step);
            ++time_step_number;
            // With the viscosities the transport used: the next pressure
            // solve changes them.
            account_step(time_step);
            // Before an adaptation resets the old saturation.
            Numerics::StepChanges changes = step_changes(start);
            const bool            mesh_changed =
              adaptation_due(changes.saturation) && adapt_mesh();

            // Step-43's adaptive operator splitting: between pressure
            // solves the transport reuses the last (conservative) fluxes.
            fluxes_are_current = !pressure_update_due(mesh_changed);
            if (fluxes_are_current)
              {
                last_viscosity_iterations = 0;
                last_pressure_iterations  = 0;
                last_flux_iterations      = 0;
              }
            else
              {
                solve_pressure_for_next_step();
                remember_saturation_at_pressure();
              }
            record_step(time_step);
            // With the viscosity of the next pressure solve at the tip.
            changes.viscosity = viscosity_change(start);
            time_step_control.step_done(injected_volume - start.injected,
                                        changes);

            const unsigned int steps_interval =
              parameters.output.steps_interval;
            if (injected_volume >= next_output_volume() -
                                     1e-9 * parameters.output.volume_interval ||
                (steps_interval > 0 &&
                 time_step_number % steps_interval == 0) ||
                (delivered() && (!delivered_before || pause_left <= 0)) ||
                !stop_reason.empty())
              output_fields();

            if (stop_reason.empty() && (!delivered() || pause_left > 0) &&
                checkpoint_due())
              {
                save_checkpoint();
                if (stop_after_checkpoint)
                  {
                    write_statistics();
                    log->note("Stopped on a signal after the checkpoint.");
                    throw Checkpointed(
                      "Stopped on a signal at t = " + std::to_string(time) +
                      " s after " + std::to_string(injected_volume * 1e6) +
                      " mL, with a checkpoint in " +
                      parameters.output.directory +
                      "/checkpoint; run the same command again to resume.");
                  }
              }
          }
        if (last_output_volume < injected_volume)
          output_fields();
      }
    catch (const SimulationError &error)
      {
        std::ostringstream where;
        where << "At time step " << time_step_number + 1 << " (t = " << time
              << " s, " << injected_volume * 1e6
              << " mL injected): " << error.what();
        log->note("Stopped: the simulation failed. " + where.str());
        write_statistics();
        RunSummary summary = summarize();
        summary.status     = "failed: " + where.str();
        write_report(summary);
        throw SimulationError(where.str());
      }

    write_statistics();
    const RunSummary summary = summarize();
    write_report(summary);
    remove_checkpoints();

    pcout << "\nInjected " << summary.injected_volume * 1e6 << " mL in "
          << summary.n_time_steps << " steps (" << summary.steps_per_mL
          << " per mL): " << summary.cement_in_bone * 1e6 << " mL in the bone, "
          << summary.total_leaked_volume * 1e6 << " mL leaked";
    for (const Postprocess::ZoneLeakage &zone : summary.zones)
      pcout << "; " << zone.name << " " << zone.leaked_volume * 1e6 << " mL";
    pcout << ".\nOutcome: " << summary.outcome() << " (" << summary.status
          << "); safe volume " << summary.safe_volume * 1e6
          << " mL. Maximum tip pressure " << summary.max_tip_pressure * 1e-3
          << " kPa, injection pressure "
          << summary.max_injection_pressure * 1e-3
          << " kPa; relative mass-balance error " << summary.mass_balance_error
          << "; wall time " << summary.wall_time << " s." << std::endl;
    timer.print_summary();
    log->close();
    return summary;
  }
} // namespace cementflow
