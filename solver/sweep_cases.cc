#include "sweep_cases.h"

#include "case_parameters.h"
#include "parameter_printer.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/utilities.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <random>
#include <regex>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
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
  } // namespace



  std::string case_folder(const SweepParameters &parameters,
                          const unsigned int     number)
  {
    return parameters.output_directory + "/case-" +
           Utilities::int_to_string(number, 4);
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
              value << std::setprecision(12) << distribution.sample(generator);
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



  bool holds_case(const SweepParameters &parameters, const SweepCase &c)
  {
    std::ifstream     settings(case_folder(parameters, c.number) +
                           "/sweep-case.txt");
    std::stringstream text;
    text << settings.rdbuf();
    return settings.good() && text.str() == case_settings(parameters, c);
  }



  bool is_finished(const SweepParameters &parameters, const SweepCase &c)
  {
    return holds_case(parameters, c) &&
           std::filesystem::exists(case_folder(parameters, c.number) +
                                   "/sweep-status.txt");
  }



  std::string recorded_status(const SweepParameters &parameters,
                              const SweepCase       &c)
  {
    std::ifstream file(case_folder(parameters, c.number) + "/sweep-status.txt");
    std::string   status;
    std::getline(file, status);
    return status;
  }



  std::string summary_status(const SweepParameters &parameters,
                             const SweepCase       &c)
  {
    if (!holds_case(parameters, c))
      return "not run";
    if (is_finished(parameters, c))
      return recorded_status(parameters, c);
    const std::string folder = case_folder(parameters, c.number);
    if (std::filesystem::exists(folder + "/checkpoint") ||
        std::filesystem::exists(folder + "/checkpoint-old"))
      return "stopped on a signal, with a checkpoint; run the sweep again to "
             "resume it";
    return "interrupted: the process ended while this case ran (killed, out "
           "of memory or crashed); run the sweep again to redo it";
  }



  std::vector<std::string> parameter_units(const SweepParameters &parameters)
  {
    ParameterHandler base;
    read_case(parameters.base_case, parameters.settings, base);
    std::vector<std::string> paths;
    for (const auto &axis : parameters.axes)
      paths.push_back(axis.first);
    for (const auto &variable : parameters.variables)
      paths.push_back(variable.first);

    const std::regex         component(R"(\s*\[\d+\]\s*$)");
    const std::regex         unit(R"(Units: ([^.]*)\.\s*$)");
    std::vector<std::string> units;
    for (const std::string &path : paths)
      {
        const std::string documentation =
          parameter_documentation(base,
                                  std::regex_replace(path, component, ""));
        std::smatch match;
        const bool  has_unit   = std::regex_search(documentation, match, unit);
        const std::string name = has_unit ? Utilities::trim(match[1]) : "";
        units.push_back(name == "none" ? "" : name);
      }
    return units;
  }
} // namespace cementflow
