// cementflow: PMMA bone cement injected into a vertebral body, as
// two-phase Darcy flow. This file only reads the command line and hands
// over to the Simulator; see solver/simulator.h for the algorithm.

#include "atomic_file.h"
#include "case_parameters.h"
#include "ct_image.h"
#include "errors.h"
#include "parameter_printer.h"
#include "pictures.h"
#include "simulator.h"
#include "sweep.h"
#include "version.h"

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/revision.h>

#include <boost/program_options.hpp>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

namespace
{
  namespace po = boost::program_options;

  const char *usage_text =
    "Usage:\n"
    "  cementflow run [CASE.prm] [--set \"Subsection/Entry=value\" ...] "
    "[--output DIR] [--pictures]\n"
    "      Simulate one injection. Without CASE.prm the built-in default case\n"
    "      runs (params/default.prm). Runs the same under mpirun -np N.\n"
    "  cementflow mesh [CASE.prm] [--set ...] [--output DIR]\n"
    "      Write the case's geometry for ParaView without solving: mesh,\n"
    "      regions, porosity, permeability, exit zones and needles.\n"
    "  cementflow sweep SWEEP.prm [--output DIR] [--cases K-L | --shard I/N "
    "| --collect]\n"
    "      Run many cases: a grid over parameters or a Monte Carlo ensemble\n"
    "      (subsection Sweep; see params/sweep-example.prm). Cases run in\n"
    "      parallel under mpirun; a killed sweep resumes where it stopped.\n"
    "      --cases and --shard run a slice (one job of a job array);\n"
    "      --collect then writes the summary from every finished case.\n"
    "  cementflow parameters\n"
    "      Print every parameter with its meaning, unit, allowed values and\n"
    "      default, as a valid parameter file (params/reference.prm).\n"
    "  cementflow phantom FOLDER [VOXEL_MM]\n"
    "      Write a synthetic CT phantom (vertebral body, blastic lesion,\n"
    "      basivertebral channel; intensity and labels) as NIfTI, MetaImage\n"
    "      and VTK image files, voxels of VOXEL_MM (default 1 mm).\n"
    "  cementflow --help | --version\n";

  // Exit codes.
  constexpr int success           = 0;
  constexpr int input_error       = 1;
  constexpr int simulation_failed = 2;
  constexpr int internal_error    = 3;
  constexpr int checkpointed      = 4;
  // 5: an output file could not be written, Postprocess::fail_output().



  int stop_on_output_error(const cementflow::Postprocess::OutputError &error)
  {
    cementflow::Postprocess::print_output_failure(error.what());
    return cementflow::Postprocess::output_failed_exit_code;
  }



  int run_case(const std::string              &case_file,
               const std::vector<std::string> &overrides,
               const bool                      pictures,
               const bool                      geometry_only,
               const bool                      is_root)
  {
    dealii::ParameterHandler   prm;
    cementflow::CaseParameters parameters;
    try
      {
        parameters = cementflow::read_case(case_file, overrides, prm);
      }
    catch (const dealii::ExceptionBase &error)
      {
        // Every rank read the same input, so every rank stops here.
        if (is_root)
          {
            std::cerr << "cementflow: error in the input:\n";
            error.print_info(std::cerr);
          }
        return input_error;
      }

    // The simulator is destroyed inside the handlers, once the exception is
    // caught, so that its timers can still synchronise all ranks.
    std::unique_ptr<cementflow::Simulator> simulator;
    try
      {
        simulator = std::make_unique<cementflow::Simulator>(
          parameters, cementflow::documented_parameters(prm), MPI_COMM_WORLD);
        if (geometry_only)
          simulator->write_geometry();
        else
          simulator->run();
      }
    catch (const cementflow::InputError &error)
      {
        simulator.reset();
        if (is_root)
          std::cerr << "cementflow: error in the input:\n    " << error.what()
                    << std::endl;
        return input_error;
      }
    catch (const cementflow::Checkpointed &message)
      {
        simulator.reset();
        if (is_root)
          std::cerr << "cementflow: " << message.what() << std::endl;
        return checkpointed;
      }
    catch (const cementflow::Postprocess::OutputError &error)
      {
        // Only alone (with several ranks fail_output() aborts them all).
        simulator.reset();
        return stop_on_output_error(error);
      }
    catch (const cementflow::SimulationError &error)
      {
        simulator.reset();
        if (is_root)
          std::cerr << "cementflow: the simulation failed:\n    "
                    << error.what()
                    << "\n    The outputs written so far are complete; "
                       "report.json records the failure."
                    << std::endl;
        return simulation_failed;
      }
    if (pictures && is_root && !geometry_only)
      {
        const std::string missing =
          cementflow::make_run_pictures(parameters.output.directory,
                                        parameters.output.write_fields);
        if (!missing.empty())
          std::cerr << "cementflow: " << missing << std::endl;
      }
    return success;
  }
} // namespace



