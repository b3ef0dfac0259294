#include "atomic_file.h"
#include "checkpoint_manifest.h"
#include "errors.h"
#include "simulator.h"
#include "stop_signal.h"
#include "solution_writer.h"
#include "surface_writer.h"
#include "version.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/solution_transfer.h>

#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/serialization/utility.hpp>

#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    // Set by SIGTERM or SIGUSR1; read once per time step.
    volatile std::sig_atomic_t signal_received = 0;

    extern "C" void note_signal(int)
    {
      signal_received = 1;
    }

    using CellTransfer = parallel::distributed::
      SolutionTransfer<3, LinearAlgebra::distributed::Vector<double>>;

    // The parameters that define the case: everything but the subsections
    // Output and Checkpoints, which may change between a checkpoint and its
    // resumption.
    std::string case_definition(const std::string &expanded_parameters)
    {
      std::istringstream lines(expanded_parameters);
      std::ostringstream kept;
      int                depth = 0, skipping_at = -1;
      for (std::string line; std::getline(lines, line);)
        {
          const std::string text = Utilities::trim(line);
          if (text.rfind("subsection ", 0) == 0)
            {
              if (skipping_at < 0 && depth == 0 &&
                  (text == "subsection Output" ||
                   text == "subsection Checkpoints"))
                skipping_at = depth;
              ++depth;
            }
          else if (text == "end")
            {
              --depth;
              if (skipping_at == depth)
                {
                  skipping_at = -1;
                  continue;
                }
            }
          if (skipping_at < 0 && !text.empty() && text[0] != '#')
            kept << text << '\n';
        }
      return kept.str();
    }



    // What keeps the checkpoint in @p folder from being resumed by this
    // case, or "".
    std::string resumption_problem(const std::string &folder,
                                   const std::string &expanded_parameters)
    {
      const std::string damage =
        Postprocess::checkpoint_problem(folder, CEMENTFLOW_VERSION);
      if (!damage.empty())
        return damage;
      // The case must be the one that was checkpointed.
      std::ifstream      file(folder + "/case.prm");
      std::ostringstream saved;
      saved << file.rdbuf();
      if (saved.str() != case_definition(expanded_parameters))
        return "it belongs to a case with other parameters (outside the "
               "subsections Output and Checkpoints); resume with the same "
               "parameter file";
      return "";
    }
  } // namespace



  /** The scalars of a checkpoint (the fields go with the mesh). */
  struct Simulator::CheckpointState
  {
    double                  time, injected_volume;
    unsigned int            time_step_number;
    double                  rate, viscosity_scale;
    double                  injection_pressure, cannula_drop;
    double                  max_tip_pressure;
    double                  max_injection_pressure;
    double                  max_cannula_pressure_drop;
    double                  max_syringe_force;
    double                  last_output_volume;
    std::vector<double>     leaked_volume;
    std::vector<double>     first_arrival_time;
    std::vector<double>     first_arrival_injected;
    std::vector<double>     peak_leak_rate;
    std::string             first_leak_zone;
    double                  first_leak_time, safe_volume;
    unsigned int            next_pause;
    double                  pause_left;
    Postprocess::TimeSeries statistics;
    std::vector<std::pair<double, std::string>> solution_records;
    std::vector<std::pair<double, std::string>> exit_records;
    // The transport reuses the fluxes of an earlier pressure solve
    // (Numerics/Pressure update saturation change).
    bool fluxes_are_current;
    // The veins' state (cement, pressures, accounting) and their output.
    std::vector<double>                         circulation;
    std::vector<std::pair<double, std::string>> vessel_records;
    // The heat flows of the run so far (Heat and cure).
    std::vector<double> heat_flows;
    // The adaptive step control's next volume [m^3], and the steps and
    // front advance since the last mesh adaptation.
    double       next_step_volume;
    unsigned int steps_since_adaptation;
    double       front_advance_since_adaptation;

    template <class Archive>
    void serialize(Archive &archive, const unsigned int)
    {
      archive &time &injected_volume &time_step_number &rate &viscosity_scale;
      archive &injection_pressure &cannula_drop              &max_tip_pressure;
      archive &max_injection_pressure                &max_cannula_pressure_drop;
      archive &max_syringe_force &last_output_volume &leaked_volume;
      archive &first_arrival_time &first_arrival_injected    &peak_leak_rate;
      archive &first_leak_zone &first_leak_time &safe_volume &next_pause;
      archive &pause_left &statistics &solution_records      &exit_records;
      archive &fluxes_are_current &circulation               &vessel_records;
      archive &heat_flows &next_step_volume &steps_since_adaptation;
      archive                               &front_advance_since_adaptation;
    }
  };



  namespace
  {
    // Saturation, arrival time, two viscosities, the saturation of the last
    // pressure solve, the supply switches; and the heat's fields.
    unsigned int checkpoint_cell_fields(const Thermal::HeatAndCure &heat)
    {
      return 6 +
             (heat.enabled() ? Thermal::HeatAndCure::n_checkpoint_values : 0);
    }
  } // namespace



  bool stop_signal_received()
  {
    return signal_received != 0;
  }



  void Simulator::install_signal_handlers() const
  {
    if (parameters.checkpoints.on_signal)
      {
        std::signal(SIGTERM, note_signal);
        std::signal(SIGUSR1, note_signal);
      }
  }



  std::string Simulator::find_checkpoint() const
  {
    // A checkpoint counts once its marker "complete" exists; "checkpoint"
    // is the newest, "checkpoint-old" the one kept while the newest was
    // being renamed into place.
    std::string folder, problem;
    if (parameters.checkpoints.resume == "auto" && this_rank == 0)
      for (const std::string name : {"checkpoint", "checkpoint-old"})
        {
          const std::string candidate =
            parameters.output.directory + "/" + name;
          if (std::filesystem::exists(candidate + "/complete"))
            {
              folder  = candidate;
              problem = resumption_problem(folder, expanded_parameters);
              break;
            }
        }
    problem = Utilities::MPI::broadcast(communicator, problem, 0);
    if (!problem.empty())
      throw InputError("The checkpoint in <" +
                       Utilities::MPI::broadcast(communicator, folder, 0) +
                       "> cannot be resumed: " + problem +
                       ". Set Checkpoints/Resume = never to start afresh, or "
                       "remove that folder.");
    return Utilities::MPI::broadcast(communicator, folder, 0);
  }



  bool Simulator::checkpoint_due()
  {
    const CheckpointParameters &p   = parameters.checkpoints;
    int                         due = signal_received != 0 ? 2 : 0;
    if (p.every_steps > 0 && time_step_number % p.every_steps == 0)
      due = std::max(due, 1);
    if (p.every_minutes > 0 &&
        wall_clock.wall_time() - last_checkpoint_wall_time >=
          60 * p.every_minutes)
      due = std::max(due, 1);
    // Wall clocks and signals differ between ranks: rank 0 decides.
    due                   = Utilities::MPI::broadcast(communicator, due, 0);
    stop_after_checkpoint = due == 2;
    return due > 0;
  }



  void Simulator::save_checkpoint()
  {
    TimerOutput::Scope scope(timer, "checkpoint");
    const std::string  directory = parameters.output.directory;
    const std::string  fresh     = directory + "/checkpoint-new";
    if (this_rank == 0)
      {
        std::filesystem::remove_all(fresh);
        Postprocess::create_directories(fresh);
      }
    MPI_Barrier(communicator);

    // The cell fields travel with the mesh, so that any number of ranks can
    // read them back: saturation, arrival time and viscosities as one value
    // per cell, the pressure at the vertices.
    // The sixth holds which vertices the arterial supply feeds; with Heat
    // and cure the temperature, cure and dose follow.
    std::vector<LinearAlgebra::distributed::Vector<double>> cell_fields(
      checkpoint_cell_fields(heat), saturation);
    const std::vector<unsigned char> switches = circulation.supply_switches();
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const unsigned int i            = cells[c].saturation_index;
        cell_fields[1].local_element(i) = arrival_time[c];
        cell_fields[2].local_element(i) = cement_viscosity[c];
        cell_fields[3].local_element(i) = marrow_viscosity[c];
        cell_fields[4].local_element(i) = saturation_at_pressure[c];
        cell_fields[5].local_element(i) = c < switches.size() ? switches[c] : 0;
        if (heat.enabled())
          {
            const std::vector<double> values = heat.cell_checkpoint_values(c);
            for (unsigned int k = 0; k < values.size(); ++k)
              cell_fields[6 + k].local_element(i) = values[k];
          }
      }
    const std::vector<double> heat_flows =
      heat.enabled() ? heat.flow_totals() : std::vector<double>();
    std::vector<const LinearAlgebra::distributed::Vector<double> *> cell_in;
    for (auto &field : cell_fields)
      {
        field.update_ghost_values();
        cell_in.push_back(&field);
      }
    CellTransfer cell_transfer(cell_dof_handler);
    cell_transfer.prepare_for_serialization(cell_in);
    // The pressure, and the resting pressure of a perfused bone.
    CellTransfer pressure_transfer(pressure_dof_handler);
    std::vector<const LinearAlgebra::distributed::Vector<double> *>
      pressure_in = {&pressure};
    if (resting_pressure.size() > 0)
      {
        resting_pressure.update_ghost_values();
        pressure_in.push_back(&resting_pressure);
      }
    pressure_transfer.prepare_for_serialization(pressure_in);
    triangulation.save(fresh + "/mesh");

    if (this_rank == 0)
      {
        CheckpointState    state{time,
                              injected_volume,
                              time_step_number,
                              rate,
                              viscosity_scale,
                              injection_pressure,
                              cannula_drop,
                              max_tip_pressure,
                              max_injection_pressure,
                              max_cannula_pressure_drop,
                              max_syringe_force,
                              last_output_volume,
                              leaked_volume,
                              first_arrival_time,
                              first_arrival_injected,
                              peak_leak_rate,
                              first_leak_zone,
                              first_leak_time,
                              safe_volume,
                              next_pause,
                              pause_left,
                              statistics,
                              solution_writer ?
                                   solution_writer->series.records() :
                                   std::vector<std::pair<double, std::string>>(),
                              exit_series ?
                                   exit_series->records() :
                                   std::vector<std::pair<double, std::string>>(),
                              fluxes_are_current,
                              circulation.state(),
                              circulation.output_records(),
                              heat_flows,
                              time_step_control.volume(),
                              steps_since_adaptation,
                              front_advance_since_adaptation};
        std::ostringstream text;
        {
          boost::archive::text_oarchive archive(text);
          archive << state;
        }
        Postprocess::write_file_atomically(fresh + "/state.txt", text.str());
        Postprocess::write_file_atomically(
          fresh + "/case.prm", case_definition(expanded_parameters));
        Postprocess::write_checkpoint_manifest(fresh, CEMENTFLOW_VERSION);
        Postprocess::write_file_atomically(fresh + "/complete", "complete\n");

        // Keep the previous checkpoint until the new one is in place.
        const std::string current = directory + "/checkpoint";
        const std::string old     = directory + "/checkpoint-old";
        std::filesystem::remove_all(old);
        if (std::filesystem::exists(current))
          std::filesystem::rename(current, old);
        std::filesystem::rename(fresh, current);
        std::filesystem::remove_all(old);
      }
    MPI_Barrier(communicator);
    last_checkpoint_wall_time = wall_clock.wall_time();
    pcout << "Checkpoint written at t = " << time << " s, "
          << injected_volume * 1e6 << " mL." << std::endl;
  }



  void Simulator::load_checkpoint(const std::string &folder)
  {
    // Vectors with room for ghost entries (into which values of shared
    // vertices are written) but without valid ghost values.
    std::vector<LinearAlgebra::distributed::Vector<double>> cell_fields(
      checkpoint_cell_fields(heat), saturation);
    for (auto &field : cell_fields)
      field.zero_out_ghost_values();
    std::vector<LinearAlgebra::distributed::Vector<double> *> cell_out;
    for (auto &field : cell_fields)
      cell_out.push_back(&field);
    CellTransfer cell_transfer(cell_dof_handler);
    cell_transfer.deserialize(cell_out);
    LinearAlgebra::distributed::Vector<double> owned_pressure(pressure),
      owned_resting(pressure);
    owned_pressure.zero_out_ghost_values();
    owned_resting.zero_out_ghost_values();
    CellTransfer pressure_transfer(pressure_dof_handler);
    std::vector<LinearAlgebra::distributed::Vector<double> *> pressure_out = {
      &owned_pressure};
    const bool with_resting =
      circulation.has_veins() || circulation.has_perfusion();
    if (with_resting)
      pressure_out.push_back(&owned_resting);
    pressure_transfer.deserialize(pressure_out);
    if (with_resting)
      {
        resting_pressure = owned_resting;
        resting_pressure.update_ghost_values();
      }

    std::vector<LinearAlgebra::distributed::Vector<double>> ghosted(
      cell_fields.size(), saturation);
    for (unsigned int f = 0; f < cell_fields.size(); ++f)
      {
        ghosted[f] = cell_fields[f];
        ghosted[f].update_ghost_values();
      }
    saturation = ghosted[0];
    saturation.update_ghost_values();
    for (unsigned int c = 0; c < cells.size(); ++c)
      {
        const unsigned int i = cells[c].saturation_index;
        if (c < n_owned_cells)
          arrival_time[c] = ghosted[1].local_element(i);
        if (c < n_owned_cells)
          saturation_at_pressure[c] = ghosted[4].local_element(i);
        cement_viscosity[c] = ghosted[2].local_element(i);
        marrow_viscosity[c] = ghosted[3].local_element(i);
      }
    pressure = owned_pressure;
    pressure.update_ghost_values();
    for (const types::global_dof_index i : locally_owned_pressure_dofs)
      pressure_solution(i) = pressure(i);
    pressure_solution.compress(VectorOperation::insert);

    CheckpointState state;
    {
      std::ifstream                 file(folder + "/state.txt");
      boost::archive::text_iarchive archive(file);
      archive >> state;
    }
    time                      = state.time;
    injected_volume           = state.injected_volume;
    time_step_number          = state.time_step_number;
    rate                      = state.rate;
    viscosity_scale           = state.viscosity_scale;
    injection_pressure        = state.injection_pressure;
    cannula_drop              = state.cannula_drop;
    max_tip_pressure          = state.max_tip_pressure;
    max_injection_pressure    = state.max_injection_pressure;
    max_cannula_pressure_drop = state.max_cannula_pressure_drop;
    max_syringe_force         = state.max_syringe_force;
    last_output_volume        = state.last_output_volume;
    leaked_volume             = state.leaked_volume;
    first_arrival_time        = state.first_arrival_time;
    first_arrival_injected    = state.first_arrival_injected;
    peak_leak_rate            = state.peak_leak_rate;
    first_leak_zone           = state.first_leak_zone;
    first_leak_time           = state.first_leak_time;
    safe_volume               = state.safe_volume;
    next_pause                = state.next_pause;
    pause_left                = state.pause_left;
    time_step_control.set_volume(state.next_step_volume);
    steps_since_adaptation         = state.steps_since_adaptation;
    front_advance_since_adaptation = state.front_advance_since_adaptation;
    // A checkpoint of another build may keep other statistics; resuming it
    // would leave columns unwritten or unknown.
    if (!statistics.same_columns(state.statistics))
      throw InputError("The checkpoint in <" + folder +
                       "> was written with other statistics columns (by "
                       "another build of cementflow) and cannot be resumed. "
                       "Set Checkpoints/Resume = never to start afresh, or "
                       "remove that folder.");
    statistics = state.statistics;
    if (solution_writer)
      solution_writer->series.restore(state.solution_records);
    if (!state.exit_records.empty() && this_rank == 0)
      {
        exit_series = std::make_unique<Postprocess::TimeSeriesRecord>(
          parameters.output.directory + "/exits.pvd");
        exit_series->restore(state.exit_records);
      }
    // The veins' state; then, with the mobilities of the last pressure
    // solve, the supply, the veins' exchange and, if the transport was
    // reusing them, the face fluxes of then.
    if (heat.enabled())
      {
        std::vector<std::vector<double>> values(
          n_owned_cells,
          std::vector<double>(Thermal::HeatAndCure::n_checkpoint_values));
        for (unsigned int c = 0; c < n_owned_cells; ++c)
          for (unsigned int k = 0; k < values[c].size(); ++k)
            values[c][k] =
              ghosted[6 + k].local_element(cells[c].saturation_index);
        heat.restore(values, state.heat_flows, cells, saturation);
      }
    circulation.restore(state.circulation);
    circulation.restore_output_records(parameters.output.directory,
                                       state.vessel_records);
    const LinearAlgebra::distributed::Vector<double> current(saturation);
    saturation = ghosted[4];
    saturation.update_ghost_values();
    update_mobilities();
    std::vector<unsigned char> switches(cells.size());
    for (unsigned int c = 0; c < cells.size(); ++c)
      switches[c] = static_cast<unsigned char>(
        std::lround(ghosted[5].local_element(cells[c].saturation_index)));
    circulation.restore_supply(switches, bone_state());
    circulation.refresh(bone_state());
    if (state.fluxes_are_current)
      compute_conservative_fluxes();
    saturation = current;
    saturation.update_ghost_values();
    if (!state.fluxes_are_current)
      update_mobilities();
    fluxes_are_current        = state.fluxes_are_current;
    last_checkpoint_wall_time = wall_clock.wall_time();
    pcout << "Resumed from <" << folder << "> at t = " << time << " s, "
          << injected_volume * 1e6 << " mL, step " << time_step_number << "."
          << std::endl;
  }



  void Simulator::remove_checkpoints() const
  {
    if (this_rank == 0)
      for (const std::string name :
           {"checkpoint", "checkpoint-old", "checkpoint-new"})
        std::filesystem::remove_all(parameters.output.directory + "/" + name);
  }
} // namespace cementflow
