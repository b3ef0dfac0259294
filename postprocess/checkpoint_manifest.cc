#include "checkpoint_manifest.h"

#include "atomic_file.h"

#include <boost/crc.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    namespace
    {
      const std::string manifest_name = "manifest";
      // Written after the manifest; not part of what it checks.
      const std::string marker_name = "complete";

      struct FileRecord
      {
        std::uintmax_t size;
        std::uint32_t  crc;
      };

      std::uint32_t crc_of(const std::filesystem::path &path)
      {
        std::ifstream      file(path, std::ios::binary);
        boost::crc_32_type crc;
        std::vector<char>  buffer(1 << 20);
        while (file.read(buffer.data(), buffer.size()) || file.gcount() > 0)
          crc.process_bytes(buffer.data(), file.gcount());
        return crc.checksum();
      }

      // The files the manifest covers: every regular file but itself and
      // the marker, by name.
      std::map<std::string, std::filesystem::path>
      covered_files(const std::string &folder)
      {
        std::map<std::string, std::filesystem::path> files;
        for (const auto &entry : std::filesystem::directory_iterator(folder))
          {
            const std::string name = entry.path().filename().string();
            if (entry.is_regular_file() && name != manifest_name &&
                name != marker_name)
              files[name] = entry.path();
          }
        return files;
      }
    } // namespace



    void write_checkpoint_manifest(const std::string &folder,
                                   const std::string &version)
    {
      std::ostringstream text;
      text << "cementflow checkpoint format " << checkpoint_format << '\n'
           << "version " << version << '\n';
      for (const auto &[name, path] : covered_files(folder))
        text << "file " << std::filesystem::file_size(path) << ' ' << std::hex
             << std::setw(8) << std::setfill('0') << crc_of(path) << std::dec
             << ' ' << name << '\n';
      write_file_atomically(folder + "/" + manifest_name, text.str());
    }



    std::string checkpoint_problem(const std::string &folder,
                                   const std::string &version)
    {
      std::ifstream manifest(folder + "/" + manifest_name);
      if (!manifest)
        return "it has no manifest: it was written by a cementflow older "
               "than checkpoint format " +
               std::to_string(checkpoint_format) + ", or the folder is damaged";
      std::string  line;
      unsigned int format = 0;
      std::getline(manifest, line);
      if (std::sscanf(line.c_str(),
                      "cementflow checkpoint format %u",
                      &format) != 1)
        return "its manifest is not one cementflow writes";
      if (format != checkpoint_format)
        return "it has checkpoint format " + std::to_string(format) +
               "; this cementflow reads format " +
               std::to_string(checkpoint_format) + " only";
      std::getline(manifest, line);
      if (line != "version " + version)
        return "it was written by cementflow " +
               (line.rfind("version ", 0) == 0 ? line.substr(8) : line) +
               ", this is " + version;

      std::map<std::string, FileRecord> listed;
      while (std::getline(manifest, line))
        {
          std::istringstream fields(line);
          std::string        word, name;
          FileRecord         record;
          if (!(fields >> word >> record.size >> std::hex >> record.crc >>
                std::dec >> name) ||
              word != "file")
            return "its manifest has a damaged line: \"" + line + "\"";
          listed[name] = record;
        }
      const auto present = covered_files(folder);
      for (const auto &[name, record] : listed)
        {
          const auto file = present.find(name);
          if (file == present.end())
            return "its file " + name + " is missing";
          if (std::filesystem::file_size(file->second) != record.size)
            return "its file " + name + " has " +
                   std::to_string(std::filesystem::file_size(file->second)) +
                   " bytes instead of " + std::to_string(record.size) +
                   " (truncated or modified)";
          if (crc_of(file->second) != record.crc)
            return "its file " + name +
                   " does not match its checksum (modified or corrupt)";
        }
      for (const auto &[name, path] : present)
        if (listed.count(name) == 0)
          return "it holds a file the manifest does not list: " + name;
      return "";
    }
  } // namespace Postprocess
} // namespace cementflow
