// Output helpers: JSON, the statistics table, atomic files.

#include "atomic_file.h"
#include "json_writer.h"
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
