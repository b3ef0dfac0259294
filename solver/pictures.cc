#include "pictures.h"

#include "run_program.h"

#include <cstdlib>

namespace cementflow
{
  std::string make_run_pictures(const std::string &output_directory,
                                const bool         fields)
  {
    const std::string source = CEMENTFLOW_SOURCE_DIR;
    const std::string log    = output_directory + "/pictures.log";
    std::string       missing;
    if (Postprocess::run_program({"/usr/bin/python3",
                                  source + "/postprocess/plots/run_plots.py",
                                  output_directory},
                                 log) != 0)
      missing += "the plots (they need /usr/bin/python3 with matplotlib)";
    // pvpython is an MPI program itself: started from inside an MPI run it
    // would try to join it, so it gets a clean environment.
    const char              *home              = std::getenv("HOME");
    const char              *cache             = std::getenv("PVPYTHON_DIR");
    std::vector<std::string> clean_environment = {
      "PATH=/usr/local/bin:/usr/bin:/bin",
      std::string("HOME=") + (home != nullptr ? home : "/tmp")};
    if (cache != nullptr)
      clean_environment.push_back(std::string("PVPYTHON_DIR=") + cache);
    if (fields && Postprocess::run_program(
                    {source + "/scripts/pvpython",
                     source + "/postprocess/paraview/render_cement_cloud.py",
                     output_directory,
                     output_directory + "/cement_cloud.png",
                     "--state",
                     output_directory + "/scene.pvsm"},
                    log,
                    &clean_environment) != 0)
      missing += std::string(missing.empty() ? "" : " and ") +
                 "the ParaView picture (it needs Debian's paraview and xvfb, "
                 "see scripts/setup.sh)";
    return missing.empty() ? missing :
                             "Could not draw " + missing + "; see " +
                               output_directory + "/pictures.log.";
  }
} // namespace cementflow
