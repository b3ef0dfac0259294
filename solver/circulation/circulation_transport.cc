#include "circulation/circulation.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cementflow
{
  namespace Circulation
  {
    using namespace dealii;

    void Circulation::begin_transport()
    {
      old_fraction       = cement_fraction;
      old_cure           = segment_cure;
      last_concentration = concentration;
      last_from_bone.clear();
    }



    std::vector<double>
    Circulation::node_temperatures(const BoneState &bone) const
    {
      const unsigned int  n_nodes = network_graph.nodes().size();
      std::vector<double> sums(2 * n_nodes, 0.);
      for (const Coupling &coupling : couplings)
        if (coupling.cell < bone.n_owned_cells)
          {
            sums[2 * coupling.node] +=
              coupling.share * bone.temperature(coupling.cell);
            sums[2 * coupling.node + 1] += coupling.share;
          }
      Utilities::MPI::sum(sums, communicator, sums);
      std::vector<double> temperature(n_nodes, aging.body_temperature);
      for (unsigned int n = 0; n < n_nodes; ++n)
        if (sums[2 * n + 1] > 0)
          temperature[n] = sums[2 * n] / sums[2 * n + 1];
      return temperature;
    }



    std::vector<unsigned int> Circulation::transport(const BoneState &bone,
                                                     const double     time_step,
                                                     const double     tolerance)
    {
      std::vector<unsigned int> changed_cells;
      if (!has_veins())
        return changed_cells;
      const auto        &nodes    = network_graph.nodes();
      const auto        &segments = network_graph.segments();
      const unsigned int n_nodes  = nodes.size();

      // What the bone sends into each node (total, cement and, with cement
      // aging, cement times its cure) and takes from it, over the owned
      // cells of all ranks.
      const bool          ages = static_cast<bool>(aging.cure_after);
      std::vector<double> from_bone(4 * n_nodes, 0.);
      for (const Coupling &coupling : couplings)
        if (coupling.cell < bone.n_owned_cells)
          {
            if (coupling.flow > 0)
              {
                const double cement =
                  coupling.flow * bone.cement_fraction(coupling.cell);
                from_bone[4 * coupling.node] += coupling.flow;
                from_bone[4 * coupling.node + 1] += cement;
                if (ages)
                  from_bone[4 * coupling.node + 3] +=
                    cement * bone.cement_cure(coupling.cell);
              }
            else
              from_bone[4 * coupling.node + 2] -= coupling.flow;
          }
      Utilities::MPI::sum(from_bone, communicator, from_bone);
      // The network's step depends on nothing else (its flows and old state
      // are fixed within the step): the same input gives the same result.
      if (from_bone == last_from_bone)
        return changed_cells;
      last_from_bone = from_bone;
      const std::vector<double> node_temperature =
        ages ? node_temperatures(bone) : std::vector<double>();

      // Upwind and implicit in flow order: fluid runs from high to low
      // pressure, so each node is reached after every segment that feeds
      // it. A node passes all it receives on (it stores nothing), in
      // proportion to its outflows; a segment is a mixed volume.
      std::vector<unsigned int> order(n_nodes);
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(),
                       order.end(),
                       [this](const unsigned int a, const unsigned int b) {
                         return node_pressure[a] > node_pressure[b];
                       });
      // Sub-steps of at most Transport Courant number segment volumes of
      // flow through any segment: implicit upwind smears a slug over about
      // (1 + Courant) segments per step, so without them a long step
      // carries cement past a foramen early (docs/circulation.md).
      const double max_courant_number =
        parameters.veins.transport_courant_number;
      double largest_courant = 0;
      for (unsigned int s = 0; s < segments.size(); ++s)
        largest_courant = std::max(largest_courant,
                                   time_step * std::abs(segment_flow[s]) /
                                     (numbers::PI * segments[s].radius *
                                      segments[s].radius * segments[s].length));
      // Without cement in or entering the network every sub-step is zero.
      bool holds_cement = false;
      for (unsigned int n = 0; n < n_nodes && !holds_cement; ++n)
        holds_cement = from_bone[4 * n + 1] > 0;
      for (unsigned int s = 0; s < segments.size() && !holds_cement; ++s)
        holds_cement = old_fraction[s] > 0;
      const unsigned int n_substeps =
        max_courant_number > 0 && holds_cement ?
          static_cast<unsigned int>(std::clamp(
            std::ceil(largest_courant / max_courant_number), 1., 10000.)) :
          1;
      const double sub_step = time_step / n_substeps;

      std::vector<double> fraction_before = old_fraction;
      std::vector<double> cure_before     = old_cure;
      std::vector<double> mean_concentration(n_nodes, 0.);
      std::vector<double> cement_in(n_nodes), cure_in(n_nodes);
      std::fill(step_to_plexus.begin(), step_to_plexus.end(), 0.);
      for (unsigned int substep = 0; substep < n_substeps; ++substep)
        {
          for (unsigned int n = 0; n < n_nodes; ++n)
            {
              cement_in[n] = from_bone[4 * n + 1];
              cure_in[n]   = from_bone[4 * n + 3];
            }
          for (const unsigned int n : order)
            {
              double outflow = from_bone[4 * n + 2];
              for (const unsigned int s : node_segments[n])
                {
                  const bool leaves =
                    (segments[s].from == n) == (segment_flow[s] > 0);
                  if (leaves && segment_flow[s] != 0)
                    outflow += std::abs(segment_flow[s]);
                }
              if (nodes[n].plexus_vein != numbers::invalid_unsigned_int)
                {
                  // The plexus takes what arrives and sends back only
                  // blood.
                  step_to_plexus[nodes[n].plexus_vein] +=
                    sub_step * cement_in[n];
                  concentration[n] = 0;
                }
              else
                concentration[n] = outflow > 0 ? cement_in[n] / outflow : 0.;
              // What the bone receives over the step: the mean over the
              // sub-steps.
              mean_concentration[n] += concentration[n] / n_substeps;
              // The cure of the cement leaving the node (mixed like the
              // cement).
              const double node_cure =
                cement_in[n] > 0 ? cure_in[n] / cement_in[n] : 0.;
              for (const unsigned int s : node_segments[n])
                {
                  const double flow   = segment_flow[s];
                  const bool   leaves = (segments[s].from == n) == (flow > 0);
                  if (!leaves || flow == 0)
                    continue;
                  const double rate   = std::abs(flow);
                  const double volume = numbers::PI * segments[s].radius *
                                        segments[s].radius * segments[s].length;
                  const double cement_before = volume * fraction_before[s];
                  const double cement_entering =
                    sub_step * rate * concentration[n];
                  cement_fraction[s] = (cement_before + cement_entering) /
                                       (volume + sub_step * rate);
                  const unsigned int downstream =
                    segments[s].from == n ? segments[s].to : segments[s].from;
                  cement_in[downstream] += rate * cement_fraction[s];
                  if (ages)
                    {
                      // Implicit upwind for the cure carried with the cement
                      // (a cement-weighted mean of what stayed and what
                      // entered), then the reaction over the sub-step.
                      segment_temperature[s] =
                        0.5 * (node_temperature[segments[s].from] +
                               node_temperature[segments[s].to]);
                      const double mixed =
                        cement_before + cement_entering > 0 ?
                          (cement_before * cure_before[s] +
                           cement_entering * node_cure) /
                            (cement_before + cement_entering) :
                          0.;
                      segment_cure[s] =
                        cement_fraction[s] > 0 ?
                          aging.cure_after(mixed,
                                           segment_temperature[s],
                                           sub_step) :
                          0.;
                      cure_in[downstream] +=
                        rate * cement_fraction[s] * segment_cure[s];
                    }
                }
            }
          for (unsigned int s = 0; s < segments.size(); ++s)
            if (segment_flow[s] != 0)
              {
                fraction_before[s] = cement_fraction[s];
                if (ages)
                  cure_before[s] = segment_cure[s];
              }
        }
      concentration = mean_concentration;
      for (unsigned int s = 0; s < segments.size(); ++s)
        if (segment_flow[s] == 0)
          {
            // Cement at rest in a vessel cures on.
            cement_fraction[s] = old_fraction[s];
            if (ages)
              {
                segment_temperature[s] =
                  0.5 * (node_temperature[segments[s].from] +
                         node_temperature[segments[s].to]);
                segment_cure[s] = cement_fraction[s] > 0 ?
                                    aging.cure_after(old_cure[s],
                                                     segment_temperature[s],
                                                     time_step) :
                                    0.;
              }
          }

      // Bone cells fed by a node whose concentration moved enough to move
      // the cell's saturation by more than the tolerance: the change of
      // cement brought in over the step, per pore volume.
      for (const Coupling &coupling : couplings)
        if (coupling.cell < bone.n_owned_cells && coupling.flow < 0)
          {
            const CellInfo &cell = bone.cells[coupling.cell];
            const double    saturation_change =
              std::abs(concentration[coupling.node] -
                       last_concentration[coupling.node]) *
              -coupling.flow * time_step / (cell.porosity * cell.volume);
            if (saturation_change > tolerance)
              changed_cells.push_back(coupling.cell);
          }
      last_concentration = concentration;
      std::sort(changed_cells.begin(), changed_cells.end());
      changed_cells.erase(std::unique(changed_cells.begin(),
                                      changed_cells.end()),
                          changed_cells.end());
      return changed_cells;
    }



    void Circulation::account(const double time,
                              const double time_step,
                              const double injected_start,
                              const double injected_end,
                              const double threshold)
    {
      if (!has_veins())
        return;
      const auto         &segments = network_graph.segments();
      const unsigned int  n_veins  = network_graph.veins().size();
      std::vector<double> leaked(n_veins, 0.);
      for (unsigned int v = 0; v < n_veins; ++v)
        {
          to_plexus[v] += step_to_plexus[v];
          leaked[v] = to_plexus[v];
        }
      for (unsigned int s = 0; s < segments.size(); ++s)
        if (!segments[s].in_bone)
          leaked[segments[s].vein] += numbers::PI * segments[s].radius *
                                      segments[s].radius * segments[s].length *
                                      cement_fraction[s];
      for (unsigned int v = 0; v < n_veins; ++v)
        {
          if (time_step > 0)
            peak_leak_rate[v] =
              std::max(peak_leak_rate[v],
                       (leaked[v] - last_leaked[v]) / time_step);
          if (first_leak_time[v] < 0 && leaked[v] > threshold)
            {
              const double fraction =
                leaked[v] > last_leaked[v] ?
                  (threshold - last_leaked[v]) / (leaked[v] - last_leaked[v]) :
                  1.;
              first_leak_time[v] = time - time_step + fraction * time_step;
              first_leak_injected[v] =
                injected_start + fraction * (injected_end - injected_start);
            }
          last_leaked[v] = leaked[v];
        }
    }



    double Circulation::cement_in_veins() const
    {
      double volume = 0;
      for (const VesselNetwork::Segment &segment : network_graph.segments())
        if (segment.in_bone)
          volume += numbers::PI * segment.radius * segment.radius *
                    segment.length *
                    cement_fraction[&segment - network_graph.segments().data()];
      return volume;
    }



    double Circulation::leaked_through_veins() const
    {
      double volume = 0;
      for (const double v : last_leaked)
        volume += v;
      return volume;
    }



    Circulation::FirstLeak Circulation::first_leak() const
    {
      FirstLeak first;
      for (unsigned int v = 0; v < first_leak_injected.size(); ++v)
        if (first_leak_injected[v] >= 0 &&
            (first.injected < 0 || first_leak_injected[v] < first.injected))
          first = {first_leak_injected[v],
                   first_leak_time[v],
                   network_graph.veins()[v].name};
      return first;
    }



    bool Circulation::pressure_update_due(const double time,
                                          const double threshold) const
    {
      if (!has_veins() && !has_perfusion())
        return false;
      for (const Physics::PlexusPressure &pressure : plexus)
        if (std::abs(pressure(time) - pressure(assembled_time)) > 0)
          return true;
      for (unsigned int s = 0; s < cement_fraction.size(); ++s)
        if (std::abs(cement_fraction[s] - fraction_at_solve[s]) > threshold)
          return true;
      // Curing slugs: their viscosity changed by more than the threshold.
      if (aging.viscosity_factor)
        for (unsigned int s = 0; s < cement_fraction.size(); ++s)
          if (cement_fraction[s] > 0 &&
              std::abs(segment_viscosity_scale(s, 1.) - scale_at_solve[s]) >
                threshold * scale_at_solve[s])
            return true;
      return false;
    }



    double Circulation::largest_time_step() const
    {
      double step = std::numeric_limits<double>::infinity();
      for (const Physics::PlexusPressure &pressure : plexus)
        step = std::min(step, pressure.resolving_time_step());
      return step;
    }
  } // namespace Circulation
} // namespace cementflow
