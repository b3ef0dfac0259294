#ifndef cementflow_pictures_h
#define cementflow_pictures_h

#include <string>

namespace cementflow
{
  /**
   * Draws the pictures of one finished run into its folder, with the
   * project's scripts: pressures_and_leakage.png and viscosity.png
   * (postprocess/plots/run_plots.py, Debian's matplotlib) and, when the 3D
   * fields were written, cement_cloud.png and the ParaView state scene.pvsm
   * (postprocess/paraview/render_cement_cloud.py through scripts/pvpython).
   * Their output goes to pictures.log in the folder. Returns a sentence
   * saying what could not be drawn, or "" if everything was.
   */
  std::string make_run_pictures(const std::string &output_directory,
                                const bool         fields);
} // namespace cementflow

#endif
