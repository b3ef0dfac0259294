#ifndef cementflow_sweep_summary_h
#define cementflow_sweep_summary_h

#include "sweep_cases.h"

#include <ostream>
#include <vector>

namespace cementflow
{
  /** How the cases of a sweep stand when its results are gathered. */
  struct SweepTally
  {
    std::vector<unsigned int> completed, failed, missing;
  };

  /**
   * Gathers what the cases' folders hold into the sweep's folder:
   * summary.csv (one row per case; a case not run, or run with other
   * settings, is "not run"), units.csv (the unit of each swept parameter),
   * for ensembles probabilities.csv and convergence.csv over the completed
   * cases (95 % Wilson intervals), sweep.log, and the plots of
   * postprocess/plots/sweep_plots.py when python3 with matplotlib is there.
   * Prints the log to @p out. Rank 0 only.
   */
  SweepTally write_sweep_results(const SweepParameters        &parameters,
                                 const std::vector<SweepCase> &cases,
                                 std::ostream                 &out);
} // namespace cementflow

#endif
