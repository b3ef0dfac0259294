#include "sweep.h"

#include "atomic_file.h"
#include "case_parameters.h"
#include "errors.h"
#include "parameter_printer.h"
#include "pictures.h"
#include "simulator.h"
#include "stop_signal.h"
#include "sweep_cases.h"
#include "sweep_summary.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

namespace cementflow
{
  using namespace dealii;

  SweepSelection SweepSelection::from_cases(const std::string &text)
  {
    const std::regex form(R"(^\s*(\d+)\s*(-\s*(\d+))?\s*$)");
    std::smatch      match;
    AssertThrow(std::regex_match(text, match, form),
                ExcMessage("--cases \"" + text +
                           "\": give a case K or a range K-L of case "
                           "numbers, counted from 1."));
    SweepSelection selection;
    selection.first = std::stoul(match[1]);
    selection.last  = match[3].matched ? std::stoul(match[3]) : selection.first;
    selection.text  = "--cases " + Utilities::trim(text);
    return selection;
  }



  SweepSelection SweepSelection::from_shard(const std::string &text)
  {
    const std::regex form(R"(^\s*(\d+)\s*/\s*(\d+)\s*$)");
    std::smatch      match;
    AssertThrow(std::regex_match(text, match, form),
                ExcMessage("--shard \"" + text +
                           "\": give I/N, slice I of N, with 1 <= I <= N."));
    SweepSelection selection;
    selection.shard    = std::stoul(match[1]);
    selection.n_shards = std::stoul(match[2]);
    selection.text     = "--shard " + Utilities::trim(text);
    AssertThrow(selection.n_shards >= 1 && selection.shard >= 1 &&
                  selection.shard <= selection.n_shards,
                ExcMessage(selection.text +
                           ": the slice I of I/N must be 1 to N, and N at "
                           "least 1."));
    return selection;
  }



  std::pair<unsigned int, unsigned int>
  SweepSelection::range(const unsigned int n_cases) const
  {
    if (n_shards > 0)
      {
        // Contiguous slices whose sizes differ by at most one case.
        const unsigned long n = n_cases;
        return {static_cast<unsigned int>((shard - 1) * n / n_shards + 1),
                static_cast<unsigned int>(shard * n / n_shards)};
      }
    if (first == 0)
      return {1, n_cases};
    AssertThrow(first >= 1 && first <= last && last <= n_cases,
                ExcMessage(text + ": the sweep has " + std::to_string(n_cases) +
                           " cases; K-L must satisfy 1 <= K <= L <= " +
                           std::to_string(n_cases) + "."));
    return {first, last};
  }



  namespace
  {
    // Whether the case stopped on a signal with a checkpoint in its folder
    // and no result, under these very settings: then it resumes.
    bool is_resumable(const SweepParameters &parameters, const SweepCase &c)
    {
      const std::string folder = case_folder(parameters, c.number);
      return holds_case(parameters, c) &&
             !std::filesystem::exists(folder + "/sweep-status.txt") &&
             (std::filesystem::exists(folder + "/checkpoint") ||
              std::filesystem::exists(folder + "/checkpoint-old"));
    }



    // Runs one case on the group's communicator and records its status.
    // Returns false if the case stopped on a signal after writing a
    // checkpoint: it has no status yet and resumes when the sweep runs
    // again.
    bool run_case(const SweepParameters &parameters,
                  const SweepCase       &c,
                  const MPI_Comm         group)
    {
      const bool        root   = Utilities::MPI::this_mpi_process(group) == 0;
      const std::string folder = case_folder(parameters, c.number);
      const bool        resume = is_resumable(parameters, c);
      if (root && !resume)
        {
          std::filesystem::remove_all(folder);
          Postprocess::create_directories(folder);
          Postprocess::write_file_atomically(folder + "/sweep-case.txt",
                                             case_settings(parameters, c));
        }
      MPI_Barrier(group);

      std::string              status    = "completed";
      std::vector<std::string> overrides = c.overrides;
      overrides.push_back("Output/Directory=" + folder);
      // On a signal the case checkpoints (Checkpoints/On signal of the base
      // case) and the sweep stops; run again, the case resumes.
      overrides.push_back("Checkpoints/Resume=auto");
      if (parameters.pictures)
        {
          // The picture needs the fields of the final state only.
          overrides.push_back("Output/Write fields=true");
          overrides.push_back("Output/Volume between outputs=1000");
        }
      try
        {
          ParameterHandler     prm;
          const CaseParameters case_parameters =
            read_case(parameters.base_case, overrides, prm);
          Simulator simulator(case_parameters,
                              documented_parameters(prm),
                              group,
                              false);
          simulator.run();
        }
      catch (const ExceptionBase &error)
        {
          std::ostringstream message;
          error.print_info(message);
          status = "input error: " + Utilities::trim(message.str());
        }
      catch (const InputError &error)
        {
          status = std::string("input error: ") + error.what();
        }
      catch (const SimulationError &error)
        {
          status = std::string("failed: ") + error.what();
        }
      catch (const Checkpointed &)
        {
          return false;
        }
      if (root && parameters.pictures && status == "completed")
        make_run_pictures(folder, true);
      if (root)
        Postprocess::write_file_atomically(folder + "/sweep-status.txt",
                                           status + "\n");
      return true;
    }
  } // namespace



