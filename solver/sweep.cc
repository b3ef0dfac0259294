#include "sweep.h"

#include "atomic_file.h"
#include "case_parameters.h"
#include "errors.h"
#include "parameter_printer.h"
#include "pictures.h"
#include "simulator.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    constexpr unsigned int max_axes      = 4;
    constexpr unsigned int max_variables = 16;
  } // namespace



  Distribution::Distribution(const std::string &text)
    : text(Utilities::trim(text))
  {
    const std::regex form(
      R"(^\s*(uniform|normal|lognormal|truncated normal)\s*\(([^)]*)\)\s*$)");
    std::smatch match;
    AssertThrow(std::regex_match(this->text, match, form),
                ExcMessage("The distribution <" + this->text +
                           "> is not one of uniform(a, b), normal(mean, sd), "
                           "lognormal(mu, sigma), truncated normal(mean, sd, "
                           "low, high)."));
    kind = match[1];
    try
      {
        arguments = Utilities::string_to_double(
          Utilities::split_string_list(match[2].str(), ','));
      }
    catch (...)
      {
        AssertThrow(false,
                    ExcMessage("The arguments of <" + this->text +
                               "> must be numbers."));
      }
    const unsigned int expected = kind == "truncated normal" ? 4 : 2;
    AssertThrow(arguments.size() == expected,
                ExcMessage("<" + this->text + "> needs " +
                           std::to_string(expected) + " arguments."));
    AssertThrow(kind != "uniform" || arguments[0] < arguments[1],
                ExcMessage("<" + this->text + ">: a must be below b."));
    AssertThrow(kind == "uniform" || arguments[1] > 0,
                ExcMessage("<" + this->text +
                           ">: the spread must be positive."));
    AssertThrow(kind != "truncated normal" || arguments[2] < arguments[3],
                ExcMessage("<" + this->text + ">: low must be below high."));
  }



  double Distribution::sample(std::mt19937_64 &generator) const
  {
    if (kind == "uniform")
      return std::uniform_real_distribution<double>(arguments[0],
                                                    arguments[1])(generator);
    if (kind == "normal")
      return std::normal_distribution<double>(arguments[0],
                                              arguments[1])(generator);
    if (kind == "lognormal")
      return std::lognormal_distribution<double>(arguments[0],
                                                 arguments[1])(generator);
    std::normal_distribution<double> normal(arguments[0], arguments[1]);
    for (unsigned int attempt = 0; attempt < 100000; ++attempt)
      {
        const double value = normal(generator);
        if (value >= arguments[2] && value <= arguments[3])
          return value;
      }
    AssertThrow(false,
                ExcMessage("<" + text +
                           ">: no sample fell inside the bounds in 100000 "
                           "tries; the bounds are too far out."));
    return arguments[2];
  }



  const std::string &Distribution::description() const
  {
    return text;
  }



  void SweepParameters::declare(ParameterHandler &prm)
  {
    prm.enter_subsection("Sweep");
    {
      prm.declare_entry("Type",
                        "grid",
                        Patterns::Selection("grid|monte carlo"),
                        "grid: every combination of the values of the "
                        "Parameters; monte carlo: Samples cases with the "
                        "Variables drawn from their distributions. Units: "
                        "none.");
      prm.declare_entry("Base case",
                        "",
                        Patterns::Anything(),
                        "The parameter file every case starts from (relative "
                        "to the working directory); empty: the built-in "
                        "default case. Units: none.");
      prm.declare_entry(
        "Settings",
        "",
        Patterns::Anything(),
        "Changes to the base case for all cases, as 'Subsection/Entry=value' "
        "separated by semicolons. Units: none.");
      prm.declare_entry("Output directory",
                        "sweep",
                        Patterns::Anything(),
                        "The folder of the sweep: one folder per case, the "
                        "summary and the maps. Units: none.");
      prm.declare_entry(
        "Pictures",
        "false",
        Patterns::Bool(),
        "Draw each case's plots and its ParaView picture of the cement cloud "
        "(at the end of the injection) into its folder, as `cementflow run "
        "--pictures` does; about 5 s more per case. Units: none.");
      prm.declare_entry("Ranks per case",
                        "1",
                        Patterns::Integer(1, 100000),
                        "MPI ranks that run one case together; the ranks "
                        "run that many groups of cases in parallel. Must "
                        "divide the number of ranks. Units: none.");
      for (unsigned int i = 1; i <= max_axes; ++i)
        {
          prm.declare_entry("Parameter " + std::to_string(i),
                            "",
                            Patterns::Anything(),
                            "Grid: the path of the parameter of axis " +
                              std::to_string(i) +
                              " (e.g. Needle/Tip offset along trajectory, "
                              "Cement/Name, Injection/Volume); empty: no "
                              "such axis. Units: none.");
          prm.declare_entry("Values " + std::to_string(i),
                            "",
                            Patterns::Anything(),
                            "Grid: the values of axis " + std::to_string(i) +
                              ", separated by semicolons. Units: those of "
                              "the parameter.");
        }
      prm.declare_entry("Map x",
                        "1",
                        Patterns::Integer(1, max_axes),
                        "Grid: the axis along x of the risk maps. Units: "
                        "none.");
      prm.declare_entry("Map y",
                        "2",
                        Patterns::Integer(1, max_axes),
                        "Grid: the axis along y of the risk maps. Units: "
                        "none.");
      prm.declare_entry("Samples",
                        "100",
                        Patterns::Integer(1, 1000000),
                        "Monte Carlo: the number of cases. Units: none.");
      prm.declare_entry("Seed",
                        "1",
                        Patterns::Integer(0),
                        "Monte Carlo: the seed; the same seed draws the same "
                        "cases on any number of ranks. Units: none.");
      for (unsigned int i = 1; i <= max_variables; ++i)
        {
          prm.declare_entry("Variable " + std::to_string(i),
                            "",
                            Patterns::Anything(),
                            "Monte Carlo: the path of uncertain parameter " +
                              std::to_string(i) +
                              " (e.g. Lesions/blastic lesion/Porosity, "
                              "Needle/Tip offset across trajectory, "
                              "Exit zones/defect/Center[1]); empty: none. "
                              "Units: none.");
          prm.declare_entry("Distribution " + std::to_string(i),
                            "",
                            Patterns::Anything(),
                            "Monte Carlo: the distribution of variable " +
                              std::to_string(i) +
                              ": uniform(a, b), normal(mean, sd), "
                              "lognormal(mu, sigma) of the logarithm, or "
                              "truncated normal(mean, sd, low, high). Units: "
                              "those of the parameter.");
        }
    }
    prm.leave_subsection();
  }



  void SweepParameters::parse(ParameterHandler &prm)
  {
    prm.enter_subsection("Sweep");
    type             = prm.get("Type");
    base_case        = prm.get("Base case");
    output_directory = prm.get("Output directory");
    ranks_per_case   = prm.get_integer("Ranks per case");
    pictures         = prm.get_bool("Pictures");
    settings.clear();
    for (const std::string &setting :
         Utilities::split_string_list(prm.get("Settings"), ';'))
      settings.push_back(setting);
    axes.clear();
    for (unsigned int i = 1; i <= max_axes; ++i)
      {
        const std::string path =
          Utilities::trim(prm.get("Parameter " + std::to_string(i)));
        if (path.empty())
          continue;
        const std::vector<std::string> values =
          Utilities::split_string_list(prm.get("Values " + std::to_string(i)),
                                       ';');
        AssertThrow(!values.empty(),
                    ExcMessage("Sweep/Values " + std::to_string(i) + ": axis " +
                               path + " has no values."));
        axes.emplace_back(path, values);
      }
    map_x   = prm.get_integer("Map x");
    map_y   = prm.get_integer("Map y");
    samples = prm.get_integer("Samples");
    seed    = prm.get_integer("Seed");
    variables.clear();
    for (unsigned int i = 1; i <= max_variables; ++i)
      {
        const std::string path =
          Utilities::trim(prm.get("Variable " + std::to_string(i)));
        if (path.empty())
          continue;
        variables.emplace_back(
          path, Distribution(prm.get("Distribution " + std::to_string(i))));
      }
    prm.leave_subsection();

    AssertThrow(type != "grid" || !axes.empty(),
                ExcMessage("Sweep: a grid needs at least Parameter 1 and "
                           "Values 1."));
    AssertThrow(type != "monte carlo" || !variables.empty(),
                ExcMessage("Sweep: a Monte Carlo ensemble needs at least "
                           "Variable 1 and Distribution 1."));
  }



  std::pair<double, double> wilson_interval(const unsigned int k,
                                            const unsigned int n)
  {
    if (n == 0)
      return {0., 1.};
    const double z = 1.959963984540054, p = static_cast<double>(k) / n;
    const double denominator = 1 + z * z / n;
    const double centre      = (p + z * z / (2 * n)) / denominator;
    const double half =
      z * std::sqrt(p * (1 - p) / n + z * z / (4. * n * n)) / denominator;
    return {std::max(0., centre - half), std::min(1., centre + half)};
  }



  namespace
  {
    // One case: its number, the values it sets, the overrides.
    struct SweepCase
    {
      unsigned int                                     number;
      std::vector<std::pair<std::string, std::string>> values;
      std::vector<std::string>                         overrides;
    };



    std::string case_folder(const SweepParameters &parameters,
                            const unsigned int     number)
    {
      return parameters.output_directory + "/case-" +
             Utilities::int_to_string(number, 4);
    }



    // The current value of parameter path "A/B/Entry" in prm.
    std::string value_of(ParameterHandler &prm, const std::string &path)
    {
      std::vector<std::string> parts;
      std::stringstream        splitter(path);
      for (std::string part; std::getline(splitter, part, '/');)
        parts.push_back(Utilities::trim(part));
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        prm.enter_subsection(parts[i]);
      const std::string value = prm.get(parts.back());
      for (unsigned int i = 0; i + 1 < parts.size(); ++i)
        prm.leave_subsection();
      return value;
    }



    // The overrides that set the given (path, value) pairs; a path ending
    // in [i] replaces the i-th number of a list taken from the base case.
    std::vector<std::string> overrides_for(
      const std::vector<std::pair<std::string, std::string>> &values,
      ParameterHandler                                       &base)
    {
      std::map<std::string, std::vector<std::string>> lists;
      std::vector<std::string>                        overrides;
      const std::regex component(R"(^(.*)\[(\d+)\]\s*$)");
      for (const auto &[path, value] : values)
        {
          std::smatch match;
          if (!std::regex_match(path, match, component))
            {
              overrides.push_back(path + "=" + value);
              continue;
            }
          const std::string list_path = Utilities::trim(match[1]);
          if (lists.count(list_path) == 0)
            lists[list_path] =
              Utilities::split_string_list(value_of(base, list_path), ',');
          const unsigned int index = std::stoi(match[2]);
          AssertThrow(index < lists[list_path].size(),
                      ExcMessage("Sweep: " + path + " asks for number " +
                                 std::to_string(index) + " of a list of " +
                                 std::to_string(lists[list_path].size()) +
                                 "."));
          lists[list_path][index] = value;
        }
      for (const auto &[path, list] : lists)
        {
          std::string joined;
          for (const std::string &item : list)
            joined += (joined.empty() ? "" : ", ") + item;
          overrides.push_back(path + "=" + joined);
        }
      return overrides;
    }



    std::vector<SweepCase> make_cases(const SweepParameters &parameters)
    {
      ParameterHandler base;
      read_case(parameters.base_case, parameters.settings, base);

      std::vector<SweepCase> cases;
      if (parameters.type == "grid")
        {
          // Every combination, the first axis varying slowest.
          unsigned int n_cases = 1;
          for (const auto &axis : parameters.axes)
            n_cases *= axis.second.size();
          for (unsigned int i = 0; i < n_cases; ++i)
            {
              SweepCase    c{i + 1, {}, {}};
              unsigned int rest = i;
              for (int a = parameters.axes.size() - 1; a >= 0; --a)
                {
                  const auto &axis = parameters.axes[a];
                  c.values.insert(c.values.begin(),
                                  {axis.first,
                                   Utilities::trim(
                                     axis.second[rest % axis.second.size()])});
                  rest /= axis.second.size();
                }
              cases.push_back(c);
            }
        }
      else
        for (unsigned int i = 0; i < parameters.samples; ++i)
          {
            // Each sample has its own generator, seeded by the sweep's seed
            // and its number: the same cases on any number of ranks, and
            // on a resumed run.
            std::seed_seq   seeds{static_cast<unsigned long>(parameters.seed),
                                static_cast<unsigned long>(i)};
            std::mt19937_64 generator(seeds);
            SweepCase       c{i + 1, {}, {}};
            for (const auto &[path, distribution] : parameters.variables)
              {
                std::ostringstream value;
                value << std::setprecision(12)
                      << distribution.sample(generator);
                c.values.emplace_back(path, value.str());
              }
            cases.push_back(c);
          }
      for (SweepCase &c : cases)
        {
          c.overrides = parameters.settings;
          for (const std::string &o : overrides_for(c.values, base))
            c.overrides.push_back(o);
        }
      return cases;
    }



    // The settings of a case as text: a finished case is only reused when
    // they are the same.
    std::string case_settings(const SweepParameters &parameters,
                              const SweepCase       &c)
    {
      std::ostringstream text;
      text << "base case: " << parameters.base_case << "\n";
      for (const std::string &o : c.overrides)
        text << "--set \"" << o << "\"\n";
      return text.str();
    }



    bool is_finished(const SweepParameters &parameters, const SweepCase &c)
    {
      const std::string folder = case_folder(parameters, c.number);
      std::ifstream     settings(folder + "/sweep-case.txt");
      std::stringstream text;
      text << settings.rdbuf();
      return settings.good() && text.str() == case_settings(parameters, c) &&
             std::filesystem::exists(folder + "/sweep-status.txt");
    }



    // Runs one case on the group's communicator and records its status.
    void run_case(const SweepParameters &parameters,
                  const SweepCase       &c,
                  const MPI_Comm         group)
    {
      const bool        root   = Utilities::MPI::this_mpi_process(group) == 0;
      const std::string folder = case_folder(parameters, c.number);
      if (root)
        {
          std::filesystem::remove_all(folder);
          Postprocess::create_directories(folder);
          Postprocess::write_file_atomically(folder + "/sweep-case.txt",
                                             case_settings(parameters, c));
        }
      MPI_Barrier(group);

      std::string              status    = "completed";
      std::vector<std::string> overrides = c.overrides;
      overrides.push_back("Output/Directory=" + folder);
      // A sweep resumes case by case, and a group that stopped on a signal
      // would leave the other groups waiting: signals end a sweep at once.
      overrides.push_back("Checkpoints/On signal=false");
      if (parameters.pictures)
        {
          // The picture needs the fields of the final state only.
          overrides.push_back("Output/Write fields=true");
          overrides.push_back("Output/Volume between outputs=1000");
        }
      try
        {
          ParameterHandler     prm;
          const CaseParameters case_parameters =
            read_case(parameters.base_case, overrides, prm);
          Simulator simulator(case_parameters,
                              documented_parameters(prm),
                              group,
                              false);
          simulator.run();
        }
      catch (const ExceptionBase &error)
        {
          std::ostringstream message;
          error.print_info(message);
          status = "input error: " + Utilities::trim(message.str());
        }
      catch (const InputError &error)
        {
          status = std::string("input error: ") + error.what();
        }
      catch (const SimulationError &error)
        {
          status = std::string("failed: ") + error.what();
        }
      if (root && parameters.pictures && status == "completed")
        make_run_pictures(folder, true);
      if (root)
        Postprocess::write_file_atomically(folder + "/sweep-status.txt",
                                           status + "\n");
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
    unsigned int write_summary(const SweepParameters        &parameters,
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

      unsigned int n_failed = 0;
      for (const SweepCase &c : cases)
        {
          const std::string folder = case_folder(parameters, c.number);
          std::ifstream     status_file(folder + "/sweep-status.txt");
          std::string       status;
          std::getline(status_file, status);
          if (status.empty())
            status = "not run";
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
          if (status != "completed")
            ++n_failed;
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
              << get("total_leaked_volume_mL") << " mL\n";
        }
      Postprocess::write_file_atomically(parameters.output_directory +
                                           "/summary.csv",
                                         csv.str());
      return n_failed;
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
  } // namespace



  unsigned int run_sweep(const SweepParameters &parameters,
                         const MPI_Comm         communicator)
  {
    const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(communicator);
    const unsigned int rank    = Utilities::MPI::this_mpi_process(communicator);
    AssertThrow(n_ranks % parameters.ranks_per_case == 0,
                ExcMessage("Sweep/Ranks per case (" +
                           std::to_string(parameters.ranks_per_case) +
                           ") must divide the number of MPI ranks (" +
                           std::to_string(n_ranks) + ")."));
    const std::vector<SweepCase> cases = make_cases(parameters);
    if (rank == 0)
      Postprocess::create_directories(parameters.output_directory);
    MPI_Barrier(communicator);

    // Groups of ranks_per_case ranks; case i goes to group i % n_groups.
    const unsigned int n_groups = n_ranks / parameters.ranks_per_case;
    const unsigned int group    = rank / parameters.ranks_per_case;
    MPI_Comm           group_communicator;
    MPI_Comm_split(communicator, group, rank, &group_communicator);
    const bool group_root =
      Utilities::MPI::this_mpi_process(group_communicator) == 0;

    if (rank == 0)
      std::cout << "Sweep (" << parameters.type << "): " << cases.size()
                << " cases, " << n_groups << " at a time on " << n_ranks
                << (n_ranks == 1 ? " rank" : " ranks") << ", in "
                << parameters.output_directory << std::endl;
    for (const SweepCase &c : cases)
      {
        if ((c.number - 1) % n_groups != group)
          continue;
        // Every rank of the group reads the same files, so they agree.
        if (is_finished(parameters, c))
          {
            if (group_root)
              std::cout << "case " << c.number << ": already done" << std::endl;
            continue;
          }
        run_case(parameters, c, group_communicator);
        if (group_root)
          {
            std::ifstream status(case_folder(parameters, c.number) +
                                 "/sweep-status.txt");
            std::string   text;
            std::getline(status, text);
            std::cout << "case " << c.number << "/" << cases.size() << ": "
                      << text << std::endl;
          }
      }
    MPI_Comm_free(&group_communicator);
    MPI_Barrier(communicator);

    unsigned int n_failed = 0;
    if (rank == 0)
      {
        std::ostringstream log;
        n_failed = write_summary(parameters, cases, log);
        if (parameters.type == "monte carlo")
          write_probabilities(parameters, cases, log);
        Postprocess::write_file_atomically(parameters.output_directory +
                                             "/sweep.log",
                                           log.str());
        std::cout << log.str();

        // The maps need python3 and matplotlib; without them the tables
        // stand alone.
        const std::string command = "/usr/bin/python3 " CEMENTFLOW_SOURCE_DIR
                                    "/postprocess/plots/sweep_plots.py \"" +
                                    parameters.output_directory + "\" " +
                                    std::to_string(parameters.map_x) + " " +
                                    std::to_string(parameters.map_y) + " > \"" +
                                    parameters.output_directory +
                                    "/plots.log\" 2>&1";
        if (std::system(command.c_str()) != 0)
          std::cout
            << "The plots could not be drawn (they need /usr/bin/python3 "
               "with matplotlib); see "
            << parameters.output_directory << "/plots.log." << std::endl;
        std::cout << "Summary: " << parameters.output_directory
                  << "/summary.csv; " << n_failed << " of " << cases.size()
                  << " cases failed." << std::endl;
      }
    return Utilities::MPI::max(n_failed, communicator);
  }
} // namespace cementflow
