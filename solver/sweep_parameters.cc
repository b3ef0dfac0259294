#include "sweep.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

#include <cmath>
#include <regex>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    constexpr unsigned int max_axes      = 4;
    constexpr unsigned int max_variables = 24;
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
                        "The parameter file every case starts from; a "
                        "relative path is looked for in the working "
                        "directory, then beside the sweep file. Empty: the "
                        "built-in default case. Units: none.");
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
    // Exactly 0 and 1 at the ends, which round-off would miss by 1e-18.
    return {k == 0 ? 0. : std::max(0., centre - half),
            k == n ? 1. : std::min(1., centre + half)};
  }
} // namespace cementflow