  unsigned int run_sweep(const SweepParameters &parameters,
                         const SweepSelection  &selection,
                         const MPI_Comm         communicator)
  {
    const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(communicator);
    const unsigned int rank    = Utilities::MPI::this_mpi_process(communicator);
    AssertThrow(n_ranks % parameters.ranks_per_case == 0,
                ExcMessage("Sweep/Ranks per case (" +
                           std::to_string(parameters.ranks_per_case) +
                           ") must divide the number of MPI ranks (" +
                           std::to_string(n_ranks) + ")."));
    const std::vector<SweepCase> cases = make_cases(parameters);
    const auto [first, last]           = selection.range(cases.size());
    std::string problem;
    if (rank == 0)
      try
        {
          Postprocess::create_directories(parameters.output_directory);
        }
      catch (const std::exception &error)
        {
          problem = error.what();
        }
    problem = Utilities::MPI::broadcast(communicator, problem, 0);
    AssertThrow(problem.empty(),
                ExcMessage("Sweep/Output directory (or --output): " + problem +
                           ". Give a folder that can be created and written "
                           "to."));

    // Groups of ranks_per_case ranks; the i-th case of the selection goes
    // to group i % n_groups.
    const unsigned int n_groups = n_ranks / parameters.ranks_per_case;
    const unsigned int group    = rank / parameters.ranks_per_case;
    MPI_Comm           group_communicator;
    MPI_Comm_split(communicator, group, rank, &group_communicator);
    const bool group_root =
      Utilities::MPI::this_mpi_process(group_communicator) == 0;

    if (rank == 0)
      {
        std::cout << "Sweep (" << parameters.type << "): " << cases.size()
                  << " cases";
        if (!selection.all())
          std::cout << ", of which " << selection.text << " runs "
                    << (last >= first ?
                          std::to_string(first) + "-" + std::to_string(last) :
                          std::string("none"));
        std::cout << ", " << n_groups << " at a time on " << n_ranks
                  << (n_ranks == 1 ? " rank" : " ranks") << ", in "
                  << parameters.output_directory << std::endl;
      }
    bool stopped = false;
    for (unsigned int number = first; number <= last && !stopped; ++number)
      {
        const SweepCase &c = cases[number - 1];
        if ((number - first) % n_groups != group)
          continue;
        // A signal between cases: start no other (the group agrees).
        if (Utilities::MPI::max(stop_signal_received() ? 1u : 0u,
                                group_communicator) > 0)
          {
            stopped = true;
            break;
          }
        // Every rank of the group reads the same files, so they agree.
        if (is_finished(parameters, c))
          {
            if (group_root)
              std::cout << "case " << c.number << ": already done" << std::endl;
            continue;
          }
        stopped = !run_case(parameters, c, group_communicator);
        if (group_root)
          std::cout << "case " << c.number << "/" << cases.size() << ": "
                    << (stopped ? std::string("stopped on a signal, with a "
                                              "checkpoint") :
                                  recorded_status(parameters, c))
                    << std::endl;
      }
    MPI_Comm_free(&group_communicator);
    // Every group has finished its cases or stopped (this also waits).
    if (Utilities::MPI::max(stopped ? 1u : 0u, communicator) > 0)
      throw Checkpointed("The sweep stopped on a signal; the cases that were "
                         "running wrote checkpoints. Run the same command "
                         "again: finished cases are kept and those cases "
                         "resume.");

    // A slice leaves the summary to --collect, which sees every slice.
    unsigned int n_failed = 0;
    if (rank == 0)
      {
        if (selection.all())
          n_failed =
            write_sweep_results(parameters, cases, std::cout).failed.size();
        else
          {
            for (unsigned int number = first; number <= last; ++number)
              if (recorded_status(parameters, cases[number - 1]) != "completed")
                ++n_failed;
            std::cout << "Cases " << first << "-" << last << ": " << n_failed
                      << " did not complete. When every slice "
                      << "has run, `cementflow sweep FILE --collect` writes "
                         "the summary."
                      << std::endl;
          }
      }
    return Utilities::MPI::max(n_failed, communicator);
  }



  unsigned int collect_sweep(const SweepParameters &parameters,
                             const MPI_Comm         communicator)
  {
    unsigned int n_incomplete = 0;
    if (Utilities::MPI::this_mpi_process(communicator) == 0)
      {
        AssertThrow(std::filesystem::is_directory(parameters.output_directory),
                    ExcMessage("--collect: the sweep's folder <" +
                               parameters.output_directory +
                               "> does not exist; no case has run there."));
        const std::vector<SweepCase> cases = make_cases(parameters);
        const SweepTally             tally =
          write_sweep_results(parameters, cases, std::cout);
        n_incomplete = tally.failed.size() + tally.missing.size();
      }
    return Utilities::MPI::max(n_incomplete, communicator);
  }
} // namespace cementflow
