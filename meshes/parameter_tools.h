#ifndef cementflow_meshes_parameter_tools_h
#define cementflow_meshes_parameter_tools_h

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <string>
#include <vector>

namespace cementflow
{
  /**
   * Small helpers shared by the Parameters structs: points written as
   * "x, y, z" and lists of names that open one subsection each.
   */
  namespace ParameterTools
  {
    /** The pattern of a point "x, y, z". */
    dealii::Patterns::List point_pattern();

    /**
     * Reads entry @p entry of the current subsection as a point and scales it
     * by @p unit (for example 1e-3 to turn millimetres into metres).
     */
    dealii::Point<3> get_point(const dealii::ParameterHandler &prm,
                               const std::string              &entry,
                               const double                    unit = 1.);

    /** Writes a point as "x, y, z" for a default value. */
    std::string point_to_string(const dealii::Point<3> &point);

    /** The pattern of a comma-separated list of names. */
    dealii::Patterns::List names_pattern();

    /**
     * Splits a comma-separated list of names, and throws naming @p what if a
     * name is repeated.
     */
    std::vector<std::string> split_names(const std::string &list,
                                         const std::string &what);

    /**
     * Declares the entry "Names" of @p subsection: the comma-separated names
     * of a list of items, each of which opens a subsection of its own.
     */
    void declare_name_list(dealii::ParameterHandler &prm,
                           const std::string        &subsection,
                           const std::string        &default_names,
                           const std::string        &documentation);

    /** Reads the names declared by declare_name_list(). */
    std::vector<std::string> get_name_list(dealii::ParameterHandler &prm,
                                           const std::string &subsection);

    /**
     * Declares one subsection of @p subsection per name, whose entries
     * Item::declare(prm, name) declares.
     */
    template <typename Item>
    void declare_named_items(dealii::ParameterHandler       &prm,
                             const std::string              &subsection,
                             const std::vector<std::string> &names)
    {
      prm.enter_subsection(subsection);
      for (const std::string &name : names)
        Item::declare(prm, name);
      prm.leave_subsection();
    }

    /** Parses every listed item with Item::parse(prm, name). */
    template <typename Item>
    std::vector<Item> parse_named_items(dealii::ParameterHandler &prm,
                                        const std::string        &subsection)
    {
      const std::vector<std::string> names = get_name_list(prm, subsection);
      std::vector<Item>              items(names.size());
      prm.enter_subsection(subsection);
      for (unsigned int i = 0; i < names.size(); ++i)
        items[i].parse(prm, names[i]);
      prm.leave_subsection();
      return items;
    }
  } // namespace ParameterTools
} // namespace cementflow

#endif