int main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  dealii::deal_II_exceptions::suppress_stacktrace_in_exceptions();
  // A file-size limit then makes a write fail (OutputError) instead of
  // killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  const bool is_root =
    dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;

  po::options_description options("Options");
  options.add_options()("help,h", "print this help and exit")(
    "version", "print the version and exit")(
    "set",
    po::value<std::vector<std::string>>()->composing(),
    "run: override one parameter of the case, as \"Subsection/Entry=value\" "
    "(repeatable; applied after the file, in order)")(
    "output,o",
    po::value<std::string>(),
    "run: write all results into this folder (overrides Output/Directory)")(
    "pictures",
    "run: draw the plots and the ParaView picture of the cement cloud into "
    "the output folder at the end")(
    "cases",
    po::value<std::string>(),
    "sweep: run only cases K to L (\"K-L\", or one case \"K\"), counted "
    "from 1")("shard",
              po::value<std::string>(),
              "sweep: run only slice I of N (\"I/N\", 1 <= I <= N) of the "
              "cases, in contiguous slices")(
    "collect",
    "sweep: run nothing; write summary, probabilities and plots from the "
    "cases that finished, listing the failed and missing ones");
  po::options_description hidden;
  hidden.add_options()("command", po::value<std::string>())(
    "arguments", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("command", 1).add("arguments", -1);

  po::variables_map arguments;
  try
    {
      po::store(po::command_line_parser(argc, argv)
                  .options(all)
                  .positional(positional)
                  .run(),
                arguments);
      po::notify(arguments);
    }
  catch (const po::error &error)
    {
      if (is_root)
        std::cerr << "cementflow: " << error.what() << "\n\n"
                  << usage_text << '\n'
                  << options << std::endl;
      return input_error;
    }

  if (arguments.count("help"))
    {
      if (is_root)
        std::cout << usage_text << '\n' << options << std::endl;
      return success;
    }
  if (arguments.count("version"))
    {
      if (is_root)
        std::cout << "cementflow " << CEMENTFLOW_VERSION << " (revision "
                  << CEMENTFLOW_GIT_REVISION << "), deal.II "
                  << DEAL_II_PACKAGE_VERSION << std::endl;
      return success;
    }

  const std::string command =
    arguments.count("command") ? arguments["command"].as<std::string>() : "";
  const std::vector<std::string> positional_arguments =
    arguments.count("arguments") ?
      arguments["arguments"].as<std::vector<std::string>>() :
      std::vector<std::string>();
  std::vector<std::string> overrides =
    arguments.count("set") ? arguments["set"].as<std::vector<std::string>>() :
                             std::vector<std::string>();

  const auto usage_error = [is_root](const std::string &message) {
    if (is_root)
      std::cerr << "cementflow: " << message << "\n\n" << usage_text;
    return input_error;
  };

  try
    {
      if (command == "parameters")
        {
          if (!positional_arguments.empty() || !overrides.empty() ||
              arguments.count("output"))
            return usage_error("'parameters' takes no arguments or options.");
          dealii::ParameterHandler prm;
          cementflow::CaseParameters::declare_defaults(prm);
          if (is_root)
            std::cout << cementflow::documented_parameters(prm);
          return success;
        }
      if (command != "sweep" &&
          (arguments.count("cases") || arguments.count("shard") ||
           arguments.count("collect")))
        return usage_error("--cases, --shard and --collect are options of "
                           "'sweep'.");
      if (command == "sweep")
        {
          if (positional_arguments.size() != 1 || !overrides.empty())
            return usage_error("'sweep' takes one sweep file and no --set.");
          if (arguments.count("cases") + arguments.count("shard") +
                arguments.count("collect") >
              1)
            return usage_error(
              "--cases, --shard and --collect exclude each other.");
          dealii::ParameterHandler    prm;
          cementflow::SweepParameters sweep;
          cementflow::SweepSelection  selection;
          try
            {
              if (arguments.count("cases"))
                selection = cementflow::SweepSelection::from_cases(
                  arguments["cases"].as<std::string>());
              if (arguments.count("shard"))
                selection = cementflow::SweepSelection::from_shard(
                  arguments["shard"].as<std::string>());
              cementflow::SweepParameters::declare(prm);
              prm.parse_input(positional_arguments.front());
              if (arguments.count("output"))
                {
                  prm.enter_subsection("Sweep");
                  prm.set("Output directory",
                          arguments["output"].as<std::string>());
                  prm.leave_subsection();
                }
              sweep.parse(prm);
              // The base case is found as the files a case names are.
              sweep.base_case =
                cementflow::resolve_input_path(sweep.base_case,
                                               positional_arguments.front());
            }
          catch (const dealii::ExceptionBase &error)
            {
              if (is_root)
                {
                  std::cerr << "cementflow: error in the sweep file:\n";
                  error.print_info(std::cerr);
                }
              return input_error;
            }
          try
            {
              if (arguments.count("collect"))
                cementflow::collect_sweep(sweep, MPI_COMM_WORLD);
              else
                cementflow::run_sweep(sweep, selection, MPI_COMM_WORLD);
            }
          catch (const cementflow::Checkpointed &message)
            {
              if (is_root)
                std::cerr << "cementflow: " << message.what() << std::endl;
              return checkpointed;
            }
          catch (const dealii::ExceptionBase &error)
            {
              // The base case or a sweep setting is wrong for every case.
              if (is_root)
                {
                  std::cerr << "cementflow: error in the sweep:\n";
                  error.print_info(std::cerr);
                }
              return input_error;
            }
          return success;
        }
      if (command == "phantom")
        {
          if (positional_arguments.empty() || positional_arguments.size() > 2 ||
              !overrides.empty())
            return usage_error(
              "'phantom' takes a folder and optionally a voxel size in mm.");
          const double voxel_size =
            positional_arguments.size() == 2 ?
              std::stod(positional_arguments[1]) * 1e-3 :
              1e-3;
          if (!(voxel_size >= 0.1e-3 && voxel_size <= 4e-3))
            return usage_error("the phantom's voxel size must be 0.1-4 mm.");
          if (is_root)
            {
              const std::string folder = positional_arguments.front();
              std::filesystem::create_directories(folder);
              const auto [intensity, labels] =
                cementflow::Meshes::make_phantom(voxel_size);
              for (const std::string extension : {".nii.gz", ".mha", ".vti"})
                {
                  intensity.write(folder + "/phantom-intensity" + extension);
                  labels.write(folder + "/phantom-labels" + extension);
                }
              std::cout << "Wrote phantom-intensity and phantom-labels "
                           "(.nii.gz, .mha, .vti) to "
                        << folder << std::endl;
            }
          return success;
        }
      if (command == "run" || command == "mesh")
        {
          if (positional_arguments.size() > 1)
            return usage_error(
              "'" + command + "' takes at most one parameter file, got " +
              std::to_string(positional_arguments.size()) + ".");
          if (arguments.count("output"))
            overrides.push_back("Output/Directory=" +
                                arguments["output"].as<std::string>());
          return run_case(positional_arguments.empty() ?
                            std::string() :
                            positional_arguments.front(),
                          overrides,
                          arguments.count("pictures") > 0,
                          command == "mesh",
                          is_root);
        }
      return usage_error(command.empty() ?
                           "no command given." :
                           "unknown command '" + command +
                             "'; the commands are run, mesh, sweep, "
                             "parameters and phantom.");
    }
  catch (const cementflow::Postprocess::OutputError &error)
    {
      return stop_on_output_error(error);
    }
  catch (const std::exception &error)
    {
      // Not known to have happened on every rank: stop them all, never hang.
      std::cerr << "cementflow: internal error on rank "
                << dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD)
                << ":\n"
                << error.what() << std::endl;
      if (dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) > 1)
        MPI_Abort(MPI_COMM_WORLD, internal_error);
      return internal_error;
    }
}
