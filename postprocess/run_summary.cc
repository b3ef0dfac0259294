#include "run_summary.h"

#include "json_writer.h"

#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

namespace cementflow
{
  namespace Postprocess
  {
    namespace
    {
      constexpr double millilitres = 1e6;  // per m^3
      constexpr double kilopascals = 1e-3; // per Pa

      double or_nan(const double value)
      {
        return value >= 0 ? value : std::numeric_limits<double>::quiet_NaN();
      }

      std::string number(const double value, const int precision = 3)
      {
        std::ostringstream out;
        out << std::setprecision(precision) << value;
        return out.str();
      }
    } // namespace



    std::string RunSummary::outcome() const
    {
      if (status.rfind("failed", 0) == 0)
        return "failed";
      if (status == "stopped at the pressure cap" ||
          (status == "stopped at the maximum duration" &&
           injected_volume < target_volume * (1 - 1e-9)))
        return "filling failure";
      return leaked ? "leak" : "no leak";
    }



    double RunSummary::leaked_volume(const std::string &zone) const
    {
      for (const ZoneLeakage &z : zones)
        if (z.name == zone)
          return z.leaked_volume;
      throw std::out_of_range("No exit zone <" + zone + ">.");
    }



    double RunSummary::cement_in_region(const std::string &region) const
    {
      for (const RegionFilling &r : regions)
        if (r.name == region)
          return r.cement_volume;
      throw std::out_of_range("No region <" + region + ">.");
    }



