#include "atomic_file.h"
#include "circulation/circulation.h"
#include "physics/constants.h"
#include "surface_writer.h"
#include "time_series.h"

#include <deal.II/base/utilities.h>

#include <cmath>

namespace cementflow
{
  namespace Circulation
  {
    using namespace dealii;

    namespace
    {
      constexpr double millilitres = 1e6;
    }



    void Circulation::set_resting_state(const BoneState &bone)
    {
      resting_pressure = bone_mean_pressure(bone);
      resting_supply   = has_perfusion() ? arterial_inflow(bone) : 0.;
      // Each vein's blood flow into its plexus or the vein it joins.
      if (has_veins())
        resting_vein_flow = network_graph.vein_outflows(segment_flow);
      max_mean_pressure = resting_pressure;
    }



    void
    Circulation::declare_statistics(Postprocess::TimeSeries &statistics) const
    {
      statistics.declare_column("intraosseous pressure", "kPa");
      if (has_perfusion())
        statistics.declare_column("arterial inflow", "mL/min");
      if (!has_veins())
        return;
      statistics.declare_column("plexus pressure", "kPa");
      for (const VesselNetwork::Vein &vein : network_graph.veins())
        {
          statistics.declare_column("blood and cement flow " + vein.name,
                                    "mL/min");
          statistics.declare_column("cement in vein " + vein.name, "mL");
          statistics.declare_column("volume to plexus " + vein.name, "mL");
          if (aging.cure_after)
            statistics.declare_column("degree of cure in vein " + vein.name,
                                      "");
        }
    }



    void Circulation::record_statistics(Postprocess::TimeSeries &statistics,
                                        const BoneState         &bone,
                                        const double             time) const
    {
      const double mean = bone_mean_pressure(bone);
      max_mean_pressure = std::max(max_mean_pressure, mean);
      statistics.set("intraosseous pressure", mean * 1e-3);
      if (has_perfusion())
        statistics.set("arterial inflow", arterial_inflow(bone) * 6e7);
      if (!has_veins())
        return;
      statistics.set("plexus pressure", plexus_pressure(0, time) * 1e-3);
      const auto               &segments = network_graph.segments();
      const unsigned int        n_veins  = network_graph.veins().size();
      const std::vector<double> flow =
        network_graph.vein_outflows(segment_flow);
      std::vector<double> inside(n_veins, 0.), cure(n_veins, 0.);
      for (unsigned int s = 0; s < segments.size(); ++s)
        {
          if (segments[s].in_bone)
            inside[segments[s].vein] += numbers::PI * segments[s].radius *
                                        segments[s].radius *
                                        segments[s].length * cement_fraction[s];
          if (cement_fraction[s] > 0)
            cure[segments[s].vein] =
              std::max(cure[segments[s].vein], segment_cure[s]);
        }
      for (unsigned int v = 0; v < n_veins; ++v)
        {
          const std::string &name = network_graph.veins()[v].name;
          statistics.set("blood and cement flow " + name, flow[v] * 6e7);
          statistics.set("cement in vein " + name, inside[v] * millilitres);
          statistics.set("volume to plexus " + name,
                         to_plexus[v] * millilitres);
          // The most cured cement in the vein, inside or past the foramen.
          if (aging.cure_after)
            statistics.set("degree of cure in vein " + name, cure[v]);
        }
    }



    void Circulation::summarize(Postprocess::RunSummary &summary) const
    {
      Postprocess::CirculationReport &report = summary.circulation;
      report.perfusion                       = has_perfusion();
      report.veins_modelled                  = has_veins();
      report.resting_pressure                = resting_pressure;
      report.resting_arterial_inflow         = resting_supply;
      report.resting_plexus_pressure   = parameters.plexus.base_pressure();
      report.max_intraosseous_pressure = max_mean_pressure;
      if (!has_veins())
        return;
      report.cement_in_veins = cement_in_veins();
      const auto &segments   = network_graph.segments();
      for (unsigned int v = 0; v < network_graph.veins().size(); ++v)
        {
          Postprocess::VeinReport vein;
          vein.name                   = network_graph.veins()[v].name;
          vein.leak_class             = network_graph.veins()[v].leak_class;
          vein.leaked_volume          = last_leaked[v];
          vein.to_plexus              = to_plexus[v];
          vein.first_arrival_time     = first_leak_time[v];
          vein.first_arrival_injected = first_leak_injected[v];
          vein.resting_flow           = resting_vein_flow[v];
          double length = 0, weighted_radius = 0, total = 0;
          for (unsigned int s = 0; s < segments.size(); ++s)
            if (segments[s].vein == v)
              {
                total += segments[s].length;
                weighted_radius += segments[s].radius * segments[s].length;
                if (segments[s].in_bone)
                  {
                    length += segments[s].length;
                    vein.cement_inside +=
                      numbers::PI * segments[s].radius * segments[s].radius *
                      segments[s].length * cement_fraction[s];
                  }
              }
          vein.length_in_bone = length;
          vein.radius         = total > 0 ? weighted_radius / total : 0.;
          report.to_plexus += to_plexus[v];
          report.veins.push_back(vein);

          // Each vein is also a leak path of its class, beside the zones.
          Postprocess::ZoneLeakage path;
          path.name                   = vein.name;
          path.leak_class             = vein.leak_class;
          path.leaked_volume          = vein.leaked_volume;
          path.first_arrival_time     = vein.first_arrival_time;
          path.first_arrival_injected = vein.first_arrival_injected;
          path.peak_rate              = peak_leak_rate[v];
          summary.zones.push_back(path);
          summary.total_leaked_volume += vein.leaked_volume;
        }
    }



