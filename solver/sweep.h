#ifndef cementflow_sweep_h
#define cementflow_sweep_h

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace cementflow
{
  /**
   * A distribution of one uncertain input of a Monte Carlo ensemble:
   * "uniform(a, b)", "normal(mean, sd)", "lognormal(mu, sigma)" (of the
   * logarithm) or "truncated normal(mean, sd, low, high)".
   */
  class Distribution
  {
  public:
    /** Throws naming @p text if it is not one of the forms above. */
    explicit Distribution(const std::string &text);

    double sample(std::mt19937_64 &generator) const;

    const std::string &description() const;

  private:
    std::string         text;
    std::string         kind;
    std::vector<double> arguments;
  };



  /**
   * What `cementflow sweep FILE` runs (subsection Sweep of FILE): many cases
   * made from one base case, either a grid over up to four parameters or a
   * Monte Carlo ensemble over up to sixteen uncertain parameters. A
   * parameter is a path "Subsection/Entry"; "Subsection/Entry[i]" is the
   * i-th number of a list entry such as a point.
   */
  struct SweepParameters
  {
    std::string              type = "grid";
    std::string              base_case;
    std::vector<std::string> settings;
    std::string              output_directory = "sweep";
    unsigned int             ranks_per_case   = 1;
    bool                     pictures         = false;

    std::vector<std::pair<std::string, std::vector<std::string>>> axes;
    unsigned int map_x = 1, map_y = 2;

    unsigned int                                      samples = 100;
    unsigned long                                     seed    = 1;
    std::vector<std::pair<std::string, Distribution>> variables;

    static void declare(dealii::ParameterHandler &prm);
    void        parse(dealii::ParameterHandler &prm);
  };



  /**
   * Which cases a sweep command runs: all of them, a range K-L (`--cases`),
   * or slice I of N (`--shard`), so that a batch system's job array can
   * share an ensemble out, one job per slice.
   */
  struct SweepSelection
  {
    unsigned int first = 0, last = 0;     // a range; 0: no range
    unsigned int shard = 0, n_shards = 0; // a slice; 0: no slice
    std::string  text;                    // the option, for messages

    /** "K-L" or "K", counted from 1; throws naming the text. */
    static SweepSelection from_cases(const std::string &text);
    /** "I/N" with 1 <= I <= N; throws naming the text. */
    static SweepSelection from_shard(const std::string &text);

    bool all() const
    {
      return first == 0 && n_shards == 0;
    }

    /**
     * The first and last case numbers selected of @p n_cases; slice I of N
     * is the I-th of N contiguous runs of cases, sizes differing by at
     * most one (it may be empty when N exceeds the cases). Throws if a
     * range does not fit.
     */
    std::pair<unsigned int, unsigned int>
    range(const unsigned int n_cases) const;
  };



  /**
   * Runs the selected cases of a sweep, ranks_per_case MPI ranks each and
   * the groups in parallel, one folder per case (case-NNNN/). A case whose
   * folder already holds its results for the same settings is not run
   * again, so a killed sweep resumes. A case that fails is recorded and
   * the others go on. When every case was selected, rank 0 then writes the
   * results (sweep_summary.h: summary.csv, for ensembles the
   * probabilities, the plots); a slice leaves them to collect_sweep().
   * Returns the number of selected cases that did not complete.
   */
  unsigned int run_sweep(const SweepParameters &parameters,
                         const SweepSelection  &selection,
                         const MPI_Comm         communicator);

  /**
   * `cementflow sweep FILE --collect`: writes the results from whatever
   * cases of the sweep's folder are complete (after slices ran as separate
   * jobs), listing the failed ones and those not run. Runs nothing.
   * Returns the number of cases failed or not run.
   */
  unsigned int collect_sweep(const SweepParameters &parameters,
                             const MPI_Comm         communicator);

  /** The 95 % Wilson score interval of k successes in n trials. */
  std::pair<double, double> wilson_interval(const unsigned int k,
                                            const unsigned int n);
} // namespace cementflow

#endif
