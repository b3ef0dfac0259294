#include "pictures.h"

#include <cstdlib>

namespace cementflow
{
  std::string make_run_pictures(const std::string &output_directory,
                                const bool         fields)
  {
    const std::string source = CEMENTFLOW_SOURCE_DIR;
    const std::string folder = "\"" + output_directory + "\"";
    const std::string log    = " >> " + folder + "/pictures.log 2>&1";
    std::string       missing;
    if (std::system(("/usr/bin/python3 " + source +
                     "/postprocess/plots/run_plots.py " + folder + log)
                      .c_str()) != 0)
      missing += "the plots (they need /usr/bin/python3 with matplotlib)";
    // pvpython is an MPI program itself: started from inside an MPI run it
    // would try to join it, so it gets a clean environment.
    const char       *home  = std::getenv("HOME");
    const char       *cache = std::getenv("PVPYTHON_DIR");
    const std::string clean_environment =
      "env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=\"" +
      std::string(home != nullptr ? home : "/tmp") + "\" " +
      (cache != nullptr ? "PVPYTHON_DIR=\"" + std::string(cache) + "\" " :
                          std::string());
    if (fields &&
        std::system((clean_environment + source + "/scripts/pvpython " +
                     source + "/postprocess/paraview/render_cement_cloud.py " +
                     folder + " " + folder + "/cement_cloud.png --state " +
                     folder + "/scene.pvsm" + log)
                      .c_str()) != 0)
      missing += std::string(missing.empty() ? "" : " and ") +
                 "the ParaView picture (it needs Debian's paraview and xvfb, "
                 "see scripts/setup.sh)";
    return missing.empty() ? missing :
                             "Could not draw " + missing + "; see " +
                               output_directory + "/pictures.log.";
  }
} // namespace cementflow
