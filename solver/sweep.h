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
   * Monte Carlo ensemble over up to eight uncertain parameters. A
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
   * Runs the cases of a sweep, ranks_per_case MPI ranks each and the groups
   * in parallel, one folder per case (case-NNNN/). A case whose folder
   * already holds its results for the same settings is not run again, so a
   * killed sweep resumes. A case that fails is recorded and the others go
   * on. At the end rank 0 writes summary.csv (one row per case), for
   * ensembles probabilities.csv and convergence.csv (with 95 % Wilson
   * intervals), and draws the risk maps with
   * postprocess/plots/sweep_plots.py when python3 and matplotlib are there.
   * Returns the number of failed cases.
   */
  unsigned int run_sweep(const SweepParameters &parameters,
                         const MPI_Comm         communicator);

  /** The 95 % Wilson score interval of k successes in n trials. */
  std::pair<double, double> wilson_interval(const unsigned int k,
                                            const unsigned int n);
} // namespace cementflow

#endif
