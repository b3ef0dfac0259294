#include "atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>

#include <mpi.h>

namespace cementflow
{
  namespace Postprocess
  {
    std::string temporary_name(const std::string &path)
    {
      return path + ".tmp";
    }



    void print_output_failure(const std::string &message)
    {
      int initialised = 0, rank = 0;
      MPI_Initialized(&initialised);
      if (initialised)
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
      std::cerr << "cementflow: the output could not be written (rank " << rank
                << "):\n    " << message
                << "\n    The outputs written before are complete."
                << std::endl;
    }



    namespace
    {
      std::map<const void *, std::function<void()>> &abort_actions()
      {
        static std::map<const void *, std::function<void()>> actions;
        return actions;
      }
    } // namespace



    void before_output_abort(const void *owner, std::function<void()> action)
    {
      if (action)
        abort_actions()[owner] = std::move(action);
      else
        abort_actions().erase(owner);
    }



    void fail_output(const std::string &message)
    {
      int initialised = 0, n_ranks = 1;
      MPI_Initialized(&initialised);
      if (initialised)
        MPI_Comm_size(MPI_COMM_WORLD, &n_ranks);
      // An abort action that fails itself just gives up.
      static bool aborting = false;
      if (n_ranks > 1 && !aborting)
        {
          aborting = true;
          print_output_failure(message);
          for (const auto &[owner, action] : abort_actions())
            try
              {
                action();
              }
            catch (...)
              {}
          MPI_Abort(MPI_COMM_WORLD, output_failed_exit_code);
        }
      throw OutputError(message);
    }



    void rename_file(const std::string &from, const std::string &to)
    {
      if (std::rename(from.c_str(), to.c_str()) != 0)
        fail_output("Could not rename <" + from + "> to <" + to +
                    ">: " + std::strerror(errno));
    }



    void write_file_atomically(const std::string &path,
                               const std::string &content)
    {
      const std::string temporary = temporary_name(path);
      {
        std::ofstream out(temporary, std::ios::binary);
        errno = 0;
        out << content;
        out.close();
        if (!out)
          {
            const int error = errno;
            std::remove(temporary.c_str());
            fail_output("Could not write the file <" + path + ">: " +
                        (error != 0 ? std::string(std::strerror(error)) :
                                      "the write failed") +
                        " (is the disk full, a file-size limit reached, or the "
                        "folder not writable?)");
          }
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
