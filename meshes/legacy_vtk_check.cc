#include "legacy_vtk_check.h"

#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    namespace
    {
      // The tokens of a legacy file after its header, read front to back.
      class Tokens
      {
      public:
        explicit Tokens(const std::string &body)
        {
          std::istringstream stream(body);
          for (std::string token; stream >> token;)
            tokens.push_back(token);
        }

        bool done() const
        {
          return next == tokens.size();
        }

        // The next token, or "" at the end.
        std::string word()
        {
          return done() ? std::string() : tokens[next++];
        }

        // Reads a count (a non-negative integer); false if there is none.
        bool count(long &value)
        {
          const std::string text = word();
          char             *end  = nullptr;
          value                  = std::strtol(text.c_str(), &end, 10);
          return !text.empty() && *end == '\0' && value >= 0;
        }

        // Skips @p n finite numbers; says what is missing otherwise.
        std::string numbers(const long n, const std::string &section)
        {
          for (long i = 0; i < n; ++i)
            {
              if (done())
                return section + " announces " + std::to_string(n) +
                       " numbers but the file ends after " + std::to_string(i) +
                       " (truncated?)";
              const std::string text  = word();
              char             *end   = nullptr;
              const double      value = std::strtod(text.c_str(), &end);
              if (text.empty() || *end != '\0' || !std::isfinite(value))
                return section + ": \"" + text +
                       "\" is not a finite number (number " +
                       std::to_string(i + 1) + " of " + std::to_string(n) + ")";
            }
          return "";
        }

        // Reads @p n point indices below @p n_points.
        std::string indices(const long               n,
                            const long               n_points,
                            const std::string       &section,
                            std::vector<long> *const values = nullptr)
        {
          for (long i = 0; i < n; ++i)
            {
              long index;
              if (done())
                return section + " announces " + std::to_string(n) +
                       " integers but the file ends after " +
                       std::to_string(i) + " (truncated?)";
              if (!count(index) || (n_points >= 0 && index >= n_points))
                return section + ": entry " + std::to_string(i + 1) +
                       " is not a point index from 0 to " +
                       std::to_string(n_points - 1);
              if (values != nullptr)
                values->push_back(index);
            }
          return "";
        }

        std::vector<std::string> tokens;
        std::size_t              next = 0;
      };

      const std::set<std::string> cell_sections = {"VERTICES",
                                                   "LINES",
                                                   "POLYGONS",
                                                   "TRIANGLE_STRIPS"};

      // A cell list: "n size" then either size integers of counted cells
      // (version 4) or OFFSETS and CONNECTIVITY arrays (version 5).
      std::string
      cell_list(Tokens &tokens, const std::string &name, const long n_points)
      {
        long n, size;
        if (!tokens.count(n) || !tokens.count(size))
          return name + " needs two counts (cells and size)";
        const std::string section =
          name + " " + std::to_string(n) + " " + std::to_string(size);
        if (!tokens.done() && tokens.tokens[tokens.next] == "OFFSETS")
          {
            tokens.word();
            tokens.word(); // the type
            std::vector<long> offsets;
            if (const std::string problem =
                  tokens.indices(n, -1, section + " OFFSETS", &offsets);
                !problem.empty())
              return problem;
            for (std::size_t i = 1; i < offsets.size(); ++i)
              if (offsets[i] < offsets[i - 1])
                return section + ": the offsets decrease";
            if (!offsets.empty() && offsets.back() != size)
              return section + ": the last offset is not " +
                     std::to_string(size);
            if (tokens.word() != "CONNECTIVITY")
              return section + ": CONNECTIVITY is missing after OFFSETS";
            tokens.word(); // the type
            return tokens.indices(size, n_points, section + " CONNECTIVITY");
          }
        long used = 0;
        for (long cell = 0; cell < n; ++cell)
          {
            long points;
            if (tokens.done())
              return section + " announces " + std::to_string(n) +
                     " cells but the file ends after " + std::to_string(cell) +
                     " (truncated?)";
            if (!tokens.count(points))
              return section + ": cell " + std::to_string(cell + 1) +
                     " does not start with its number of points";
            if (const std::string problem =
                  tokens.indices(points, n_points, section);
                !problem.empty())
              return problem;
            used += points + 1;
          }
        return used == size ?
                 "" :
                 section + ": the cells hold " + std::to_string(used) +
                   " integers, not " + std::to_string(size);
      }

      // The arrays of a POINT_DATA or CELL_DATA section of @p n tuples,
      // up to the next section.
      std::string attributes(Tokens &tokens, const long n)
      {
        while (!tokens.done())
          {
            const std::string keyword = tokens.tokens[tokens.next];
            if (keyword == "POINT_DATA" || keyword == "CELL_DATA" ||
                keyword == "METADATA")
              return "";
            tokens.word();
            std::string problem;
            if (keyword == "SCALARS")
              {
                const std::string name = tokens.word();
                tokens.word(); // the type
                long components = 1;
                if (!tokens.done() &&
                    tokens.tokens[tokens.next] != "LOOKUP_TABLE" &&
                    !tokens.count(components))
                  return "SCALARS " + name + ": bad number of components";
                if (!tokens.done() &&
                    tokens.tokens[tokens.next] == "LOOKUP_TABLE")
                  {
                    tokens.word();
                    tokens.word();
                  }
                problem = tokens.numbers(n * components, "SCALARS " + name);
              }
            else if (keyword == "VECTORS" || keyword == "NORMALS" ||
                     keyword == "TENSORS")
              {
                const std::string name = tokens.word();
                tokens.word();
                problem = tokens.numbers(n * (keyword == "TENSORS" ? 9 : 3),
                                         keyword + " " + name);
              }
            else if (keyword == "TEXTURE_COORDINATES")
              {
                const std::string name = tokens.word();
                long              dimension;
                if (!tokens.count(dimension))
                  return keyword + " " + name + ": bad dimension";
                tokens.word();
                problem = tokens.numbers(n * dimension, keyword + " " + name);
              }
            else if (keyword == "LOOKUP_TABLE")
              {
                const std::string name = tokens.word();
                long              size;
                if (!tokens.count(size))
                  return "LOOKUP_TABLE " + name + ": bad size";
                problem = tokens.numbers(4 * size, "LOOKUP_TABLE " + name);
              }
            else if (keyword == "FIELD")
              {
                const std::string name = tokens.word();
                long              n_arrays;
                if (!tokens.count(n_arrays))
                  return "FIELD " + name + ": bad number of arrays";
                for (long a = 0; a < n_arrays && problem.empty(); ++a)
                  {
                    const std::string array = tokens.word();
                    long              components, tuples;
                    if (!tokens.count(components) || !tokens.count(tuples))
                      return "FIELD " + name + ", array " + array +
                             ": bad counts";
                    tokens.word();
                    if (!tokens.done() &&
                        tokens.tokens[tokens.next] == "METADATA")
                      return "";
                    problem = tokens.numbers(components * tuples,
                                             "FIELD array " + array);
                  }
              }
            else
              return "unknown attribute keyword \"" + keyword + "\"";
            if (!problem.empty())
              return problem;
          }
        return "";
      }
    } // namespace



    std::string legacy_vtk_polydata_problem(const std::string &text)
    {
      std::istringstream lines(text);
      std::string        version, title, format, dataset;
      std::getline(lines, version);
      std::getline(lines, title);
      std::getline(lines, format);
      if (version.rfind("# vtk DataFile Version", 0) != 0)
        return "its first line is not \"# vtk DataFile Version ...\"";
      if (format.find("BINARY") == 0)
        return "";
      if (format.find("ASCII") != 0)
        return "its third line is neither ASCII nor BINARY";
      std::getline(lines, dataset);
      while (dataset.find_first_not_of(" \t\r") == std::string::npos &&
             std::getline(lines, dataset))
        ;
      if (dataset.find("DATASET POLYDATA") != 0)
        return "it is not polydata (DATASET POLYDATA on its fourth line)";

      std::ostringstream rest;
      rest << lines.rdbuf();
      Tokens tokens(rest.str());
      long   n_points = -1;
      while (!tokens.done())
        {
          const std::string keyword = tokens.word();
          std::string       problem;
          if (keyword == "POINTS")
            {
              if (!tokens.count(n_points))
                return "POINTS needs a count";
              tokens.word(); // the type
              problem = tokens.numbers(3 * n_points,
                                       "POINTS " + std::to_string(n_points));
            }
          else if (cell_sections.count(keyword) > 0)
            {
              if (n_points < 0)
                return keyword + " comes before POINTS";
              problem = cell_list(tokens, keyword, n_points);
            }
          else if (keyword == "POINT_DATA" || keyword == "CELL_DATA")
            {
              long n;
              if (!tokens.count(n))
                return keyword + " needs a count";
              problem = attributes(tokens, n);
            }
          else if (keyword == "METADATA")
            return "";
          else if (keyword == "FIELD")
            return ""; // field data of the whole set: left to VTK
          else
            return "unknown section \"" + keyword + "\"";
          if (!problem.empty())
            return problem;
        }
      return n_points < 0 ? "it has no POINTS" : "";
    }
  } // namespace Meshes
} // namespace cementflow
