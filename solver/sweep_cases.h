#ifndef cementflow_sweep_cases_h
#define cementflow_sweep_cases_h

#include "sweep.h"

#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  /** One case of a sweep: its number (from 1), the values it sets, the
   * overrides of the base case that set them. */
  struct SweepCase
  {
    unsigned int                                     number;
    std::vector<std::pair<std::string, std::string>> values;
    std::vector<std::string>                         overrides;
  };

  /** Every case of the sweep, in order; the same on every rank and run. */
  std::vector<SweepCase> make_cases(const SweepParameters &parameters);

  /** The folder of case @p number: OUTPUT/case-NNNN. */
  std::string case_folder(const SweepParameters &parameters,
                          const unsigned int     number);

  /** The settings of a case as text, kept in its folder (sweep-case.txt). */
  std::string case_settings(const SweepParameters &parameters,
                            const SweepCase       &c);

  /** Whether the case's folder was made for these very settings. */
  bool holds_case(const SweepParameters &parameters, const SweepCase &c);

  /**
   * Whether the case's folder holds a finished run (completed or failed) of
   * these very settings; a folder of other settings is not finished.
   */
  bool is_finished(const SweepParameters &parameters, const SweepCase &c);

  /** The status the case's run recorded, or "" if it has none. */
  std::string recorded_status(const SweepParameters &parameters,
                              const SweepCase       &c);

  /**
   * The case's status for the summary: the recorded one; "not run" for a
   * case without a folder of these settings; for a case that started but
   * recorded nothing, "stopped on a signal, with a checkpoint" or
   * "interrupted" (the process ended while the case ran: killed, out of
   * memory or crashed). Running the sweep again resumes or redoes both.
   */
  std::string summary_status(const SweepParameters &parameters,
                             const SweepCase       &c);

  /**
   * The unit of each sweep parameter (grid axes or ensemble variables, in
   * order) from the documentation of the base case's entries: "mm",
   * "mL/min", or "" for quantities without one.
   */
  std::vector<std::string> parameter_units(const SweepParameters &parameters);
} // namespace cementflow

#endif
