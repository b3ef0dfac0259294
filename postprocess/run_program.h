#ifndef cementflow_postprocess_run_program_h
#define cementflow_postprocess_run_program_h

#include <string>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * Runs the program @p arguments[0] (an absolute path) with the
     * arguments that follow, appending its standard output and error to
     * the file @p log, and waits for it. No shell sees the arguments, so
     * names from a parameter file or the command line (folders with
     * quotes, spaces or `$(...)` in them) reach the program as they are.
     * The program gets @p environment ("NAME=value" entries) if given, or
     * this process's environment. Returns its exit status, 128 + the
     * signal that ended it, or -1 if it could not be started.
     */
    int run_program(const std::vector<std::string> &arguments,
                    const std::string              &log,
                    const std::vector<std::string> *environment = nullptr);
  } // namespace Postprocess
} // namespace cementflow

#endif
