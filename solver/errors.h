#ifndef cementflow_errors_h
#define cementflow_errors_h

#include <stdexcept>
#include <string>

namespace cementflow
{
  /**
   * A problem with what the user asked for (a needle outside the bone, a
   * zone that claims no face), detected identically on every rank, so that
   * all ranks can stop together without MPI_Abort.
   */
  class InputError : public std::runtime_error
  {
  public:
    explicit InputError(const std::string &message)
      : std::runtime_error(message)
    {}
  };



  /**
   * A numerical failure (a linear solve that does not converge, a
   * non-conservative step), detected collectively on every rank.
   */
  class SimulationError : public std::runtime_error
  {
  public:
    explicit SimulationError(const std::string &message)
      : std::runtime_error(message)
    {}
  };


  /**
   * The run stopped on a signal after writing a checkpoint; running the
   * same command again resumes it. Thrown on every rank.
   */
  class Checkpointed : public std::runtime_error
  {
  public:
    explicit Checkpointed(const std::string &message)
      : std::runtime_error(message)
    {}
  };
} // namespace cementflow

#endif
