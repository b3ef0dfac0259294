#include "sweep_summary.h"

#include "atomic_file.h"
#include "run_program.h"

#include <deal.II/base/utilities.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    // A volume in mL as the log shows it: below the 0.001 mL of the plots,
    // "< 0.001" rather than round-off such as 2.7e-34.
    std::string volume_for_people(const double volume)
    {
      if (volume == 0 || volume >= 1e-3)
        {
          std::ostringstream text;
          text << std::setprecision(3) << volume;
          return text.str();
        }
      return "< 0.001";
    }



    std::string csv_field(std::string text)
    {
      for (char &ch : text)
        if (ch == '\n')
          ch = ' ';
      std::string quoted = "\"";
      for (const char ch : text)
        quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      return quoted + "\"";
    }



    // summary.csv from every case's report.json and status; returns the
    // number of failed cases.
    SweepTally write_summary(const SweepParameters        &parameters,
                             const std::vector<SweepCase> &cases,
                             std::ostream                 &log)
    {
      std::vector<std::string> classes = {"venous-basivertebral",
                                          "venous-segmental",
                                          "spinal canal",
                                          "foraminal",
                                          "paravertebral",
                                          "intradiscal"};
      std::ostringstream       csv;
      csv << "\"case\",\"folder\"";
      for (const auto &[path, value] : cases.front().values)
        csv << ',' << csv_field(path);
      csv << ",\"status\",\"outcome\",\"leaked\",\"injected volume (mL)\","
             "\"total leaked volume (mL)\",\"safe volume (mL)\","
             "\"first leak zone\",\"first leak time (s)\"";
      for (const std::string &leak_class : classes)
        csv << ',' << csv_field("leaked volume " + leak_class + " (mL)");
      csv << ",\"max injection pressure (kPa)\",\"max tip pressure (kPa)\","
             "\"cloud radius of gyration (mm)\",\"wall time (s)\"\n";

      SweepTally tally;
      for (const SweepCase &c : cases)
        {
          const std::string folder = case_folder(parameters, c.number);
          // A folder left by other settings does not count for these.
          const std::string status = summary_status(parameters, c);
          if (status == "completed")
            tally.completed.push_back(c.number);
          else if (status == "not run")
            tally.missing.push_back(c.number);
          else
            tally.failed.push_back(c.number);
          csv << c.number << ','
              << csv_field("case-" + Utilities::int_to_string(c.number, 4));
          for (const auto &[path, value] : c.values)
            csv << ',' << csv_field(value);

          boost::property_tree::ptree report;
          bool                        has_report = false;
          if (status == "completed" || status.rfind("failed", 0) == 0)
            try
              {
                boost::property_tree::read_json(folder + "/report.json",
                                                report);
                has_report = true;
              }
            catch (...)
              {}
          if (!has_report)
            {
              csv << ',' << csv_field(status) << ",\"failed\"";
              for (unsigned int i = 0; i < 6 + classes.size() + 4; ++i)
                csv << ',';
              csv << '\n';
              log << "case " << c.number << ": " << status << "\n";
              continue;
            }
          const auto get = [&report](const std::string &key) {
            const std::string value = report.get<std::string>(key, "");
            return value == "null" ? std::string() : value;
          };
          csv << ',' << csv_field(get("status")) << ','
              << csv_field(get("outcome")) << ',' << get("leaked") << ','
              << get("injected_volume_mL") << ','
              << get("total_leaked_volume_mL") << ',' << get("safe_volume_mL")
              << ',' << csv_field(get("first_leak_zone")) << ','
              << get("first_leak_time_s");
          for (const std::string &leak_class : classes)
            csv << ','
                << report.get<std::string>(
                     boost::property_tree::ptree::path_type(
                       "leaked_volume_by_class_mL/" + leak_class, '/'),
                     "0");
          csv << ',' << get("max_injection_pressure_kPa") << ','
              << get("max_tip_pressure_kPa") << ','
              << get("cement_cloud_radius_mm") << ',' << get("wall_time_s")
              << '\n';
          log << "case " << c.number << ": " << get("outcome") << ", leaked "
              << volume_for_people(
                   report.get<double>("total_leaked_volume_mL", 0))
              << " mL\n";
        }
      Postprocess::write_file_atomically(parameters.output_directory +
                                           "/summary.csv",
                                         csv.str());
      return tally;
    }



    // probabilities.csv and convergence.csv of an ensemble.
    void write_probabilities(const SweepParameters        &parameters,
                             const std::vector<SweepCase> &cases,
                             std::ostream                 &log)
    {
      std::vector<std::string>       names = {"any leak"};
      std::vector<std::vector<bool>> leaks; // per case, per name
      for (const SweepCase &c : cases)
        {
          if (!is_finished(parameters, c))
            continue;
          boost::property_tree::ptree report;
          try
            {
              boost::property_tree::read_json(
                case_folder(parameters, c.number) + "/report.json", report);
            }
          catch (...)
            {
              continue;
            }
          if (report.get<std::string>("status", "").rfind("failed", 0) == 0)
            continue;
          const double      threshold = report.get<double>("leak_threshold_mL");
          std::vector<bool> row(names.size(), false);
          row[0] = report.get<bool>("leaked");
          for (const auto &[leak_class, volume] :
               report.get_child("leaked_volume_by_class_mL"))
            {
              const auto found =
                std::find(names.begin(), names.end(), leak_class);
              const unsigned int index = found - names.begin();
              if (found == names.end())
                {
                  names.push_back(leak_class);
                  for (auto &earlier : leaks)
                    earlier.push_back(false);
                  row.push_back(false);
                }
              row[index] = volume.get_value<double>() > threshold;
            }
          leaks.push_back(row);
        }

      std::ostringstream probabilities;
      probabilities << "\"event\",\"cases\",\"with the event\","
                       "\"probability\",\"95% low\",\"95% high\"\n";
      log << "\nProbabilities over " << leaks.size()
          << " completed samples (95 % Wilson intervals):\n";
      for (unsigned int e = 0; e < names.size(); ++e)
        {
          unsigned int k = 0;
          for (const auto &row : leaks)
            k += row[e] ? 1 : 0;
          const auto [low, high] = wilson_interval(k, leaks.size());
          const double p = leaks.empty() ? 0. : double(k) / leaks.size();
          probabilities << csv_field(names[e]) << ',' << leaks.size() << ','
                        << k << ',' << p << ',' << low << ',' << high << '\n';
          log << "  " << names[e] << ": " << p << " [" << low << ", " << high
              << "]\n";
        }
      Postprocess::write_file_atomically(parameters.output_directory +
                                           "/probabilities.csv",
                                         probabilities.str());

      // How the estimate of "any leak" settles as samples accumulate.
      std::ostringstream convergence;
      convergence << "\"samples\",\"probability of any leak\",\"95% low\","
                     "\"95% high\"\n";
      unsigned int k = 0;
      for (unsigned int n = 1; n <= leaks.size(); ++n)
        {
          k += leaks[n - 1][0] ? 1 : 0;
          const auto [low, high] = wilson_interval(k, n);
          convergence << n << ',' << double(k) / n << ',' << low << ',' << high
                      << '\n';
        }
      Postprocess::write_file_atomically(parameters.output_directory +
                                           "/convergence.csv",
                                         convergence.str());
    }



    // units.csv: the plots label their axes with these.
    void write_units(const SweepParameters &parameters)
    {
      std::vector<std::string> paths;
      for (const auto &axis : parameters.axes)
        paths.push_back(axis.first);
      for (const auto &variable : parameters.variables)
        paths.push_back(variable.first);
      const std::vector<std::string> units = parameter_units(parameters);
      std::ostringstream             csv;
      csv << "\"parameter\",\"unit\"\n";
      for (unsigned int i = 0; i < paths.size(); ++i)
        csv << csv_field(paths[i]) << ',' << csv_field(units[i]) << '\n';
      Postprocess::write_file_atomically(parameters.output_directory +
                                           "/units.csv",
                                         csv.str());
    }



    std::string list_of(const std::vector<unsigned int> &numbers)
    {
      std::string list;
      for (const unsigned int n : numbers)
        list += (list.empty() ? "" : ", ") + std::to_string(n);
      return list;
    }
  } // namespace



  SweepTally write_sweep_results(const SweepParameters        &parameters,
                                 const std::vector<SweepCase> &cases,
                                 std::ostream                 &out)
  {
    std::ostringstream log;
    const SweepTally   tally = write_summary(parameters, cases, log);
    if (parameters.type == "monte carlo")
      write_probabilities(parameters, cases, log);
    write_units(parameters);
    log << "\n"
        << tally.completed.size() << " of " << cases.size()
        << " cases completed";
    if (!tally.failed.empty())
      log << "; failed: " << list_of(tally.failed);
    if (!tally.missing.empty())
      log << "; not run (or run with other settings): "
          << list_of(tally.missing);
    log << ".\n";
    Postprocess::write_file_atomically(parameters.output_directory +
                                         "/sweep.log",
                                       log.str());
    out << log.str();

    // The maps need python3 and matplotlib; without them the tables
    // stand alone.
    const std::string plots_log = parameters.output_directory + "/plots.log";
    std::filesystem::remove(plots_log);
    if (Postprocess::run_program({"/usr/bin/python3",
                                  CEMENTFLOW_SOURCE_DIR
                                  "/postprocess/plots/sweep_plots.py",
                                  parameters.output_directory,
                                  std::to_string(parameters.map_x),
                                  std::to_string(parameters.map_y)},
                                 plots_log) != 0)
      out << "The plots could not be drawn (they need /usr/bin/python3 "
             "with matplotlib); see "
          << parameters.output_directory << "/plots.log." << std::endl;
    out << "Summary: " << parameters.output_directory << "/summary.csv"
        << std::endl;
    return tally;
  }
} // namespace cementflow
