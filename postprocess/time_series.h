#ifndef cementflow_postprocess_time_series_h
#define cementflow_postprocess_time_series_h

#include <boost/serialization/map.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <map>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * One row per time step, one column per quantity; every column header
     * carries its unit, as "injected volume (mL)". Written as CSV.
     */
    class TimeSeries
    {
    public:
      /** Declares a column; columns print in the order declared. */
      void declare_column(const std::string &name, const std::string &unit);

      /** Sets a value of the current (last started) row. */
      void set(const std::string &name, const double value);

      /** Starts a new row; unset values print as empty fields. */
      void start_row();

      unsigned int n_rows() const;

      /** Value of column @p name in row @p row. */
      double get(const unsigned int row, const std::string &name) const;

      std::string csv() const;

      /** Whether @p other has the same columns, in the same order. */
      bool same_columns(const TimeSeries &other) const
      {
        return headers == other.headers;
      }

      /** For checkpoints. */
      template <class Archive>
      void serialize(Archive &archive, const unsigned int)
      {
        archive &headers &column_index &rows;
      }

    private:
      std::vector<std::string>            headers;
      std::map<std::string, unsigned int> column_index;
      std::vector<std::vector<double>>    rows;
    };
  } // namespace Postprocess
} // namespace cementflow

#endif
