#include "atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace cementflow
{
  namespace Postprocess
  {
    std::string temporary_name(const std::string &path)
    {
      return path + ".tmp";
    }



    void rename_file(const std::string &from, const std::string &to)
    {
      if (std::rename(from.c_str(), to.c_str()) != 0)
        throw std::runtime_error("Could not rename <" + from + "> to <" + to +
                                 ">: " + std::strerror(errno));
    }



    void write_file_atomically(const std::string &path,
                               const std::string &content)
    {
      const std::string temporary = temporary_name(path);
      {
        std::ofstream out(temporary, std::ios::binary);
        out << content;
        out.flush();
        if (!out)
          throw std::runtime_error("Could not write the file <" + temporary +
                                   ">: is the output directory writable and "
                                   "the disk not full?");
      }
      rename_file(temporary, path);
    }



    void create_directories(const std::string &directory)
    {
      std::error_code error;
      std::filesystem::create_directories(directory, error);
      if (error)
        throw std::runtime_error("Could not create the output directory <" +
                                 directory + ">: " + error.message());
    }
  } // namespace Postprocess
} // namespace cementflow