    void Circulation::write_output(const std::string &directory,
                                   const unsigned int output_number,
                                   const double       time)
    {
      if (!has_veins() || this_rank != 0)
        return;
      const auto         &nodes    = network_graph.nodes();
      const auto         &segments = network_graph.segments();
      std::vector<double> points, pressure, radius, flow, fraction, in_bone,
        vein, cure, temperature;
      for (const VesselNetwork::Node &node : nodes)
        {
          for (unsigned int d = 0; d < 3; ++d)
            points.push_back(node.position[d] * 1e3);
          pressure.push_back(node_pressure[&node - nodes.data()] * 1e-3);
        }
      std::vector<std::array<unsigned int, 2>> lines;
      for (unsigned int s = 0; s < segments.size(); ++s)
        {
          lines.push_back({{segments[s].from, segments[s].to}});
          radius.push_back(segments[s].radius * 1e3);
          flow.push_back(segment_flow[s] * 6e7);
          fraction.push_back(cement_fraction[s]);
          in_bone.push_back(segments[s].in_bone ? 1. : 0.);
          vein.push_back(segments[s].vein);
          cure.push_back(segment_cure[s]);
          temperature.push_back(segment_temperature[s] - Physics::zero_celsius);
        }
      if (!output_series)
        {
          Postprocess::create_directories(directory + "/vessels");
          output_series = std::make_unique<Postprocess::TimeSeriesRecord>(
            directory + "/vessels.pvd");
        }
      const std::string file = "vessels/vessels_" +
                               Utilities::int_to_string(output_number, 5) +
                               ".vtp";
      std::vector<Postprocess::VtuField> segment_fields = {
        {"radius_mm", 1, radius},
        {"flow_mL_per_min", 1, flow},
        {"cement_fraction", 1, fraction},
        {"in_bone", 1, in_bone},
        {"vein_id", 1, vein}};
      if (aging.cure_after)
        {
          segment_fields.push_back({"degree_of_cure", 1, cure});
          segment_fields.push_back({"temperature_C", 1, temperature});
        }
      Postprocess::write_polylines(directory + "/" + file,
                                   points,
                                   lines,
                                   {{"pressure_kPa", 1, pressure}},
                                   segment_fields);
      output_series->add(time, file);
    }



    std::vector<double> Circulation::state() const
    {
      // Fixed layout: scalars, then per segment, then per vein.
      std::vector<double> values = {supply_conductance,
                                    resting_pressure,
                                    resting_supply,
                                    max_mean_pressure};
      for (const std::vector<double> *field : {&cement_fraction,
                                               &fraction_at_solve,
                                               &segment_flow,
                                               &node_pressure,
                                               &concentration,
                                               &segment_cure,
                                               &segment_temperature,
                                               &scale_at_solve})
        values.insert(values.end(), field->begin(), field->end());
      for (const std::vector<double> *field : {&to_plexus,
                                               &last_leaked,
                                               &first_leak_time,
                                               &first_leak_injected,
                                               &peak_leak_rate,
                                               &resting_vein_flow})
        values.insert(values.end(), field->begin(), field->end());
      return values;
    }



    void Circulation::restore(const std::vector<double> &values)
    {
      std::size_t position = 0;
      const auto  take     = [&](std::vector<double> &field) {
        std::copy(values.begin() + position,
                  values.begin() + position + field.size(),
                  field.begin());
        position += field.size();
      };
      supply_conductance = values[position++];
      resting_pressure   = values[position++];
      resting_supply     = values[position++];
      max_mean_pressure  = values[position++];
      for (std::vector<double> *field : {&cement_fraction,
                                         &fraction_at_solve,
                                         &segment_flow,
                                         &node_pressure,
                                         &concentration,
                                         &segment_cure,
                                         &segment_temperature,
                                         &scale_at_solve})
        take(*field);
      for (std::vector<double> *field : {&to_plexus,
                                         &last_leaked,
                                         &first_leak_time,
                                         &first_leak_injected,
                                         &peak_leak_rate,
                                         &resting_vein_flow})
        take(*field);
      AssertThrow(position == values.size(),
                  ExcMessage("The checkpoint's circulation state does not "
                             "match this case's veins."));
      old_fraction       = cement_fraction;
      old_cure           = segment_cure;
      last_concentration = concentration;
    }



    std::vector<std::pair<double, std::string>>
    Circulation::output_records() const
    {
      return output_series ? output_series->records() :
                             std::vector<std::pair<double, std::string>>();
    }



    void Circulation::restore_output_records(
      const std::string                                 &directory,
      const std::vector<std::pair<double, std::string>> &records)
    {
      if (records.empty() || this_rank != 0)
        return;
      output_series = std::make_unique<Postprocess::TimeSeriesRecord>(
        directory + "/vessels.pvd");
      output_series->restore(records);
    }
  } // namespace Circulation
} // namespace cementflow
