#include "parameter_tools.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/utilities.h>

#include <algorithm>
#include <sstream>

namespace cementflow
{
  namespace ParameterTools
  {
    using namespace dealii;

    Patterns::List point_pattern()
    {
      return Patterns::List(Patterns::Double(), 3, 3, ",");
    }



    Point<3> get_point(const ParameterHandler &prm,
                       const std::string      &entry,
                       const double            unit)
    {
      const std::vector<double> values = Utilities::string_to_double(
        Utilities::split_string_list(prm.get(entry)));
      // The pattern already guarantees three numbers.
      return Point<3>(values[0] * unit, values[1] * unit, values[2] * unit);
    }



    std::string point_to_string(const Point<3> &point)
    {
      std::ostringstream out;
      out << point[0] << ", " << point[1] << ", " << point[2];
      return out.str();
    }



    Patterns::List names_pattern()
    {
      return Patterns::List(Patterns::Anything(),
                            0,
                            Patterns::List::max_int_value,
                            ",");
    }



    std::vector<std::string> split_names(const std::string &list,
                                         const std::string &what)
    {
      std::vector<std::string> names = Utilities::split_string_list(list);
      names.erase(std::remove(names.begin(), names.end(), std::string()),
                  names.end());
      for (unsigned int i = 0; i < names.size(); ++i)
        for (unsigned int j = i + 1; j < names.size(); ++j)
          AssertThrow(names[i] != names[j],
                      ExcMessage(
                        what + ": the name <" + names[i] +
                        "> appears twice; every name must be unique."));
      return names;
    }



    void declare_name_list(ParameterHandler  &prm,
                           const std::string &subsection,
                           const std::string &default_names,
                           const std::string &documentation)
    {
      prm.enter_subsection(subsection);
      prm.declare_entry("Names", default_names, names_pattern(), documentation);
      prm.leave_subsection();
    }



    std::vector<std::string> get_name_list(ParameterHandler  &prm,
                                           const std::string &subsection)
    {
      prm.enter_subsection(subsection);
      const std::vector<std::string> names =
        split_names(prm.get("Names"), subsection + "/Names");
      prm.leave_subsection();
      return names;
    }
  } // namespace ParameterTools
} // namespace cementflow
