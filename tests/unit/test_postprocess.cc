// Output helpers: JSON, the statistics table, atomic files, checkpoint
// manifests, running the picture programs.

#include "atomic_file.h"
#include "checkpoint_manifest.h"
#include "json_writer.h"
#include "run_program.h"
#include "time_series.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cementflow::Postprocess;

TEST(JsonObject, KeepsOrderNestsAndEscapes)
{
  JsonObject inner;
  inner.add("a \"quoted\" zone", 1.5);
  JsonObject outer;
  outer.add("version", "0.1")
    .add("count", 3)
    .add("nested", inner)
    .add("ok", true);
  outer.add("not a number", std::nan(""));
  const std::string text = outer.str();
  EXPECT_LT(text.find("\"version\""), text.find("\"count\""));
  EXPECT_LT(text.find("\"count\""), text.find("\"nested\""));
  EXPECT_NE(text.find("\"a \\\"quoted\\\" zone\": 1.5"), std::string::npos)
    << text;
  EXPECT_NE(text.find("\"ok\": true"), std::string::npos);
  EXPECT_NE(text.find("\"not a number\": null"), std::string::npos);
  EXPECT_EQ(JsonObject::quote("line\nbreak"), "\"line\\nbreak\"");
}

TEST(TimeSeries, HeadersCarryUnitsAndMissingValuesAreEmpty)
{
  TimeSeries series;
  series.declare_column("time", "s");
  series.declare_column("tip pressure", "kPa");
  series.declare_column("iterations", "");
  series.start_row();
  series.set("time", 0.5);
  series.set("iterations", 7);
  const std::string csv = series.csv();
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "\"time (s)\",\"tip pressure (kPa)\",\"iterations\"");
  EXPECT_NE(csv.find("0.5,,7\n"), std::string::npos) << csv;
  EXPECT_DOUBLE_EQ(series.get(0, "time"), 0.5);
  EXPECT_THROW(series.set("unknown", 1.), std::logic_error);
}

TEST(AtomicFile, WritesCompletelyAndLeavesNoTemporary)
{
  const std::string directory =
    std::string(::testing::TempDir()) + "cementflow_atomic/sub";
  create_directories(directory);
  const std::string path = directory + "/report.json";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  std::ifstream in(path);
  std::string   content((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "second");
  EXPECT_FALSE(std::filesystem::exists(temporary_name(path)));
  EXPECT_THROW(write_file_atomically("/nonexistent/dir/file", "x"),
               std::runtime_error);
}

TEST(CheckpointManifest, RefusesModifiedTruncatedForeignAndExtraFiles)
{
  const std::string folder =
    std::string(::testing::TempDir()) + "cementflow_manifest";
  std::filesystem::remove_all(folder);
  create_directories(folder);
  write_file_atomically(folder + "/state.txt", "22 serialization::archive 1.5");
  write_file_atomically(folder + "/mesh_fixed.data", std::string(5000, 'x'));
  write_checkpoint_manifest(folder, "0.1.0");
  write_file_atomically(folder + "/complete", "complete\n");
  EXPECT_EQ(checkpoint_problem(folder, "0.1.0"), "");
  EXPECT_NE(checkpoint_problem(folder, "0.2.0")
              .find("written by cementflow 0.1.0, this is 0.2.0"),
            std::string::npos);

  // The same size, one byte changed.
  write_file_atomically(folder + "/state.txt", "22 serialization::archive 1.6");
  EXPECT_NE(checkpoint_problem(folder, "0.1.0")
              .find("state.txt does not match its checksum"),
            std::string::npos);
  write_file_atomically(folder + "/state.txt", "22 serialization::archive 1.5");
  EXPECT_EQ(checkpoint_problem(folder, "0.1.0"), "");

  std::filesystem::resize_file(folder + "/mesh_fixed.data", 4000);
  EXPECT_NE(checkpoint_problem(folder, "0.1.0")
              .find("mesh_fixed.data has 4000 bytes instead of 5000"),
            std::string::npos);
  std::filesystem::remove(folder + "/mesh_fixed.data");
  EXPECT_NE(checkpoint_problem(folder, "0.1.0").find("is missing"),
            std::string::npos);
  write_file_atomically(folder + "/mesh_fixed.data", std::string(5000, 'x'));
  write_file_atomically(folder + "/stray.data", "?");
  EXPECT_NE(checkpoint_problem(folder, "0.1.0").find("does not list: stray"),
            std::string::npos);
  std::filesystem::remove(folder + "/manifest");
  EXPECT_NE(checkpoint_problem(folder, "0.1.0").find("has no manifest"),
            std::string::npos);
}

TEST(RunProgram, PassesArgumentsUnquotedAndReportsTheExitStatus)
{
  const std::string folder =
    std::string(::testing::TempDir()) + "cementflow_run_program";
  std::filesystem::remove_all(folder);
  create_directories(folder);
  const std::string log = folder + "/log.txt";
  // Text a shell would expand or split reaches the program as it is.
  const std::string tricky = "a \"b\" $(touch " + folder + "/injected); c";
  EXPECT_EQ(run_program({"/bin/echo", tricky}, log), 0);
  EXPECT_EQ(run_program({"/bin/sh", "-c", "exit 3"}, log), 3);
  EXPECT_EQ(run_program({"/nonexistent/program"}, log), -1);
  std::ifstream in(log);
  std::string   first_line;
  std::getline(in, first_line);
  EXPECT_EQ(first_line, tricky);
  EXPECT_FALSE(std::filesystem::exists(folder + "/injected"));
  const std::vector<std::string> environment = {"ONLY=this"};
  EXPECT_EQ(run_program({"/usr/bin/env"}, log, &environment), 0);
  std::stringstream all;
  all << std::ifstream(log).rdbuf();
  EXPECT_NE(all.str().find("\nONLY=this\n"), std::string::npos) << all.str();
  EXPECT_EQ(all.str().find("PATH="), std::string::npos);
}
