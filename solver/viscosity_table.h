#ifndef cementflow_viscosity_table_h
#define cementflow_viscosity_table_h

#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  /**
   * Reads rheometer data from a CSV file: time after mixing (min) and
   * viscosity (Pa s), one row per line, times strictly increasing,
   * viscosities positive; a first line that is not two numbers is taken as
   * a header. Throws, naming the file and line, for a missing file, a
   * malformed row or fewer than two rows.
   */
  std::vector<std::pair<double, double>>
  read_viscosity_table(const std::string &path);
} // namespace cementflow

#endif
