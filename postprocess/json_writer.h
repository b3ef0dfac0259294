#ifndef cementflow_postprocess_json_writer_h
#define cementflow_postprocess_json_writer_h

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * A JSON object whose keys keep the order in which they were added, so
     * that reports read in a stable order. Values are numbers, strings,
     * booleans or nested objects.
     */
    class JsonObject
    {
    public:
      JsonObject &add(const std::string &key, const double value);
      JsonObject &add(const std::string &key, const long long value);
      JsonObject &add(const std::string &key, const unsigned int value);
      JsonObject &add(const std::string &key, const int value);
      JsonObject &add(const std::string &key, const bool value);
      JsonObject &add(const std::string &key, const std::string &value);
      JsonObject &add(const std::string &key, const char *value);
      JsonObject &add(const std::string &key, const JsonObject &value);

      /** Indented text of the object. */
      std::string str(const unsigned int indent = 0) const;

      /** A JSON string literal with the necessary escapes. */
      static std::string quote(const std::string &text);

    private:
      // Each value is stored already serialised; nested objects are
      // serialised when the parent is printed, to get the indentation right.
      std::vector<std::pair<std::string, std::string>>                 scalars;
      std::vector<std::pair<std::string, std::shared_ptr<JsonObject>>> objects;
      std::vector<std::pair<bool, unsigned int>>                       order;
    };
  } // namespace Postprocess
} // namespace cementflow

#endif
