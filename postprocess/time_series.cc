#include "time_series.h"

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace cementflow
{
  namespace Postprocess
  {
    void TimeSeries::declare_column(const std::string &name,
                                    const std::string &unit)
    {
      if (column_index.count(name) != 0)
        throw std::logic_error("Column <" + name + "> declared twice.");
      column_index[name] = headers.size();
      headers.push_back(unit.empty() ? name : name + " (" + unit + ")");
    }



    void TimeSeries::start_row()
    {
      rows.emplace_back(headers.size(),
                        std::numeric_limits<double>::quiet_NaN());
    }



    void TimeSeries::set(const std::string &name, const double value)
    {
      const auto column = column_index.find(name);
      if (column == column_index.end())
        throw std::logic_error("Column <" + name + "> was never declared.");
      if (rows.empty())
        throw std::logic_error("TimeSeries::set() before start_row().");
      rows.back()[column->second] = value;
    }



    unsigned int TimeSeries::n_rows() const
    {
      return rows.size();
    }



    double TimeSeries::get(const unsigned int row,
                           const std::string &name) const
    {
      return rows.at(row).at(column_index.at(name));
    }



    std::string TimeSeries::csv() const
    {
      std::ostringstream out;
      for (unsigned int c = 0; c < headers.size(); ++c)
        {
          // Quote headers: some contain commas inside zone names.
          out << '"' << headers[c] << '"'
              << (c + 1 < headers.size() ? "," : "\n");
        }
      out << std::setprecision(12);
      for (const std::vector<double> &row : rows)
        for (unsigned int c = 0; c < row.size(); ++c)
          {
            if (!std::isnan(row[c]))
              out << row[c];
            out << (c + 1 < row.size() ? "," : "\n");
          }
      return out.str();
    }
  } // namespace Postprocess
} // namespace cementflow
