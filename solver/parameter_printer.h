#ifndef cementflow_parameter_printer_h
#define cementflow_parameter_printer_h

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace cementflow
{
  /**
   * Prints all parameters in deal.II's .prm format, in declaration order,
   * with each entry preceded by comments giving its meaning and unit (the
   * documentation string), the values it allows and its default. The output
   * is itself a valid parameter file: `cementflow parameters` prints it for
   * the defaults (params/reference.prm), and every run writes it with the
   * values used as parameters.prm.
   */
  std::string documented_parameters(const dealii::ParameterHandler &prm);

  /**
   * The documentation string of the entry at @p path ("Subsection/Entry"),
   * or "" if there is no such entry.
   */
  std::string parameter_documentation(const dealii::ParameterHandler &prm,
                                      const std::string              &path);
} // namespace cementflow

#endif