    std::string report_json(const RunSummary &s)
    {
      JsonObject leaked, leak_class, by_class, zones, in_region, filled;
      std::map<std::string, double> class_volume;
      for (const ZoneLeakage &z : s.zones)
        {
          leaked.add(z.name, z.leaked_volume * millilitres);
          leak_class.add(z.name, z.leak_class);
          class_volume[z.leak_class] += z.leaked_volume;
          JsonObject zone;
          zone.add("leak_class", z.leak_class)
            .add("leaked_mL", z.leaked_volume * millilitres)
            .add("first_arrival_time_s", or_nan(z.first_arrival_time))
            .add("first_arrival_injected_mL",
                 or_nan(z.first_arrival_injected) * millilitres)
            .add("peak_leak_rate_mL_per_min", z.peak_rate * 6e7);
          zones.add(z.name, zone);
        }
      for (const auto &[name, volume] : class_volume)
        by_class.add(name, volume * millilitres);
      for (const RegionFilling &r : s.regions)
        {
          in_region.add(r.name, r.cement_volume * millilitres);
          filled.add(r.name,
                     r.pore_volume > 0 ? r.cement_volume / r.pore_volume : 0.);
        }
      JsonObject  extent;
      const char *axis[3] = {"x", "y", "z"};
      const bool  any     = s.cement_in_bone > 0;
      for (unsigned int d = 0; d < 3; ++d)
        extent
          .add(std::string(axis[d]) + "_min_mm",
               any ? s.extent_min[d] * 1e3 :
                     std::numeric_limits<double>::quiet_NaN())
          .add(std::string(axis[d]) + "_max_mm",
               any ? s.extent_max[d] * 1e3 :
                     std::numeric_limits<double>::quiet_NaN());
      JsonObject filling;
      filling.add("cement_in_region_mL", in_region)
        .add("region_filled_fraction", filled)
        .add("extent_mm", extent)
        .add("superior_endplate_contact", s.superior_endplate_contact)
        .add("inferior_endplate_contact", s.inferior_endplate_contact)
        .add("crosses_midline", s.crosses_midline)
        .add("cement_left_mL", s.cement_left * millilitres)
        .add("cement_right_mL", s.cement_right * millilitres)
        .add("cloud_radius_mm", s.cement_cloud_radius * 1e3);

      JsonObject heat, heat_regions;
      for (const RegionDose &r : s.heat.regions)
        {
          JsonObject region;
          region.add("peak_temperature_C", r.peak)
            .add("time_above_45C_s", r.above_45)
            .add("time_above_50C_s", r.above_50)
            .add("max_CEM43_min", r.cem43);
          heat_regions.add(r.name, region);
        }
      if (s.heat.modelled)
        heat.add("kinetics", s.heat.kinetics)
          .add("peak_temperature_C", s.heat.peak_temperature)
          .add("longest_time_above_50C_s", s.heat.longest_above_50)
          .add("max_degree_of_cure", s.heat.max_cure)
          .add("max_CEM43_outside_cement_min", s.heat.cem43_outside_cement)
          .add("max_CEM43_endplates_min", s.heat.cem43_endplates)
          .add("posterior_wall_peak_temperature_C", s.heat.posterior_wall_peak)
          .add("posterior_wall_longest_time_above_45C_s",
               s.heat.posterior_wall_above_45)
          .add("posterior_wall_max_CEM43_min", s.heat.posterior_wall_cem43)
          .add("heat_released_J", s.heat.budget.released)
          .add("heat_of_injected_cement_J", s.heat.budget.injected)
          .add("heat_lost_through_exits_J", s.heat.budget.exits)
          .add("heat_lost_into_veins_J", s.heat.budget.veins)
          .add("heat_lost_to_blood_J", s.heat.budget.blood)
          .add("heat_stored_J", s.heat.budget.stored)
          .add("energy_imbalance_J", s.heat.budget.imbalance)
          .add("regions", heat_regions);

      JsonObject circulation;
      if (s.circulation.perfusion || s.circulation.veins_modelled)
        {
          const CirculationReport &c = s.circulation;
          JsonObject               veins;
          for (const VeinReport &v : c.veins)
            {
              JsonObject vein;
              vein.add("leak_class", v.leak_class)
                .add("radius_mm", v.radius * 1e3)
                .add("length_in_bone_mm", v.length_in_bone * 1e3)
                .add("resting_blood_flow_mL_per_min", v.resting_flow * 6e7)
                .add("cement_inside_mL", v.cement_inside * millilitres)
                .add("leaked_mL", v.leaked_volume * millilitres)
                .add("to_plexus_mL", v.to_plexus * millilitres)
                .add("first_arrival_time_s", or_nan(v.first_arrival_time))
                .add("first_arrival_injected_mL",
                     or_nan(v.first_arrival_injected) * millilitres);
              veins.add(v.name, vein);
            }
          circulation.add("perfusion", c.perfusion)
            .add("resting_intraosseous_pressure_kPa",
                 c.resting_pressure * kilopascals)
            .add("resting_arterial_inflow_mL_per_min",
                 c.resting_arterial_inflow * 6e7)
            .add("resting_plexus_pressure_kPa",
                 c.resting_plexus_pressure * kilopascals)
            .add("max_intraosseous_pressure_kPa",
                 c.max_intraosseous_pressure * kilopascals)
            .add("cement_in_veins_mL", c.cement_in_veins * millilitres)
            .add("volume_to_plexus_mL", c.to_plexus * millilitres)
            .add("veins", veins);
        }

      JsonObject report;
      report.add("cementflow_version", s.version)
        .add("git_revision", s.git_revision)
        .add("deal_ii_version", s.deal_ii_version)
        .add("status", s.status)
        .add("outcome", s.outcome())
        .add("injected_volume_mL", s.injected_volume * millilitres)
        .add("target_volume_mL", s.target_volume * millilitres)
        .add("cement_in_bone_mL", s.cement_in_bone * millilitres)
        .add("leaked_volume_mL", leaked)
        .add("total_leaked_volume_mL", s.total_leaked_volume * millilitres)
        .add("leak_class", leak_class)
        .add("leaked_volume_by_class_mL", by_class)
        .add("leak_threshold_mL", s.leak_threshold * millilitres)
        .add("leaked", s.leaked)
        .add("first_leak_zone", s.first_leak_zone)
        .add("first_leak_time_s", or_nan(s.first_leak_time))
        .add("safe_volume_mL", s.safe_volume * millilitres)
        .add("zones", zones)
        .add("filling", filling)
        .add("circulation", circulation)
        .add("heat", heat)
        .add("cement_in_region_mL", in_region)
        .add("cement_cloud_radius_mm", s.cement_cloud_radius * 1e3)
        .add("mass_balance_relative_error", s.mass_balance_error)
        .add("max_tip_pressure_kPa", s.max_tip_pressure * kilopascals)
        .add("final_tip_pressure_kPa", s.final_tip_pressure * kilopascals)
        .add("max_injection_pressure_kPa",
             s.max_injection_pressure * kilopascals)
        .add("final_injection_pressure_kPa",
             s.final_injection_pressure * kilopascals)
        .add("max_cannula_pressure_drop_kPa",
             s.max_cannula_pressure_drop * kilopascals)
        .add("max_syringe_force_N", s.max_syringe_force)
        .add("final_rate_mL_per_min", s.final_rate * 6e7)
        .add("cement_viscosity_at_tip_Pa_s", s.final_tip_viscosity)
        .add("end_time_s", s.end_time)
        .add("n_cells", static_cast<long long>(s.n_cells))
        .add("n_time_steps", s.n_time_steps)
        .add("time_steps_per_injected_mL", s.steps_per_mL)
        .add("mpi_ranks", s.n_mpi_ranks)
        .add("wall_time_s", s.wall_time);
      return report.str() + "\n";
    }



