#include "json_writer.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace cementflow
{
  namespace Postprocess
  {
    JsonObject &JsonObject::add(const std::string &key, const double value)
    {
      std::ostringstream text;
      if (std::isfinite(value))
        text << std::setprecision(10) << value;
      else
        text << "null"; // JSON has no NaN or infinity
      scalars.emplace_back(key, text.str());
      order.emplace_back(false, scalars.size() - 1);
      return *this;
    }



    JsonObject &JsonObject::add(const std::string &key, const long long value)
    {
      scalars.emplace_back(key, std::to_string(value));
      order.emplace_back(false, scalars.size() - 1);
      return *this;
    }



    JsonObject &JsonObject::add(const std::string &key,
                                const unsigned int value)
    {
      return add(key, static_cast<long long>(value));
    }



    JsonObject &JsonObject::add(const std::string &key, const int value)
    {
      return add(key, static_cast<long long>(value));
    }



    JsonObject &JsonObject::add(const std::string &key, const bool value)
    {
      scalars.emplace_back(key, value ? "true" : "false");
      order.emplace_back(false, scalars.size() - 1);
      return *this;
    }



    JsonObject &JsonObject::add(const std::string &key,
                                const std::string &value)
    {
      scalars.emplace_back(key, quote(value));
      order.emplace_back(false, scalars.size() - 1);
      return *this;
    }



    JsonObject &JsonObject::add(const std::string &key, const char *value)
    {
      return add(key, std::string(value));
    }



    JsonObject &JsonObject::add(const std::string &key, const JsonObject &value)
    {
      objects.emplace_back(key, std::make_shared<JsonObject>(value));
      order.emplace_back(true, objects.size() - 1);
      return *this;
    }



    std::string JsonObject::quote(const std::string &text)
    {
      std::ostringstream out;
      out << '"';
      for (const char c : text)
        switch (c)
          {
            case '"':
              out << "\\\"";
              break;
            case '\\':
              out << "\\\\";
              break;
            case '\n':
              out << "\\n";
              break;
            case '\t':
              out << "\\t";
              break;
            default:
              if (static_cast<unsigned char>(c) < 0x20)
                out << "\\u" << std::hex << std::setw(4) << std::setfill('0')
                    << static_cast<int>(c) << std::dec;
              else
                out << c;
          }
      out << '"';
      return out.str();
    }



    std::string JsonObject::str(const unsigned int indent) const
    {
      if (order.empty())
        return "{}";
      const std::string  pad(indent + 2, ' ');
      std::ostringstream out;
      out << "{\n";
      for (unsigned int i = 0; i < order.size(); ++i)
        {
          const auto [is_object, index] = order[i];
          if (is_object)
            out << pad << quote(objects[index].first) << ": "
                << objects[index].second->str(indent + 2);
          else
            out << pad << quote(scalars[index].first) << ": "
                << scalars[index].second;
          out << (i + 1 < order.size() ? ",\n" : "\n");
        }
      out << std::string(indent, ' ') << '}';
      return out.str();
    }
  } // namespace Postprocess
} // namespace cementflow
