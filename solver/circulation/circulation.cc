#include "circulation/circulation.h"

#include "errors.h"
#include "physics/cannula.h"
#include "physics/vessel_flow.h"
#include "surface_writer.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cementflow
{
  namespace Circulation
  {
    using namespace dealii;

    Circulation::Circulation(const CirculationParameters &parameters,
                             const Physics::Cement       &cement,
                             const MPI_Comm               communicator)
      : parameters(parameters)
      , cement(cement)
      , communicator(communicator)
      , this_rank(Utilities::MPI::this_mpi_process(communicator))
      , n_ranks(Utilities::MPI::n_mpi_processes(communicator))
    {}



    bool Circulation::has_perfusion() const
    {
      return parameters.perfusion.enabled;
    }



    bool Circulation::has_veins() const
    {
      return parameters.veins.enabled();
    }



    void Circulation::build_network(const InsideTest    &inside,
                                    const Meshes::Image *labels)
    {
      if (!has_veins())
        return;
      const VeinsParameters &veins = parameters.veins;
      std::vector<VeinPath>  paths;
      if (veins.source == "parameters")
        paths = parameter_paths(veins, inside);
      else if (veins.source == "file")
        paths = read_vein_file(veins.file, veins.file_length_unit);
      else
        {
          if (labels == nullptr)
            throw InputError("Veins/Source = CT label needs a CT geometry with "
                             "a label image (Geometry/CT/Label file).");
          paths = label_paths(
            *labels, veins.ct_label, veins.ct_radius, 10e-3, inside);
        }
      network_graph = VesselNetwork(paths, veins.segment_length, inside);

      const auto &nodes    = network_graph.nodes();
      const auto &segments = network_graph.segments();
      for (const VesselNetwork::Vein &vein : network_graph.veins())
        plexus.push_back(parameters.plexus.pressure(vein.plexus_offset));
      node_pressure.assign(nodes.size(), parameters.plexus.base_pressure());
      for (unsigned int n = 0; n < nodes.size(); ++n)
        if (nodes[n].plexus_vein != numbers::invalid_unsigned_int)
          node_pressure[n] = plexus_pressure(nodes[n].plexus_vein, 0.);
      segment_flow.assign(segments.size(), 0.);
      conductance.assign(segments.size(), 0.);
      cement_fraction.assign(segments.size(), 0.);
      old_fraction.assign(segments.size(), 0.);
      fraction_at_solve.assign(segments.size(), 0.);
      segment_cure.assign(segments.size(), 0.);
      old_cure.assign(segments.size(), 0.);
      segment_temperature.assign(segments.size(), aging.body_temperature);
      scale_at_solve.assign(segments.size(), 1.);
      concentration.assign(nodes.size(), 0.);
      last_concentration.assign(nodes.size(), 0.);
      node_segments.assign(nodes.size(), {});
      for (unsigned int s = 0; s < segments.size(); ++s)
        {
          node_segments[segments[s].from].push_back(s);
          node_segments[segments[s].to].push_back(s);
        }
      const unsigned int n_veins = network_graph.veins().size();
      to_plexus.assign(n_veins, 0.);
      step_to_plexus.assign(n_veins, 0.);
      last_leaked.assign(n_veins, 0.);
      first_leak_time.assign(n_veins, -1.);
      first_leak_injected.assign(n_veins, -1.);
      peak_leak_rate.assign(n_veins, 0.);
      resting_vein_flow.assign(n_veins, 0.);
    }



    const VesselNetwork &Circulation::network() const
    {
      return network_graph;
    }



    double Circulation::plexus_pressure(const unsigned int vein,
                                        const double       time) const
    {
      return plexus[vein](time);
    }



    void Circulation::setup_coupling(const std::vector<CellInfo> &cells,
                                     const unsigned int           n_owned_cells,
                                     const types::global_dof_index first)
    {
      first_unknown = first;
      cell_volume.resize(cells.size());
      double owned_volume = 0;
      for (unsigned int c = 0; c < cells.size(); ++c)
        {
          cell_volume[c] = cells[c].volume;
          if (c < n_owned_cells)
            owned_volume += cells[c].volume;
        }
      body_volume = Utilities::MPI::sum(owned_volume, communicator);
      supply.assign(cells.size(), std::array<double, 8>());

      if (has_perfusion() && supply_conductance == 0)
        {
          // A first guess with the whole body at the plexus pressure;
          // calibrate_supply() corrects it on the resting state.
          const double drop  = std::max(parameters.perfusion.supply_pressure -
                                         parameters.plexus.base_pressure(),
                                       100.);
          supply_conductance = parameters.perfusion.blood_flow *
                               parameters.perfusion.tissue_density / drop;
        }

      couplings.clear();
      couplings_of_cell.assign(cells.size(), {});
      if (!has_veins())
        return;

      const auto &nodes    = network_graph.nodes();
      const auto &segments = network_graph.segments();

      // Per node in the bone: the vessel length it stands for, its radius
      // and direction; the size of the cell around it.
      std::vector<double> length(nodes.size(), 0.), radius(nodes.size(), 0.);
      std::vector<unsigned int> n_adjacent(nodes.size(), 0);
      std::vector<Tensor<1, 3>> direction(nodes.size());
      for (const VesselNetwork::Segment &segment : segments)
        if (segment.in_bone)
          for (const unsigned int n : {segment.from, segment.to})
            {
              length[n] += 0.5 * segment.length;
              radius[n] += segment.radius;
              ++n_adjacent[n];
              // Segments of opposite orientation (two veins leaving a node)
              // count along one direction.
              Tensor<1, 3> along =
                nodes[segment.to].position - nodes[segment.from].position;
              if (along * direction[n] < 0)
                along = -along;
              direction[n] += along;
            }
      // Each cell's diameter once: the searches below run over every cell
      // for every node, and deal.II computes it from the vertices.
      std::vector<double> diameter(cells.size());
      for (unsigned int c = 0; c < cells.size(); ++c)
        diameter[c] = cells[c].pressure_cell->diameter();
      std::vector<double> cell_size(nodes.size(),
                                    std::numeric_limits<double>::max());
      for (unsigned int n = 0; n < nodes.size(); ++n)
        if (nodes[n].in_bone && n_adjacent[n] > 0)
          for (unsigned int c = 0; c < n_owned_cells; ++c)
            if (cells[c].center.distance(nodes[n].position) <=
                  2 * diameter[c] &&
                cells[c].pressure_cell->bounding_box().point_inside(
                  nodes[n].position, 1e-12))
              cell_size[n] =
                std::min(cell_size[n], diameter[c] / std::sqrt(3.));
      Utilities::MPI::min(cell_size, communicator, cell_size);

      // The ball of each node and the hat-function weights of the cells it
      // covers, normalised by its volume inside the bone (owned cells of
      // all ranks), as for the needle's source.
      const FE_Q<3>       fe(1);
      const QIterated<3>  quadrature(QMidpoint<1>(), 6);
      FEValues<3>         fe_values(fe,
                            quadrature,
                            update_values | update_quadrature_points |
                              update_JxW_values);
      std::vector<double> ball_volume(nodes.size(), 0.),
        kernel(nodes.size(), 0.);
      for (unsigned int n = 0; n < nodes.size(); ++n)
        {
          if (!nodes[n].in_bone || n_adjacent[n] == 0 ||
              cell_size[n] == std::numeric_limits<double>::max())
            continue;
          radius[n] /= n_adjacent[n];
          const double automatic =
            std::max(1.5 * cell_size[n], parameters.veins.segment_length);
          kernel[n] = std::max(parameters.veins.coupling_radius > 0 ?
                                 parameters.veins.coupling_radius :
                                 automatic,
                               2 * radius[n]);
          const Point<3> &centre = nodes[n].position;
          for (unsigned int c = 0; c < cells.size(); ++c)
            {
              const auto &cell = cells[c].pressure_cell;
              if (cells[c].center.distance(centre) > kernel[n] + diameter[c])
                continue;
              fe_values.reinit(cell);
              Coupling coupling{c, n, {}, 0., 0., 0.};
              for (unsigned int q = 0; q < quadrature.size(); ++q)
                if (fe_values.quadrature_point(q).distance(centre) <= kernel[n])
                  {
                    coupling.share += fe_values.JxW(q);
                    for (unsigned int j = 0; j < 8; ++j)
                      coupling.weights[j] +=
                        fe_values.shape_value(j, q) * fe_values.JxW(q);
                  }
              if (coupling.share <= 0)
                continue;
              if (c < n_owned_cells)
                ball_volume[n] += coupling.share;
              couplings.push_back(coupling);
            }
        }
      Utilities::MPI::sum(ball_volume, communicator, ball_volume);
      for (Coupling &coupling : couplings)
        {
          const unsigned int n = coupling.node;
          coupling.share /= ball_volume[n];
          for (double &w : coupling.weights)
            w /= ball_volume[n];
          // Permeability across the vessel: sqrt(det K / (d.K.d)).
          const Tensor<1, 3> d    = direction[n] / direction[n].norm();
          const CellInfo    &info = cells[coupling.cell];
          const double       kt   = info.permeability_transverse,
                       ka         = info.permeability_axial;
          const double across =
            std::sqrt(kt * kt * ka /
                      (kt * (d[0] * d[0] + d[1] * d[1]) + ka * d[2] * d[2]));
          coupling.coefficient =
            length[n] * Physics::vessel_exchange_factor(kernel[n], radius[n]) *
            across;
          couplings_of_cell[coupling.cell].push_back(&coupling -
                                                     couplings.data());
        }
    }



    unsigned int Circulation::n_unknowns() const
    {
      return network_graph.n_unknowns();
    }



    void Circulation::add_sparsity(DynamicSparsityPattern      &dsp,
                                   const std::vector<CellInfo> &cells,
                                   const unsigned int           n_owned_cells,
                                   const AffineConstraints<double> &constraints,
                                   const bool last_rank) const
    {
      std::vector<types::global_dof_index> dofs(9);
      for (const Coupling &coupling : couplings)
        if (coupling.cell < n_owned_cells)
          {
            cells[coupling.cell].pressure_cell->get_dof_indices(dofs);
            dofs.resize(9);
            dofs[8] =
              first_unknown + network_graph.nodes()[coupling.node].unknown;
            constraints.add_entries_local_to_global(dofs, dsp, false);
            dofs.resize(8);
          }
      if (!last_rank)
        return;
      const auto &nodes = network_graph.nodes();
      for (const VesselNetwork::Segment &segment : network_graph.segments())
        {
          const unsigned int a = nodes[segment.from].unknown,
                             b = nodes[segment.to].unknown;
          for (const unsigned int u : {a, b})
            if (u != numbers::invalid_unsigned_int)
              dsp.add(first_unknown + u, first_unknown + u);
          if (a != numbers::invalid_unsigned_int &&
              b != numbers::invalid_unsigned_int)
            {
              dsp.add(first_unknown + a, first_unknown + b);
              dsp.add(first_unknown + b, first_unknown + a);
            }
        }
    }



    const std::vector<std::array<double, 8>> &
    Circulation::supply_coefficients() const
    {
      return supply;
    }



    double Circulation::supply_pressure() const
    {
      return parameters.perfusion.supply_pressure;
    }



    void Circulation::update_supply(const BoneState &bone)
    {
      if (!has_perfusion())
        return;
      // Blood enters where marrow fills the pores, and only while the
      // marrow's pressure is below the supply's (no backflow into the
      // arteries): a switch per vertex, lagged by a step.
      const double p_supply = parameters.perfusion.supply_pressure;
      open_vertices.assign(bone.cells.size(), 0);
      for (unsigned int c = 0; c < bone.cells.size(); ++c)
        for (unsigned int j = 0; j < 8; ++j)
          if (bone.pressure.local_element(bone.cells[c].pressure_indices[j]) <
              p_supply)
            open_vertices[c] |= 1u << j;
      set_supply_coefficients(bone);
    }



    void Circulation::set_supply_coefficients(const BoneState &bone)
    {
      for (unsigned int c = 0; c < bone.cells.size(); ++c)
        {
          const double marrow = std::max(1 - bone.saturation.local_element(
                                               bone.cells[c].saturation_index),
                                         0.);
          for (unsigned int j = 0; j < 8; ++j)
            supply[c][j] = (open_vertices[c] >> j) & 1 ?
                             supply_conductance * cell_volume[c] / 8 * marrow :
                             0.;
        }
    }



    std::vector<unsigned char> Circulation::supply_switches() const
    {
      return open_vertices;
    }



    void Circulation::restore_supply(const std::vector<unsigned char> &switches,
                                     const BoneState                  &bone)
    {
      if (!has_perfusion())
        return;
      open_vertices = switches;
      set_supply_coefficients(bone);
    }



    void Circulation::set_cement_aging(const CementAging &cement_aging)
    {
      aging = cement_aging;
      std::fill(segment_temperature.begin(),
                segment_temperature.end(),
                aging.body_temperature);
    }



    double
    Circulation::segment_viscosity_scale(const unsigned int s,
                                         const double viscosity_scale) const
    {
      return aging.viscosity_factor && cement_fraction[s] > 0 ?
               aging.viscosity_factor(segment_cure[s], segment_temperature[s]) :
               viscosity_scale;
    }



    double Circulation::segment_conductance(const unsigned int s,
                                            const double batch_scale) const
    {
      const double viscosity_scale = segment_viscosity_scale(s, batch_scale);
      // In series: the cement slug (the segment's cement fraction of its
      // length) and the blood.
      const VesselNetwork::Segment &segment = network_graph.segments()[s];
      const double                  slug    = cement_fraction[s];
      const double                  resistance_blood =
        (1 - slug) > 0 ?
                           (1 - slug) /
            Physics::poiseuille_conductance(segment.radius,
                                            segment.length,
                                            parameters.veins.blood_viscosity) :
                           0.;
      double resistance_cement = 0;
      if (slug > 0)
        {
          if (cement.rheology().is_newtonian())
            resistance_cement = slug / Physics::poiseuille_conductance(
                                         segment.radius,
                                         segment.length,
                                         cement.viscosity(0., viscosity_scale));
          else
            {
              // At the last flow (Picard), the slug's pressure drop for the
              // cement's law at the wall shear rate (Rabinowitsch-Mooney).
              const double rate   = std::max(std::abs(segment_flow[s]), 1e-15);
              const double stress = Physics::Cannula::tube_wall_stress(
                segment.radius, rate, [this, viscosity_scale](const double t) {
                  return cement.shear_rate_for_stress(t, viscosity_scale);
                });
              resistance_cement =
                2 * slug * segment.length * stress / segment.radius / rate;
            }
        }
      return 1. / (resistance_blood + resistance_cement);
    }



    void Circulation::assemble(PETScWrappers::MPI::SparseMatrix &matrix,
                               PETScWrappers::MPI::Vector       &rhs,
                               const AffineConstraints<double>  &constraints,
                               const BoneState                  &bone,
                               const double                      scale,
                               const double                      time,
                               const double viscosity_scale)
    {
      if (!has_veins())
        return;
      assembled_time       = time;
      const auto &nodes    = network_graph.nodes();
      const auto &segments = network_graph.segments();
      for (unsigned int s = 0; s < segments.size(); ++s)
        {
          conductance[s]    = segment_conductance(s, viscosity_scale);
          scale_at_solve[s] = segment_viscosity_scale(s, viscosity_scale);
        }
      fraction_at_solve = cement_fraction;

      // Exchange: c lambda w (p_mean - p_node)^2 as energy, per coupling.
      FullMatrix<double>                   local_matrix(9, 9);
      Vector<double>                       local_rhs(9);
      std::vector<types::global_dof_index> dofs(8);
      for (const Coupling &coupling : couplings)
        {
          if (coupling.cell >= bone.n_owned_cells)
            continue;
          const double factor =
            scale * coupling.coefficient * bone.total_mobility[coupling.cell];
          const std::array<double, 8> &w = coupling.weights;
          for (unsigned int i = 0; i < 8; ++i)
            {
              for (unsigned int j = 0; j < 8; ++j)
                local_matrix(i, j) = factor * w[i] * w[j] / coupling.share;
              local_matrix(i, 8) = -factor * w[i];
              local_matrix(8, i) = -factor * w[i];
            }
          local_matrix(8, 8) = factor * coupling.share;
          bone.cells[coupling.cell].pressure_cell->get_dof_indices(dofs);
          dofs.resize(9);
          dofs[8]   = first_unknown + nodes[coupling.node].unknown;
          local_rhs = 0;
          constraints.distribute_local_to_global(
            local_matrix, local_rhs, dofs, matrix, rhs);
          dofs.resize(8);
        }

      // The network's own rows, on the rank that owns them.
      if (this_rank + 1 != n_ranks)
        return;
      for (unsigned int s = 0; s < segments.size(); ++s)
        {
          const double       g = scale * conductance[s];
          const unsigned int a = nodes[segments[s].from].unknown,
                             b = nodes[segments[s].to].unknown;
          for (const auto &[u, other] :
               {std::pair{a, segments[s].to}, std::pair{b, segments[s].from}})
            {
              if (u == numbers::invalid_unsigned_int)
                continue;
              matrix.add(first_unknown + u, first_unknown + u, g);
              const unsigned int v = nodes[other].unknown;
              if (v != numbers::invalid_unsigned_int)
                matrix.add(first_unknown + u, first_unknown + v, -g);
              else
                rhs(first_unknown + u) +=
                  g * plexus_pressure(nodes[other].plexus_vein, time);
            }
        }
    }



    void Circulation::read_solution(const PETScWrappers::MPI::Vector &solution,
                                    const BoneState                  &bone)
    {
      if (!has_veins())
        return;
      const auto         &nodes = network_graph.nodes();
      std::vector<double> unknown(n_unknowns(), 0.);
      if (this_rank + 1 == n_ranks)
        for (unsigned int u = 0; u < n_unknowns(); ++u)
          unknown[u] = solution(first_unknown + u);
      unknown = Utilities::MPI::broadcast(communicator, unknown, n_ranks - 1);
      for (unsigned int n = 0; n < nodes.size(); ++n)
        node_pressure[n] =
          nodes[n].unknown != numbers::invalid_unsigned_int ?
            unknown[nodes[n].unknown] :
            plexus_pressure(nodes[n].plexus_vein, assembled_time);
      const auto &segments = network_graph.segments();
      for (unsigned int s = 0; s < segments.size(); ++s)
        segment_flow[s] = conductance[s] * (node_pressure[segments[s].from] -
                                            node_pressure[segments[s].to]);
      update_exchange(bone);
    }



    void Circulation::refresh(const BoneState &bone)
    {
      update_exchange(bone);
    }



    void Circulation::update_exchange(const BoneState &bone)
    {
      for (Coupling &coupling : couplings)
        {
          const CellInfo &cell = bone.cells[coupling.cell];
          double          mean = 0;
          for (unsigned int j = 0; j < 8; ++j)
            mean += coupling.weights[j] *
                    bone.pressure.local_element(cell.pressure_indices[j]);
          coupling.flow =
            coupling.coefficient * bone.total_mobility[coupling.cell] *
            (mean - coupling.share * node_pressure[coupling.node]);
        }
    }



    void Circulation::initial_guess(PETScWrappers::MPI::Vector   &solution,
                                    const types::global_dof_index first) const
    {
      if (!has_veins() || this_rank + 1 != n_ranks)
        return;
      for (const VesselNetwork::Node &node : network_graph.nodes())
        if (node.unknown != numbers::invalid_unsigned_int)
          solution(first + node.unknown) =
            node_pressure[&node - network_graph.nodes().data()];
    }



    void Circulation::add_vertex_sources(
      const BoneState &bone, std::vector<std::array<double, 8>> &sources) const
    {
      net_source.assign(bone.n_owned_cells, 0.);
      if (has_perfusion())
        {
          const double p_supply = parameters.perfusion.supply_pressure;
          for (unsigned int c = 0; c < bone.cells.size(); ++c)
            for (unsigned int j = 0; j < 8; ++j)
              if (supply[c][j] > 0)
                {
                  const double q =
                    supply[c][j] *
                    (p_supply - bone.pressure.local_element(
                                  bone.cells[c].pressure_indices[j]));
                  sources[c][j] += q;
                  if (c < bone.n_owned_cells)
                    net_source[c] += q;
                }
        }
      for (const Coupling &coupling : couplings)
        {
          for (unsigned int j = 0; j < 8; ++j)
            sources[coupling.cell][j] -=
              coupling.flow * coupling.weights[j] / coupling.share;
          if (coupling.cell < bone.n_owned_cells)
            net_source[coupling.cell] -= coupling.flow;
        }
    }



    double Circulation::cell_source(const unsigned int cell) const
    {
      return cell < net_source.size() ? net_source[cell] : 0.;
    }



    void Circulation::cell_exchange(const unsigned int cell,
                                    double            &outflow,
                                    double            &cement_inflow) const
    {
      for (const unsigned int k : couplings_of_cell[cell])
        {
          const Coupling &coupling = couplings[k];
          if (coupling.flow > 0)
            outflow += coupling.flow;
          else
            cement_inflow -= coupling.flow * concentration[coupling.node];
        }
    }



    double Circulation::bone_mean_pressure(const BoneState &bone) const
    {
      double sum = 0, volume = 0;
      for (unsigned int c = 0; c < bone.n_owned_cells; ++c)
        {
          double mean = 0;
          for (unsigned int j = 0; j < 8; ++j)
            mean +=
              bone.pressure.local_element(bone.cells[c].pressure_indices[j]);
          sum += cell_volume[c] * mean / 8;
          volume += cell_volume[c];
        }
      return Utilities::MPI::sum(sum, communicator) /
             Utilities::MPI::sum(volume, communicator);
    }



    double Circulation::arterial_inflow(const BoneState &bone) const
    {
      double inflow = 0;
      for (unsigned int c = 0; c < bone.n_owned_cells; ++c)
        for (unsigned int j = 0; j < 8; ++j)
          inflow +=
            supply[c][j] *
            (parameters.perfusion.supply_pressure -
             bone.pressure.local_element(bone.cells[c].pressure_indices[j]));
      return Utilities::MPI::sum(inflow, communicator);
    }



    double Circulation::resting_blood_flow() const
    {
      return parameters.perfusion.blood_flow *
             parameters.perfusion.tissue_density * body_volume;
    }



    bool Circulation::calibrate_supply(const BoneState &bone)
    {
      if (!has_perfusion())
        return false;
      const double inflow = arterial_inflow(bone);
      const double target = resting_blood_flow();
      if (!(inflow > 0))
        throw InputError(
          "Perfusion: no arterial blood can enter the marrow at rest: the "
          "intraosseous pressure is at or above the supply pressure of " +
          std::to_string(parameters.perfusion.supply_pressure * 1e-3) +
          " kPa everywhere. Raise Perfusion/Supply pressure above the plexus "
          "and exit pressures.");
      // The inflow through G in series with the drainage is close to
      // 1/Q = a/G + b (exact for one drainage conductance): a secant in
      // 1/G and 1/Q through the last two solves, a plain scaling first.
      double factor = target / inflow;
      if (previous_inflow > 0 &&
          previous_supply_conductance != supply_conductance)
        {
          const double x0    = 1 / previous_supply_conductance;
          const double x1    = 1 / supply_conductance;
          const double slope = (1 / inflow - 1 / previous_inflow) / (x1 - x0);
          const double intercept = 1 / inflow - slope * x1;
          if (slope > 0 && 1 / target > intercept)
            factor = slope / (1 / target - intercept) / supply_conductance;
        }
      previous_supply_conductance = supply_conductance;
      previous_inflow             = inflow;
      supply_conductance *= factor;
      for (auto &coefficients : supply)
        for (double &a : coefficients)
          a *= factor;
      return std::abs(factor - 1) > 1e-4;
    }



    void Circulation::check_resting_state(const BoneState &bone,
                                          const bool       settled) const
    {
      if (!has_perfusion())
        return;
      const double p_supply = parameters.perfusion.supply_pressure;
      double       highest  = -std::numeric_limits<double>::max();
      for (unsigned int c = 0; c < bone.n_owned_cells; ++c)
        for (unsigned int j = 0; j < 8; ++j)
          highest = std::max(highest,
                             bone.pressure.local_element(
                               bone.cells[c].pressure_indices[j]));
      highest = Utilities::MPI::max(highest, communicator);
      if (settled && highest < p_supply * (1 - 1e-6))
        return;
      const double target = resting_blood_flow();
      throw InputError(
        "Perfusion: the veins and exits cannot drain the marrow blood flow "
        "of " +
        std::to_string(target * 6e7) + " mL/min below the supply pressure of " +
        std::to_string(p_supply * 1e-3) + " kPa: at rest the marrow reaches " +
        std::to_string(highest * 1e-3) +
        " kPa, which shuts the arteries. Widen the veins (Veins/<vein>/"
        "Radius), open exit zones, raise Perfusion/Supply pressure or lower "
        "Perfusion/Marrow blood flow.");
    }
  } // namespace Circulation
} // namespace cementflow