    std::string report_markdown(const RunSummary &s)
    {
      std::ostringstream out;
      const double       ml = millilitres;
      out << "# cementflow report\n\n";

      // The verdict.
      const std::string outcome = s.outcome();
      if (outcome == "failed")
        out << "**The simulation failed** after "
            << number(s.injected_volume * ml)
            << " mL: " << s.status.substr(std::string("failed: ").size())
            << "\n\n";
      else if (outcome == "filling failure")
        out << "**Filling failure**: the injection stopped ("
            << s.status.substr(std::string("stopped ").size()) << ") after "
            << number(s.injected_volume * ml) << " of "
            << number(s.target_volume * ml) << " mL; the injection pressure "
            << "reached " << number(s.max_injection_pressure * kilopascals, 4)
            << " kPa.\n\n";
      if (s.leaked)
        {
          out << "**Leak**: " << number(s.total_leaked_volume * ml)
              << " mL of cement left the bone. The first leak (above "
              << number(s.leak_threshold * ml) << " mL) was through the "
              << s.first_leak_zone << " after " << number(s.first_leak_time)
              << " s, when " << number(s.safe_volume * ml)
              << " mL had been injected.\n\n"
              << "**Safe volume: " << number(s.safe_volume * ml)
              << " mL.**\n\n";
        }
      else if (outcome != "failed")
        out << "**No leak** above " << number(s.leak_threshold * ml)
            << " mL in " << number(s.injected_volume * ml)
            << " mL injected.\n\n";

      out << "## Leakage by exit zone and vein\n\n"
          << "| zone or vein | leak class | leaked (mL) | first above "
             "threshold | peak "
             "rate (mL/min) |\n|---|---|---|---|---|\n";
      for (const ZoneLeakage &z : s.zones)
        {
          out << "| " << z.name << " | " << z.leak_class << " | "
              << number(z.leaked_volume * ml) << " | ";
          if (z.first_arrival_time >= 0)
            out << number(z.first_arrival_time) << " s, at "
                << number(z.first_arrival_injected * ml) << " mL injected";
          else
            out << "never";
          out << " | " << number(z.peak_rate * 6e7) << " |\n";
        }

      if (s.heat.modelled)
        {
          const HeatReport &h = s.heat;
          out << "\n## Heat and cure\n\n"
              << "Cure kinetics " << h.kinetics << ". The hottest cement "
              << "reached " << number(h.peak_temperature) << " °C; the "
              << "longest time a cell spent above 50 °C was "
              << number(h.longest_above_50 / 60) << " min; the most cured "
              << "cement reached a degree of cure of " << number(h.max_cure)
              << ".\n\n"
              << "| where | peak (°C) | time above 45 °C (min) | time above "
                 "50 °C (min) | CEM43 (min) |\n|---|---|---|---|---|\n";
          for (const RegionDose &r : h.regions)
            out << "| " << r.name << " | " << number(r.peak) << " | "
                << number(r.above_45 / 60) << " | " << number(r.above_50 / 60)
                << " | " << number(r.cem43) << " |\n";
          out << "| bone outside the cement | | | | "
              << number(h.cem43_outside_cement) << " |\n\n"
              << "Each figure is the largest over the region's cells. "
              << "CEM43: cumulative equivalent minutes at 43 °C. Bone is "
                 "injured by 47 °C for 1 min (Eriksson & Albrektsson 1983); a "
                 "rat nerve loses half its function after about 48-64 CEM43 "
                 "(physics-reference.md 16.4).\n\n"
              << "Energy budget, relative to the body temperature (J): "
              << "released by the cure " << number(h.budget.released)
              << ", brought by the injected cement "
              << number(h.budget.injected) << ", lost through the exits "
              << number(h.budget.exits) << ", into the veins "
              << number(h.budget.veins) << ", to blood "
              << number(h.budget.blood) << ", stored in the body now "
              << number(h.budget.stored) << " (imbalance "
              << number(h.budget.imbalance) << ").\n";
        }

      if (s.circulation.perfusion || s.circulation.veins_modelled)
        {
          const CirculationReport &c = s.circulation;
          out << "\n## Circulation\n\n"
              << "At rest, before the injection: mean intraosseous pressure "
              << number(c.resting_pressure * kilopascals) << " kPa over a "
              << "plexus at " << number(c.resting_plexus_pressure * kilopascals)
              << " kPa";
          if (c.perfusion)
            out << ", arterial inflow "
                << number(c.resting_arterial_inflow * 6e7) << " mL/min";
          out << ". During the injection the mean intraosseous pressure "
              << "reached " << number(c.max_intraosseous_pressure * kilopascals)
              << " kPa.\n\n";
          if (c.veins_modelled)
            {
              out << "| vein | leak class | radius (mm) | blood flow at rest "
                     "(mL/min) | cement inside (mL) | leaked (mL) | to the "
                     "plexus (mL) | first leak |\n|---|---|---|---|---|---|---|"
                     "---|\n";
              for (const VeinReport &v : c.veins)
                {
                  out << "| " << v.name << " | " << v.leak_class << " | "
                      << number(v.radius * 1e3) << " | "
                      << number(v.resting_flow * 6e7) << " | "
                      << number(v.cement_inside * ml) << " | "
                      << number(v.leaked_volume * ml) << " | "
                      << number(v.to_plexus * ml) << " | ";
                  if (v.first_arrival_time >= 0)
                    out << number(v.first_arrival_time) << " s, at "
                        << number(v.first_arrival_injected * ml)
                        << " mL injected";
                  else
                    out << "never";
                  out << " |\n";
                }
              out << "\nCement that reaches the plexus can embolise (to the "
                     "lungs): "
                  << number(c.to_plexus * ml) << " mL.\n";
            }
        }

      out << "\n## Filling\n\n| region | cement (mL) | pores filled |\n"
             "|---|---|---|\n";
      for (const RegionFilling &r : s.regions)
        out << "| " << r.name << " | " << number(r.cement_volume * ml) << " | "
            << number(
                 r.pore_volume > 0 ? 100 * r.cement_volume / r.pore_volume : 0.)
            << " % |\n";
      out << "\n";
      if (s.cement_in_bone > 0)
        {
          const char *axis[3] = {"x (lateral)",
                                 "y (antero-posterior)",
                                 "z (axial)"};
          out << "Cloud extent (cells reached by cement):";
          for (unsigned int d = 0; d < 3; ++d)
            out << (d ? "; " : " ") << axis[d] << " "
                << number(s.extent_min[d] * 1e3) << " to "
                << number(s.extent_max[d] * 1e3) << " mm";
          out << ". Radius of gyration " << number(s.cement_cloud_radius * 1e3)
              << " mm.\n\n";
        }
      out << "- superior endplate reached: "
          << (s.superior_endplate_contact ? "yes" : "no") << "\n"
          << "- inferior endplate reached: "
          << (s.inferior_endplate_contact ? "yes" : "no") << "\n"
          << "- crosses the midline: " << (s.crosses_midline ? "yes" : "no")
          << " (" << number(s.cement_left * ml) << " mL left, "
          << number(s.cement_right * ml) << " mL right)\n\n";

      out << "## Injection\n\n| quantity | value |\n|---|---|\n"
          << "| injected | " << number(s.injected_volume * ml) << " of "
          << number(s.target_volume * ml) << " mL in " << number(s.end_time)
          << " s |\n"
          << "| cement in bone | " << number(s.cement_in_bone * ml) << " mL |\n"
          << "| peak injection pressure | "
          << number(s.max_injection_pressure * kilopascals, 4) << " kPa |\n"
          << "| peak tip pressure | "
          << number(s.max_tip_pressure * kilopascals, 4) << " kPa |\n"
          << "| peak cannula pressure drop | "
          << number(s.max_cannula_pressure_drop * kilopascals, 4) << " kPa |\n"
          << "| peak syringe force | " << number(s.max_syringe_force)
          << " N |\n"
          << "| rate at the end | " << number(s.final_rate * 6e7)
          << " mL/min |\n"
          << "| cement viscosity at the tip at the end | "
          << number(s.final_tip_viscosity) << " Pa s |\n"
          << "| status | " << s.status << " |\n\n";

      out << "## How it ran\n\n"
          << "cementflow " << s.version << " (revision " << s.git_revision
          << "), deal.II " << s.deal_ii_version << "; " << s.n_cells
          << " cells, " << s.n_time_steps << " time steps, " << s.n_mpi_ranks
          << " MPI " << (s.n_mpi_ranks == 1 ? "rank" : "ranks") << ", "
          << number(s.wall_time) << " s; mass balance error "
          << number(s.mass_balance_error, 2)
          << ". The parameters are in parameters.prm.\n";
      return out.str();
    }
  } // namespace Postprocess
} // namespace cementflow
