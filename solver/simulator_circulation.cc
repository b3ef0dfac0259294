#include "errors.h"
#include "simulator.h"

#include <deal.II/base/utilities.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/numerics/rtree.h>

#include <boost/geometry/index/predicates.hpp>

namespace cementflow
{
  using namespace dealii;

  Circulation::BoneState Simulator::bone_state() const
  {
    return {cells,
            n_owned_cells,
            pressure,
            saturation,
            total_mobility,
            [this](const unsigned int c) {
              return relative_permeability.fractional_flow(
                saturation.local_element(cells[c].saturation_index),
                cement_viscosity[c],
                marrow_viscosity[c]);
            },
            heat.enabled() ?
              std::function<double(unsigned int)>([this](const unsigned int c) {
                return heat.cure().local_element(cells[c].saturation_index);
              }) :
              std::function<double(unsigned int)>(),
            heat.enabled() ?
              std::function<double(unsigned int)>([this](const unsigned int c) {
                return heat.temperature().local_element(
                  cells[c].saturation_index);
              }) :
              std::function<double(unsigned int)>()};
  }



  std::vector<bool>
  Simulator::points_inside_bone(const std::vector<Point<3>> &points) const
  {
    // The owned cells' bounding boxes in an R-tree; a point is inside if
    // some owned cell of some rank holds it.
    std::vector<
      std::pair<BoundingBox<3>, Triangulation<3>::active_cell_iterator>>
      boxes;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        boxes.emplace_back(cell->bounding_box(), cell);
    const auto                tree = pack_rtree(boxes);
    const MappingQ1<3>        mapping;
    std::vector<unsigned int> inside(points.size(), 0);
    for (unsigned int p = 0; p < points.size(); ++p)
      {
        std::vector<
          std::pair<BoundingBox<3>, Triangulation<3>::active_cell_iterator>>
          candidates;
        tree.query(boost::geometry::index::intersects(points[p]),
                   std::back_inserter(candidates));
        for (const auto &[box, cell] : candidates)
          {
            try
              {
                const Point<3> unit =
                  mapping.transform_real_to_unit_cell(cell, points[p]);
                if (GeometryInfo<3>::is_inside_unit_cell(unit, 1e-10))
                  {
                    inside[p] = 1;
                    break;
                  }
              }
            catch (const Mapping<3>::ExcTransformationFailed &)
              {}
          }
      }
    Utilities::MPI::max(inside, communicator, inside);
    return std::vector<bool>(inside.begin(), inside.end());
  }



  void Simulator::build_circulation()
  {
    if (!circulation.has_veins())
      return;
    TimerOutput::Scope                   scope(timer, "setup: veins");
    std::shared_ptr<const Meshes::Image> labels;
    if (parameters.circulation.veins.source == "CT label" &&
        parameters.geometry.type == "CT image" &&
        !parameters.geometry.ct.label_file.empty())
      try
        {
          labels = std::make_shared<const Meshes::Image>(
            Meshes::Image::read(parameters.geometry.ct.label_file));
        }
      catch (const ExceptionBase &error)
        {
          throw InputError(error);
        }
    circulation.build_network(
      [this](const std::vector<Point<3>> &points) {
        return points_inside_bone(points);
      },
      labels.get());

    const Circulation::VesselNetwork &network  = circulation.network();
    unsigned int                      n_plexus = 0;
    for (const auto &node : network.nodes())
      n_plexus += node.plexus_vein != numbers::invalid_unsigned_int;
    if (n_plexus == 0 && !parameters.exit_zones.has_outlet())
      throw InputError(
        "No vein drains into the plexus and no exit zone is open: the "
        "marrow has nowhere to go. Let a vein leave the bone (Veins/<name>/"
        "Foramen beyond the wall) or open an exit zone.");
    const auto [in_bone, outside] = network.lumen_volume();
    pcout << "Veins: " << network.veins().size() << " ("
          << network.segments().size() << " segments, " << n_plexus
          << " draining into the plexus), lumen " << in_bone * 1e6
          << " mL in the bone and " << outside * 1e6 << " mL outside"
          << std::endl;
  }



  void Simulator::solve_resting_state()
  {
    if (!circulation.has_veins() && !circulation.has_perfusion())
      return;
    TimerOutput::Scope scope(timer, "resting state");
    // No injection, no cement: the perfusion is scaled until the resting
    // state carries the measured marrow blood flow (the system is linear in
    // its conductance, so a few solves do).
    const double saved_rate = rate;
    rate                    = 0;
    solve_pressure_and_viscosity();
    bool settled = false;
    for (unsigned int iteration = 0; iteration < 50 && !settled; ++iteration)
      {
        settled = !circulation.calibrate_supply(bone_state());
        if (!settled)
          solve_pressure_and_viscosity();
      }
    circulation.check_resting_state(bone_state(), settled);
    warn_of_exits_feeding_the_bone();
    circulation.set_resting_state(bone_state());
    resting_pressure = pressure;
    rate             = saved_rate;

    const Postprocess::RunSummary summary = [this]() {
      Postprocess::RunSummary s;
      circulation.summarize(s);
      return s;
    }();
    const Postprocess::CirculationReport &report = summary.circulation;
    pcout << "Resting state: mean intraosseous pressure "
          << report.resting_pressure * 1e-3 << " kPa over a plexus at "
          << report.resting_plexus_pressure * 1e-3 << " kPa";
    if (report.perfusion)
      pcout << ", arterial inflow " << report.resting_arterial_inflow * 6e7
            << " mL/min";
    pcout << std::endl;
    for (const Postprocess::VeinReport &vein : report.veins)
      pcout << "  " << vein.name << ": blood flow " << vein.resting_flow * 6e7
            << " mL/min" << std::endl;
  }



  void Simulator::warn_of_exits_feeding_the_bone()
  {
    // An open zone is two-way: one whose outside pressure lies above the
    // resting marrow's pours fluid into the bone, which no epidural space or
    // vein does at that rate. Measured on the conservative fluxes at rest.
    std::vector<double> saved_flux(faces.size());
    for (unsigned int f = 0; f < faces.size(); ++f)
      saved_flux[f] = faces[f].flux;
    compute_conservative_fluxes();
    std::vector<double> inflow(parameters.exit_zones.zones.size(), 0.);
    for (unsigned int f = 0; f < faces.size(); ++f)
      {
        const FaceInfo &face = faces[f];
        if (face.zone != numbers::invalid_unsigned_int && face.flux < 0 &&
            face.cells[0] < n_owned_cells)
          inflow[face.zone] -= face.flux;
        faces[f].flux = saved_flux[f];
      }
    Utilities::MPI::sum(inflow, communicator, inflow);
    const double blood_flow = circulation.resting_blood_flow();
    for (unsigned int z = 0; z < inflow.size(); ++z)
      if (inflow[z] > 0.01 * blood_flow)
        pcout << "  Warning: exit zone \""
              << parameters.exit_zones.zones[z].name << "\" feeds "
              << inflow[z] * 6e7
              << " mL/min into the bone at rest (the marrow blood flow is "
              << blood_flow * 6e7
              << " mL/min): its pressure lies above the resting marrow's, and "
                 "an open or leaky zone lets fluid in as well as out, so the "
                 "flow through the bone is not the circulation's. Lower the "
                 "zone's Pressure below the resting intraosseous pressure."
              << std::endl;
  }
} // namespace cementflow
