#include "viscosity_table.h"

#include <deal.II/base/exceptions.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  std::vector<std::pair<double, double>>
  read_viscosity_table(const std::string &path)
  {
    std::ifstream file(path);
    AssertThrow(file.good(),
                ExcMessage("The viscosity table <" + path +
                           "> does not exist or cannot be read."));
    std::vector<std::pair<double, double>> table;
    std::string                            line;
    for (unsigned int number = 1; std::getline(file, line); ++number)
      {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
          continue;
        for (char &c : line)
          if (c == ',' || c == ';' || c == '\t')
            c = ' ';
        std::istringstream fields(line);
        double             time, viscosity;
        std::string        rest;
        const bool numbers = static_cast<bool>(fields >> time >> viscosity);
        if (!numbers && number == 1)
          continue; // a header
        AssertThrow(numbers && !(fields >> rest),
                    ExcMessage("Line " + std::to_string(number) + " of <" +
                               path +
                               "> is not two numbers (time in min, viscosity "
                               "in Pa s)."));
        AssertThrow(std::isfinite(time) && std::isfinite(viscosity),
                    ExcMessage("Line " + std::to_string(number) + " of <" +
                               path +
                               "> holds a value that is not finite "
                               "(NaN or infinity)."));
        AssertThrow(viscosity > 0,
                    ExcMessage("Line " + std::to_string(number) + " of <" +
                               path + ">: the viscosity must be positive."));
        AssertThrow(table.empty() || time > table.back().first,
                    ExcMessage("Line " + std::to_string(number) + " of <" +
                               path + ">: times must increase."));
        table.emplace_back(time, viscosity);
      }
    AssertThrow(table.size() >= 2,
                ExcMessage("The viscosity table <" + path +
                           "> needs at least two rows."));
    return table;
  }
} // namespace cementflow
