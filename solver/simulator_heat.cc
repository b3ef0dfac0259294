#include "physics/constants.h"
#include "simulator.h"
#include "vtu_piece.h"

#include <array>
#include <limits>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    // The owned cells on a wall of the body: a boundary face whose outward
    // direction lies within about 45 degrees of -y (@p sign -1: the
    // posterior wall, which faces the spinal canal) or +y (@p sign +1: the
    // anterior wall), docs/model.md "Anatomy".
    std::vector<bool> wall_cells(const std::vector<CellInfo> &cells,
                                 const unsigned int           n_owned_cells,
                                 const double                 sign)
    {
      std::vector<bool> wall(n_owned_cells, false);
      for (unsigned int c = 0; c < n_owned_cells; ++c)
        {
          const auto &cell = cells[c].pressure_cell;
          for (const unsigned int f : cell->face_indices())
            if (cell->at_boundary(f))
              {
                const Tensor<1, 3> outward =
                  cell->face(f)->center() - cells[c].center;
                if (sign * outward[1] / outward.norm() > 0.7)
                  wall[c] = true;
              }
        }
      return wall;
    }



    // Temperature [°C] and degree of cure at the owned cell nearest
    // @p point over all ranks (collective).
    std::array<double, 2> probe(const Point<3>              &point,
                                const Thermal::HeatAndCure  &heat,
                                const std::vector<CellInfo> &cells,
                                const unsigned int           n_owned_cells,
                                const MPI_Comm               communicator)
    {
      struct
      {
        double distance;
        int    rank;
      } nearest{std::numeric_limits<double>::max(),
                static_cast<int>(
                  Utilities::MPI::this_mpi_process(communicator))},
        winner{};
      unsigned int nearest_cell = 0;
      for (unsigned int c = 0; c < n_owned_cells; ++c)
        if (const double d = cells[c].center.distance_square(point);
            d < nearest.distance)
          {
            nearest.distance = d;
            nearest_cell     = c;
          }
      MPI_Allreduce(
        &nearest, &winner, 1, MPI_DOUBLE_INT, MPI_MINLOC, communicator);
      std::array<double, 2> values{{0, 0}};
      if (winner.rank == nearest.rank && n_owned_cells > 0)
        {
          const unsigned int i = cells[nearest_cell].saturation_index;
          values               = {
                          {heat.temperature().local_element(i) - Physics::zero_celsius,
                           heat.cure().local_element(i)}};
        }
      MPI_Bcast(values.data(), 2, MPI_DOUBLE, winner.rank, communicator);
      return values;
    }



    // The centre of the cement in the bone (its volume-weighted mean
    // position); @p fallback before any cement has entered (collective).
    Point<3>
    cement_centre(const std::vector<CellInfo> &cells,
                  const unsigned int           n_owned_cells,
                  const LinearAlgebra::distributed::Vector<double> &saturation,
                  const Point<3>                                   &fallback,
                  const MPI_Comm communicator)
    {
      std::vector<double> moments(4, 0.);
      for (unsigned int c = 0; c < n_owned_cells; ++c)
        {
          const double volume =
            cells[c].volume * cells[c].porosity *
            saturation.local_element(cells[c].saturation_index);
          for (unsigned int d = 0; d < 3; ++d)
            moments[d] += volume * cells[c].center[d];
          moments[3] += volume;
        }
      Utilities::MPI::sum(moments, communicator, moments);
      if (moments[3] <= 0)
        return fallback;
      return Point<3>(moments[0], moments[1], moments[2]) / moments[3];
    }
  } // namespace

  void Simulator::advance_heat(const double time_step)
  {
    if (!heat.enabled())
      return;
    TimerOutput::Scope scope(timer, "heat and cure");
    // The cement fraction of the fluid leaving each cell, with the
    // viscosities the transport used.
    std::vector<double> cement_fraction(cells.size());
    for (unsigned int c = 0; c < cells.size(); ++c)
      cement_fraction[c] =
        relative_permeability.fractional_flow(saturation.local_element(
                                                cells[c].saturation_index),
                                              cement_viscosity[c],
                                              marrow_viscosity[c]);
    const Thermal::FlowStep flow{
      cells,
      n_owned_cells,
      faces,
      cell_faces,
      saturation,
      old_saturation,
      cement_fraction,
      source_share,
      rate,
      [this](const unsigned int c, double &outflow, double &cement_inflow) {
        circulation.cell_exchange(c, outflow, cement_inflow);
      },
      // The arterial supply: the net source plus what leaves into veins.
      [this](const unsigned int c) {
        double outflow = 0, cement_inflow = 0;
        circulation.cell_exchange(c, outflow, cement_inflow);
        return std::max(0., circulation.cell_source(c) + outflow);
      },
      circulation.has_perfusion(),
      transport_order,
      parameters.injection.start_after_mixing + time / 60.};
    heat.advance(flow, time_step);
  }



  void Simulator::declare_heat_statistics()
  {
    if (!heat.enabled())
      return;
    statistics.declare_column("max temperature", "C");
    statistics.declare_column("peak temperature so far", "C");
    statistics.declare_column("max degree of cure", "");
    statistics.declare_column("max CEM43 outside the cement", "min");
    statistics.declare_column("max CEM43 at endplates", "min");
    statistics.declare_column("longest time above 50 C", "s");
    statistics.declare_column("max temperature at the posterior wall", "C");
    statistics.declare_column("peak temperature at the posterior wall so far",
                              "C");
    statistics.declare_column("longest time above 45 C at the posterior wall",
                              "s");
    statistics.declare_column("max CEM43 at the posterior wall", "min");
    for (const auto &zone : parameters.exit_zones.zones)
      {
        statistics.declare_column("peak temperature behind exit zone " +
                                    zone.name + " so far",
                                  "C");
        statistics.declare_column("max CEM43 behind exit zone " + zone.name,
                                  "min");
      }
    statistics.declare_column("temperature at the needle tip", "C");
    statistics.declare_column("degree of cure at the needle tip", "");
    statistics.declare_column("temperature at the cement's centre", "C");
    statistics.declare_column("degree of cure at the cement's centre", "");
    statistics.declare_column("heat solver iterations", "");
    statistics.declare_column("heat released", "J");
    statistics.declare_column("heat of the injected cement", "J");
    statistics.declare_column("heat lost through exits", "J");
    statistics.declare_column("heat lost into veins", "J");
    statistics.declare_column("heat lost to blood", "J");
    statistics.declare_column("heat stored", "J");
    statistics.declare_column("energy imbalance", "J");
  }



  namespace
  {
    // What the statistics and the report say of the heat, in one pass
    // (collective): the report's figures, the extremes and the posterior
    // wall's temperature now.
    struct HeatFigures
    {
      Postprocess::HeatReport        report;
      Thermal::HeatAndCure::Extremes extremes;
      double                         wall_now = 0; // [°C]
    };

    std::vector<std::string>
    exit_zone_names(const Meshes::ExitZonesParameters &exit_zones)
    {
      std::vector<std::string> names;
      for (const auto &zone : exit_zones.zones)
        names.push_back(zone.name);
      return names;
    }

    // The dose of the hottest cells among the owned cells with
    // @p selected true, over all ranks (collective).
    Postprocess::RegionDose
    region_dose(const std::string                       &name,
                const std::vector<bool>                 &selected,
                const std::vector<Physics::ThermalDose> &doses,
                const MPI_Comm                           communicator)
    {
      std::vector<double> largest(4, 0.);
      for (unsigned int c = 0; c < selected.size(); ++c)
        if (selected[c])
          {
            largest[0] = std::max(largest[0], doses[c].peak());
            largest[1] = std::max(largest[1], doses[c].seconds_above_45());
            largest[2] = std::max(largest[2], doses[c].seconds_above_50());
            largest[3] = std::max(largest[3], doses[c].cem43());
          }
      Utilities::MPI::max(largest, communicator, largest);
      return {name, largest[0], largest[1], largest[2], largest[3]};
    }

    HeatFigures
    heat_figures(const Thermal::HeatAndCure     &heat,
                 const std::string              &kinetics,
                 const std::vector<CellInfo>    &cells,
                 const unsigned int              n_owned_cells,
                 const std::vector<FaceInfo>    &faces,
                 const std::vector<std::string> &zone_names,
                 const LinearAlgebra::distributed::Vector<double> &saturation,
                 const std::vector<unsigned char>                 &endplate,
                 const MPI_Comm                                    communicator)
    {
      HeatFigures              figures{{}, heat.extremes(), 0};
      Postprocess::HeatReport &report = figures.report;
      const auto              &e      = figures.extremes;
      report.modelled                 = true;
      report.kinetics                 = kinetics;
      report.peak_temperature = e.peak_temperature - Physics::zero_celsius;
      report.longest_above_50 = e.seconds_above_50;
      report.max_cure         = e.cure;
      // The tissue the cement has not filled (saturation below 0.1); the
      // trabeculae inside the cloud see the cement's own temperature.
      std::vector<bool> outside(n_owned_cells), at_endplate(n_owned_cells);
      for (unsigned int c = 0; c < n_owned_cells; ++c)
        {
          outside[c] =
            saturation.local_element(cells[c].saturation_index) < 0.1;
          at_endplate[c] = c < endplate.size() && endplate[c] != 0;
        }
      report.cem43_outside_cement = heat.largest_cem43(outside);
      report.cem43_endplates      = heat.largest_cem43(at_endplate);

      // The wall facing the spinal canal: what the canal's contents see.
      const std::vector<bool> wall = wall_cells(cells, n_owned_cells, -1);
      double                  now = 0, peak = 0, above_45 = 0, cem43 = 0;
      for (unsigned int c = 0; c < n_owned_cells; ++c)
        if (wall[c])
          {
            const Physics::ThermalDose &dose = heat.doses()[c];
            now                              = std::max(now,
                           heat.temperature().local_element(
                             cells[c].saturation_index) -
                             Physics::zero_celsius);
            peak                             = std::max(peak, dose.peak());
            above_45 = std::max(above_45, dose.seconds_above_45());
            cem43    = std::max(cem43, dose.cem43());
          }
      figures.wall_now = Utilities::MPI::max(now, communicator);
      report.posterior_wall_peak =
        Utilities::MPI::max(std::max(peak, now), communicator);
      report.posterior_wall_above_45 =
        Utilities::MPI::max(above_45, communicator);
      report.posterior_wall_cem43 = Utilities::MPI::max(cem43, communicator);

      // The regions of the report: the wall, the endplates, and the cells
      // behind each exit zone's faces.
      report.regions.push_back(
        region_dose("posterior wall (faces the spinal canal)",
                    wall,
                    heat.doses(),
                    communicator));
      report.regions.push_back(region_dose("anterior wall",
                                           wall_cells(cells, n_owned_cells, +1),
                                           heat.doses(),
                                           communicator));
      report.regions.push_back(
        region_dose("endplates", at_endplate, heat.doses(), communicator));
      // One pass over the faces marks the cells behind every zone.
      std::vector<std::vector<bool>> behind(zone_names.size(),
                                            std::vector<bool>(n_owned_cells,
                                                              false));
      for (const FaceInfo &face : faces)
        if (face.zone < zone_names.size() && face.cells[0] < n_owned_cells)
          behind[face.zone][face.cells[0]] = true;
      for (unsigned int z = 0; z < zone_names.size(); ++z)
        report.regions.push_back(region_dose(
          "exit zone " + zone_names[z], behind[z], heat.doses(), communicator));

      report.budget = heat.energy_budget();
      return figures;
    }
  } // namespace



  Postprocess::HeatReport Simulator::heat_report() const
  {
    if (!heat.enabled())
      return {};
    return heat_figures(heat,
                        parameters.heat.kinetics.source,
                        cells,
                        n_owned_cells,
                        faces,
                        exit_zone_names(parameters.exit_zones),
                        saturation,
                        endplate,
                        communicator)
      .report;
  }



  void Simulator::record_heat_statistics()
  {
    if (!heat.enabled())
      return;
    const HeatFigures figures =
      heat_figures(heat,
                   parameters.heat.kinetics.source,
                   cells,
                   n_owned_cells,
                   faces,
                   exit_zone_names(parameters.exit_zones),
                   saturation,
                   endplate,
                   communicator);
    const Postprocess::HeatReport        &report = figures.report;
    const Thermal::HeatAndCure::Extremes &e      = figures.extremes;
    statistics.set("max temperature", e.temperature - Physics::zero_celsius);
    statistics.set("peak temperature so far", report.peak_temperature);
    statistics.set("max degree of cure", e.cure);
    statistics.set("max CEM43 outside the cement", report.cem43_outside_cement);
    statistics.set("max CEM43 at endplates", report.cem43_endplates);
    statistics.set("longest time above 50 C", e.seconds_above_50);
    statistics.set("heat solver iterations", e.iterations);
    statistics.set("heat released", report.budget.released);
    statistics.set("heat of the injected cement", report.budget.injected);
    statistics.set("heat lost through exits", report.budget.exits);
    statistics.set("heat lost into veins", report.budget.veins);
    statistics.set("heat lost to blood", report.budget.blood);
    statistics.set("heat stored", report.budget.stored);
    statistics.set("energy imbalance", report.budget.imbalance);
    statistics.set("max temperature at the posterior wall", figures.wall_now);
    statistics.set("peak temperature at the posterior wall so far",
                   report.posterior_wall_peak);
    statistics.set("longest time above 45 C at the posterior wall",
                   report.posterior_wall_above_45);
    statistics.set("max CEM43 at the posterior wall",
                   report.posterior_wall_cem43);
    for (const Postprocess::RegionDose &region : report.regions)
      if (region.name.rfind("exit zone ", 0) == 0)
        {
          const std::string zone = region.name.substr(10);
          statistics.set("peak temperature behind exit zone " + zone +
                           " so far",
                         region.peak);
          statistics.set("max CEM43 behind exit zone " + zone, region.cem43);
        }

    // The probes of the temperature-time plot: the first needle's tip and
    // the centre of the cement, which moves as the cloud grows.
    const Point<3> tip = parameters.needle.tip;
    const auto at_tip  = probe(tip, heat, cells, n_owned_cells, communicator);
    const auto at_centre =
      probe(cement_centre(cells, n_owned_cells, saturation, tip, communicator),
            heat,
            cells,
            n_owned_cells,
            communicator);
    statistics.set("temperature at the needle tip", at_tip[0]);
    statistics.set("degree of cure at the needle tip", at_tip[1]);
    statistics.set("temperature at the cement's centre", at_centre[0]);
    statistics.set("degree of cure at the cement's centre", at_centre[1]);
  }



  void Simulator::add_heat_fields(Postprocess::VtuPiece &piece) const
  {
    if (!heat.enabled())
      return;
    std::vector<double> temperature(n_owned_cells), cure(n_owned_cells),
      cem43(n_owned_cells), damage(n_owned_cells), above_50(n_owned_cells);
    for (unsigned int c = 0; c < n_owned_cells; ++c)
      {
        const unsigned int i = cells[c].saturation_index;
        temperature[c] =
          heat.temperature().local_element(i) - Physics::zero_celsius;
        cure[c]     = heat.cure().local_element(i);
        cem43[c]    = heat.doses()[c].cem43();
        damage[c]   = heat.doses()[c].damage();
        above_50[c] = heat.doses()[c].seconds_above_50();
      }
    piece.cell_fields.push_back({"temperature_C", 1, temperature});
    piece.cell_fields.push_back({"degree_of_cure", 1, cure});
    piece.cell_fields.push_back({"thermal_dose_CEM43_min", 1, cem43});
    piece.cell_fields.push_back({"thermal_damage_Omega", 1, damage});
    piece.cell_fields.push_back({"time_above_50C_s", 1, above_50});
  }
} // namespace cementflow
