#include "atomic_file.h"
#include "boundary_ids.h"
#include "needle.h"
#include "needle_geometry.h"
#include "simulator.h"
#include "solution_writer.h"
#include "surface_writer.h"
#include "vtu_piece.h"
#include "version.h"

#include <deal.II/base/revision.h>
#include <deal.II/base/utilities.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/numerics/vector_tools.h>

#include <cmath>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    constexpr double millilitres = 1e6; // per m^3
  }                                     // namespace



  void Simulator::declare_statistics()
  {
    statistics.declare_column("time", "s");
    statistics.declare_column("injected volume", "mL");
    statistics.declare_column("cement in bone", "mL");
    // Leak paths: the exit zones, then the veins, each of a class.
    std::vector<std::pair<std::string, std::string>> paths;
    for (const Meshes::ExitZoneParameters &zone : parameters.exit_zones.zones)
      paths.emplace_back(zone.name, zone.leak_class);
    if (circulation.has_veins())
      {
        statistics.declare_column("cement in veins", "mL");
        for (const auto &vein : circulation.network().veins())
          paths.emplace_back(vein.name, vein.leak_class);
      }
    for (const auto &[name, leak_class] : paths)
      statistics.declare_column("leaked volume " + name, "mL");
    std::vector<std::string> classes;
    for (const auto &[name, leak_class] : paths)
      if (std::find(classes.begin(), classes.end(), leak_class) ==
          classes.end())
        {
          classes.push_back(leak_class);
          statistics.declare_column("leaked volume class " + leak_class, "mL");
        }
    statistics.declare_column("total leaked volume", "mL");
    statistics.declare_column("tip pressure", "kPa");
    statistics.declare_column("cannula pressure drop", "kPa");
    statistics.declare_column("injection pressure", "kPa");
    statistics.declare_column("syringe force", "N");
    statistics.declare_column("rate", "mL/min");
    statistics.declare_column("cement viscosity at tip", "Pa s");
    statistics.declare_column("time step", "s");
    statistics.declare_column("viscosity iterations", "");
    statistics.declare_column("pressure iterations", "");
    statistics.declare_column("flux correction iterations", "");
    statistics.declare_column("transport sweeps", "");
    statistics.declare_column("AMG setups", "");
    statistics.declare_column("cells", "");
    statistics.declare_column("mass balance error", "relative");
    circulation.declare_statistics(statistics);
    declare_heat_statistics();
  }



  void Simulator::record_step(const double time_step)
  {
    double cement = 0;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      cement += cells[c].porosity * cells[c].volume *
                saturation.local_element(cells[c].saturation_index);
    cement = Utilities::MPI::sum(cement, communicator);

    double total_leaked = 0;
    for (const double v : leaked_volume)
      total_leaked += v;
    const double pressure_at_tip = tip_pressure();
    max_tip_pressure             = std::max(max_tip_pressure, pressure_at_tip);

    // The zones' and the veins' leaks, per path and per class.
    Postprocess::RunSummary paths;
    summarize_leakage(paths);
    total_leaked = paths.total_leaked_volume;
    const double in_veins =
      circulation.has_veins() ? circulation.cement_in_veins() : 0.;

    statistics.start_row();
    statistics.set("time", time);
    statistics.set("injected volume", injected_volume * millilitres);
    statistics.set("cement in bone", cement * millilitres);
    if (circulation.has_veins())
      statistics.set("cement in veins", in_veins * millilitres);
    std::map<std::string, double> class_volume;
    for (const Postprocess::ZoneLeakage &path : paths.zones)
      {
        statistics.set("leaked volume " + path.name,
                       path.leaked_volume * millilitres);
        class_volume[path.leak_class] += path.leaked_volume;
      }
    for (const auto &[leak_class, volume] : class_volume)
      statistics.set("leaked volume class " + leak_class, volume * millilitres);
    statistics.set("total leaked volume", total_leaked * millilitres);
    statistics.set("tip pressure", pressure_at_tip * 1e-3);
    const double plunger_area =
      numbers::PI * std::pow(parameters.needle.syringe_inner_diameter / 2, 2);
    const double syringe_force = injection_pressure * plunger_area;
    max_injection_pressure =
      std::max(max_injection_pressure, injection_pressure);
    max_cannula_pressure_drop =
      std::max(max_cannula_pressure_drop, cannula_drop);
    max_syringe_force = std::max(max_syringe_force, syringe_force);
    statistics.set("cannula pressure drop", cannula_drop * 1e-3);
    statistics.set("injection pressure", injection_pressure * 1e-3);
    statistics.set("syringe force", syringe_force);
    statistics.set("rate", rate * 6e7);
    statistics.set("cement viscosity at tip", tip_viscosity());
    statistics.set("viscosity iterations", last_viscosity_iterations);
    statistics.set("time step", time_step);
    statistics.set("pressure iterations", last_pressure_iterations);
    statistics.set("flux correction iterations",
                   time_step > 0 ? last_flux_iterations : 0);
    statistics.set("transport sweeps",
                   time_step > 0 ? last_transport_sweeps : 0);
    statistics.set("AMG setups",
                   pressure_solver.n_setups() + correction_solver.n_setups());
    statistics.set("cells",
                   static_cast<double>(triangulation.n_global_active_cells()));
    statistics.set("mass balance error",
                   injected_volume > 0 ? std::abs(injected_volume - cement -
                                                  in_veins - total_leaked) /
                                           injected_volume :
                                         0.);
    circulation.record_statistics(statistics, bone_state(), time);
    record_heat_statistics();

    if (time_step > 0)
      {
        // Time left from the mean wall time per injected mL so far.
        const auto [start_wall, start_volume] = progress_start;
        const double elapsed   = wall_clock.wall_time() - start_wall;
        const double target    = parameters.injection.volume;
        const double time_left = injected_volume > start_volume ?
                                   elapsed / (injected_volume - start_volume) *
                                     std::max(target - injected_volume, 0.) :
                                   0.;
        pcout << "step " << time_step_number << "  t = " << time
              << " s  dt = " << time_step << " s  "
              << injected_volume * millilitres << " of " << target * millilitres
              << " mL  tip " << pressure_at_tip * 1e-3 << " kPa  injection "
              << injection_pressure * 1e-3
              << " kPa  leaked "
              // Upwind transport leaves traces of 1e-300 mL downstream; the
              // log shows them as 0 (statistics.csv keeps every digit).
              << (total_leaked * millilitres < 1e-9 ?
                    0. :
                    total_leaked * millilitres)
              << " mL  iterations " << last_viscosity_iterations << "x"
              << last_pressure_iterations << "/" << last_flux_iterations << "/"
              << last_transport_sweeps;
        if (parameters.adaptive_mesh.levels > 0)
          pcout << "  cells " << triangulation.n_global_active_cells();
        pcout << "  wall " << std::lround(elapsed) << " s, about "
              << std::lround(time_left) << " s left" << std::endl;
      }
  }



  void Simulator::account_step(const double time_step)
  {
    account_leakage(time_step);
    const double threshold = parameters.numerics.arrival_saturation;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const double s = saturation.local_element(cells[c].saturation_index);
        const double s_old =
          old_saturation.local_element(cells[c].saturation_index);
        if (arrival_time[c] < 0 && s >= threshold)
          arrival_time[c] =
            time - time_step + time_step * (threshold - s_old) / (s - s_old);
      }
  }



  void Simulator::output_fields()
  {
    if (!solution_writer)
      return;
    TimerOutput::Scope scope(timer, "output");

    // Points: the vertices of the owned cells, in millimetres.
    Postprocess::VtuPiece     piece;
    const unsigned int        no_point = numbers::invalid_unsigned_int;
    std::vector<unsigned int> point_of_vertex(triangulation.n_vertices(),
                                              no_point);
    unsigned int              n_points = 0;
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      for (const unsigned int v : cells[c].pressure_cell->vertex_indices())
        {
          const unsigned int vertex = cells[c].pressure_cell->vertex_index(v);
          if (point_of_vertex[vertex] == no_point)
            {
              point_of_vertex[vertex] = n_points++;
              for (unsigned int d = 0; d < 3; ++d)
                piece.points.push_back(cells[c].pressure_cell->vertex(v)[d] *
                                       1e3);
            }
        }

    // Point data: the pressure, and for smooth iso-surfaces the saturation
    // averaged over the cells around each point and the arrival time
    // averaged over those of them that cement has reached (-1 if none),
    // both weighted by cell volume. Arrival times of ghost cells are not
    // kept, so at partition boundaries the point values use the owned
    // side only.
    std::vector<double> pressure_kpa(n_points), saturation_sum(n_points, 0.),
      volume_sum(n_points, 0.), arrival_sum(n_points, 0.),
      arrived_volume(n_points, 0.);
    for (unsigned int c = 0; c < cells.size(); ++c)
      for (const unsigned int v : cells[c].pressure_cell->vertex_indices())
        {
          const unsigned int point =
            point_of_vertex[cells[c].pressure_cell->vertex_index(v)];
          if (point == no_point)
            continue;
          pressure_kpa[point] =
            pressure.local_element(cells[c].pressure_indices[v]) * 1e-3;
          saturation_sum[point] +=
            cells[c].volume *
            saturation.local_element(cells[c].saturation_index);
          volume_sum[point] += cells[c].volume;
          if (c < n_owned_cells && arrival_time[c] >= 0)
            {
              arrival_sum[point] += cells[c].volume * arrival_time[c];
              arrived_volume[point] += cells[c].volume;
            }
        }
    for (unsigned int p = 0; p < n_points; ++p)
      {
        saturation_sum[p] /= volume_sum[p];
        arrival_sum[p] =
          arrived_volume[p] > 0 ? arrival_sum[p] / arrived_volume[p] : -1.;
      }
    piece.point_fields = {{"pressure_kPa", 1, pressure_kpa},
                          {"cement_saturation_at_points", 1, saturation_sum},
                          {"cement_arrival_time_s_at_points", 1, arrival_sum}};
    // The perfused bone's pressure at rest, before the injection.
    if (resting_pressure.size() > 0)
      {
        std::vector<double> resting(n_points, 0.);
        for (unsigned int c = 0; c < cells.size(); ++c)
          for (const unsigned int v : cells[c].pressure_cell->vertex_indices())
            {
              const unsigned int point =
                point_of_vertex[cells[c].pressure_cell->vertex_index(v)];
              if (point != no_point)
                resting[point] =
                  resting_pressure.local_element(cells[c].pressure_indices[v]) *
                  1e-3;
            }
        piece.point_fields.push_back(
          {"resting_pressure_kPa", 1, std::move(resting)});
      }

    // Cells: hexahedra in VTK's vertex order.
    const std::array<unsigned int, 8> vtk_order = {{0, 1, 3, 2, 4, 5, 7, 6}};
    std::vector<double> s(n_owned_cells), velocity(3 * n_owned_cells, 0.),
      porosity(n_owned_cells), axial(n_owned_cells), transverse(n_owned_cells),
      region(n_owned_cells), rank(n_owned_cells, this_rank),
      viscosity(cement_viscosity.begin(),
                cement_viscosity.begin() + n_owned_cells),
      shear_rate(cement_shear_rate.begin(),
                 cement_shear_rate.begin() + n_owned_cells);
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        for (const unsigned int v : vtk_order)
          piece.connectivity.push_back(
            point_of_vertex[cells[c].pressure_cell->vertex_index(v)]);
        s[c]          = saturation.local_element(cells[c].saturation_index);
        porosity[c]   = cells[c].porosity;
        axial[c]      = cells[c].permeability_axial;
        transverse[c] = cells[c].permeability_transverse;
        region[c]     = cells[c].region_id;
        // The total Darcy velocity of the cell from its face fluxes,
        // u = (1/|K|) sum_f F_f (x_f - x_K), exact for a constant velocity.
        for (const auto &[f, sign] : cell_faces[c])
          for (unsigned int d = 0; d < 3; ++d)
            velocity[3 * c + d] += sign * faces[f].flux *
                                   (faces[f].center[d] - cells[c].center[d]) /
                                   cells[c].volume * 1e3; // mm/s
      }
    piece.cell_fields = {{"cement_saturation", 1, s},
                         {"darcy_velocity_mm_per_s", 3, velocity},
                         {"porosity", 1, porosity},
                         {"permeability_axial_m2", 1, axial},
                         {"permeability_transverse_m2", 1, transverse},
                         {"region_id", 1, region},
                         {"cement_arrival_time_s", 1, arrival_time},
                         {"cement_viscosity_Pa_s", 1, viscosity},
                         {"cement_shear_rate_per_s", 1, shear_rate},
                         {"mpi_rank", 1, rank}};
    add_heat_fields(piece);

    solution_writer->write(piece, time);
    write_exit_surfaces();
    circulation.write_output(parameters.output.directory,
                             solution_writer->series.records().size() - 1,
                             time);
    last_output_volume = injected_volume;
  }



  void Simulator::write_exit_surfaces()
  {
    // The open exit zones as a surface of their own (exits.pvd): per face
    // its zone, the cement and total flow leaving through it now, and the
    // zone's cumulative leaked volume. Small: gathered on rank 0.
    std::vector<double>               points, zone, cement_flux, total_flux;
    const std::array<unsigned int, 4> vtk_order = {{0, 1, 3, 2}};
    for (const FaceInfo &face : faces)
      if (face.zone != numbers::invalid_unsigned_int)
        {
          const unsigned int c = face.cells[0];
          const auto geometry  = cells[c].pressure_cell->face(face.face_number);
          for (const unsigned int v : vtk_order)
            for (unsigned int d = 0; d < 3; ++d)
              points.push_back(geometry->vertex(v)[d] * 1e3);
          const double outflow = std::max(face.flux, 0.);
          zone.push_back(face.zone);
          total_flux.push_back(outflow * 6e7);
          cement_flux.push_back(
            outflow * 6e7 *
            relative_permeability.fractional_flow(saturation.local_element(
                                                    cells[c].saturation_index),
                                                  cement_viscosity[c],
                                                  marrow_viscosity[c]));
        }
    const auto gathered = [this](const std::vector<double> &local) {
      std::vector<double> all;
      for (const auto &part : Utilities::MPI::gather(communicator, local, 0))
        all.insert(all.end(), part.begin(), part.end());
      return all;
    };
    const std::vector<double> all_points      = gathered(points);
    const std::vector<double> all_zone        = gathered(zone);
    const std::vector<double> all_cement_flux = gathered(cement_flux);
    const std::vector<double> all_total_flux  = gathered(total_flux);
    if (this_rank != 0)
      return;

    std::vector<double> zone_leaked(all_zone.size());
    for (unsigned int i = 0; i < all_zone.size(); ++i)
      zone_leaked[i] =
        leaked_volume[static_cast<unsigned int>(all_zone[i])] * millilitres;
    if (!exit_series)
      {
        Postprocess::create_directories(parameters.output.directory + "/exits");
        exit_series = std::make_unique<Postprocess::TimeSeriesRecord>(
          parameters.output.directory + "/exits.pvd");
      }
    const std::string file =
      "exits/exits_" +
      Utilities::int_to_string(solution_writer->series.records().size() - 1,
                               5) +
      ".vtp";
    Postprocess::write_quad_surface(
      parameters.output.directory + "/" + file,
      all_points,
      {{"zone_id", 1, all_zone},
       {"cement_leak_flux_mL_per_min", 1, all_cement_flux},
       {"outflow_mL_per_min", 1, all_total_flux},
       {"zone_leaked_volume_mL", 1, zone_leaked}});
    exit_series->add(time, file);
  }



  void Simulator::write_statistics() const
  {
    if (this_rank == 0)
      Postprocess::write_file_atomically(parameters.output.directory +
                                           "/statistics.csv",
                                         statistics.csv());
  }



  RunSummary Simulator::summarize() const
  {
    RunSummary summary;
    summary.version         = CEMENTFLOW_VERSION;
    summary.git_revision    = CEMENTFLOW_GIT_REVISION;
    summary.deal_ii_version = DEAL_II_PACKAGE_VERSION;
    summary.injected_volume = injected_volume;
    summary.target_volume   = parameters.injection.volume;
    summarize_leakage(summary);
    summarize_filling(summary);
    summary.heat = heat_report();
    summary.mass_balance_error =
      injected_volume > 0 ? std::abs(injected_volume - summary.cement_in_bone -
                                     summary.circulation.cement_in_veins -
                                     summary.total_leaked_volume) /
                              injected_volume :
                            0.;
    summary.max_tip_pressure   = max_tip_pressure;
    summary.final_tip_pressure = tip_pressure();
    summary.end_time           = time;
    summary.n_cells            = triangulation.n_global_active_cells();
    summary.n_time_steps       = time_step_number;
    summary.n_mpi_ranks        = n_ranks;
    summary.wall_time          = wall_clock.wall_time();
    summary.steps_per_mL =
      injected_volume > 0 ? time_step_number / (injected_volume * millilitres) :
                            0.;
    summary.max_injection_pressure    = max_injection_pressure;
    summary.final_injection_pressure  = injection_pressure;
    summary.max_cannula_pressure_drop = max_cannula_pressure_drop;
    summary.max_syringe_force         = max_syringe_force;
    summary.final_rate                = rate;
    summary.final_tip_viscosity       = tip_viscosity();
    summary.last_viscosity_iterations = last_viscosity_iterations;
    if (!stop_reason.empty())
      summary.status = stop_reason;
    return summary;
  }



  void Simulator::write_report(const RunSummary &summary) const
  {
    if (this_rank != 0)
      return;
    Postprocess::write_file_atomically(parameters.output.directory +
                                         "/report.json",
                                       Postprocess::report_json(summary));
    Postprocess::write_file_atomically(parameters.output.directory +
                                         "/report.md",
                                       Postprocess::report_markdown(summary));
  }



  std::vector<std::array<double, 5>> Simulator::gather_cell_saturation() const
  {
    std::vector<std::array<double, 5>> local(n_owned_cells);
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      local[c] = {
        {cells[c].center[0],
         cells[c].center[1],
         cells[c].center[2],
         saturation.local_element(cells[c].saturation_index),
         static_cast<double>(cells[c].pressure_cell->level() - base_level)}};
    const std::vector<std::vector<std::array<double, 5>>> all =
      Utilities::MPI::gather(communicator, local, 0);
    std::vector<std::array<double, 5>> result;
    for (const auto &part : all)
      result.insert(result.end(), part.begin(), part.end());
    return result;
  }



  std::pair<double, double>
  Simulator::pressure_l2_error(const Function<3> &exact) const
  {
    Vector<float>   difference(triangulation.n_active_cells());
    const QGauss<3> quadrature(3);
    VectorTools::integrate_difference(pressure_dof_handler,
                                      pressure,
                                      exact,
                                      difference,
                                      quadrature,
                                      VectorTools::L2_norm);
    const double error =
      VectorTools::compute_global_error(triangulation,
                                        difference,
                                        VectorTools::L2_norm);

    LinearAlgebra::distributed::Vector<double> zero(pressure);
    zero = 0;
    zero.update_ghost_values();
    VectorTools::integrate_difference(pressure_dof_handler,
                                      zero,
                                      exact,
                                      difference,
                                      quadrature,
                                      VectorTools::L2_norm);
    const double norm = VectorTools::compute_global_error(triangulation,
                                                          difference,
                                                          VectorTools::L2_norm);
    return {error, norm};
  }



  double Simulator::flux_error(
    const std::function<Tensor<1, 3>(const Point<3> &)> &exact_velocity,
    const double                                         exclude_radius) const
  {
    // Faces shared by two ranks count on both; they are few and enter
    // error and norm alike.
    double error = 0, norm = 0;
    for (const FaceInfo &face : faces)
      if (face.center.distance(parameters.needle.tip) > exclude_radius)
        {
          const double exact = exact_velocity(face.center) * face.normal;
          error += face.area * std::pow(face.flux / face.area - exact, 2);
          norm += face.area * exact * exact;
        }
    return std::sqrt(Utilities::MPI::sum(error, communicator) /
                     Utilities::MPI::sum(norm, communicator));
  }



  void Simulator::write_needle() const
  {
    const Meshes::NeedleGauge &gauge =
      Meshes::find_needle_gauge(parameters.needle.gauge);
    const double radius =
      (gauge.outer_diameter > 0 ? gauge.outer_diameter : gauge.inner_diameter) /
      2;
    auto needles = parameters.needle.trajectories();
    for (auto &[entry, tip] : needles)
      {
        entry *= 1e3;
        tip *= 1e3;
      }
    Postprocess::write_needle_geometry(
      parameters.output.directory + "/needle.vtp", needles, radius * 1e3);
  }
} // namespace cementflow
