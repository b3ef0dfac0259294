#include "parameter_printer.h"

#include <deal.II/base/utilities.h>

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <cctype>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  namespace
  {
    // deal.II writes names with every character other than letters and
    // digits as "_" followed by two hex digits.
    std::string demangle(const std::string &name)
    {
      std::string result;
      for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == '_' && i + 2 < name.size() &&
            std::isxdigit(static_cast<unsigned char>(name[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(name[i + 2])))
          {
            result +=
              static_cast<char>(std::stoi(name.substr(i + 1, 2), nullptr, 16));
            i += 2;
          }
        else
          result += name[i];
      return result;
    }



    // Breaks text into comment lines of at most 76 characters.
    void print_comment(std::ostream      &out,
                       const std::string &indent,
                       const std::string &text)
    {
      std::istringstream words(text);
      std::string        line, word;
      while (words >> word)
        {
          if (!line.empty() && line.size() + 1 + word.size() > 76)
            {
              out << indent << "# " << line << '\n';
              line.clear();
            }
          line += (line.empty() ? "" : " ") + word;
        }
      if (!line.empty())
        out << indent << "# " << line << '\n';
    }



    void print_subsection(std::ostream                      &out,
                          const boost::property_tree::ptree &tree,
                          const unsigned int                 depth)
    {
      const std::string indent(2 * depth, ' ');
      bool              first = true;
      for (const auto &[key, node] : tree)
        {
          if (node.get_child_optional("value"))
            {
              if (!first)
                out << '\n';
              first = false;
              print_comment(out,
                            indent,
                            node.get<std::string>("documentation", ""));
              print_comment(out,
                            indent,
                            "Allowed: " +
                              node.get<std::string>("pattern_description", ""));
              print_comment(out,
                            indent,
                            "Default: " +
                              node.get<std::string>("default_value", ""));
              out << indent << "set " << demangle(key) << " = "
                  << node.get<std::string>("value") << '\n';
            }
          else if (!node.get_child_optional("alias"))
            {
              out << (first ? "" : "\n") << indent << "subsection "
                  << demangle(key) << '\n';
              first = false;
              print_subsection(out, node, depth + 1);
              out << indent << "end\n";
            }
        }
    }
  } // namespace



  namespace
  {
    boost::property_tree::ptree parameter_tree(const ParameterHandler &prm)
    {
      std::ostringstream json;
      prm.print_parameters(json,
                           ParameterHandler::OutputStyle(
                             ParameterHandler::JSON |
                             ParameterHandler::KeepDeclarationOrder));
      boost::property_tree::ptree tree;
      std::istringstream          input(json.str());
      boost::property_tree::read_json(input, tree);
      return tree;
    }
  } // namespace



  std::string parameter_documentation(const ParameterHandler &prm,
                                      const std::string      &path)
  {
    const boost::property_tree::ptree  tree = parameter_tree(prm);
    const boost::property_tree::ptree *node = &tree;
    std::stringstream                  parts(path);
    for (std::string part; node != nullptr && std::getline(parts, part, '/');)
      {
        const boost::property_tree::ptree *child = nullptr;
        for (const auto &[key, value] : *node)
          if (demangle(key) == Utilities::trim(part))
            child = &value;
        node = child;
      }
    return node == nullptr ? "" : node->get<std::string>("documentation", "");
  }



  std::string documented_parameters(const ParameterHandler &prm)
  {
    const boost::property_tree::ptree tree = parameter_tree(prm);

    std::ostringstream out;
    print_subsection(out, tree, 0);
    return out.str();
  }
} // namespace cementflow
