#ifndef cementflow_errors_h
#define cementflow_errors_h

#include <deal.II/base/exceptions.h>

#include <sstream>
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

    /** The message of a deal.II exception (an ExcMessage from a check),
     * on one line. */
    explicit InputError(const dealii::ExceptionBase &error)
      : std::runtime_error(one_line(error))
    {}

  private:
    static std::string one_line(const dealii::ExceptionBase &error)
    {
      std::ostringstream info;
      error.print_info(info);
      std::istringstream words(info.str());
      std::string        text, word;
      while (words >> word)
        text += (text.empty() ? "" : " ") + word;
      return text;
    }
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
