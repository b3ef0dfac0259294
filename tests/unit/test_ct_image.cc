// CT volumes: the synthetic phantom written and read back in every format,
// the mesh of its voxels with labelled regions and exits, the calibration,
// and clear errors for corrupt or truncated files.

#include "ct_image.h"

#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

using namespace cementflow::Meshes;

namespace
{
  std::string temporary(const std::string &name)
  {
    return std::string(::testing::TempDir()) + "cementflow-ct-" + name;
  }

  std::string read_error(const std::string &path)
  {
    try
      {
        Image::read(path);
      }
    catch (const dealii::ExceptionBase &error)
      {
        std::ostringstream message;
        error.print_info(message);
        return message.str();
      }
    return "";
  }
} // namespace

TEST(CtImage, PhantomRoundTripsThroughEveryFormat)
{
  const auto [intensity, labels] = make_phantom(2e-3);
  EXPECT_EQ(intensity.size[0], 24u);
  for (const std::string extension : {".nii.gz", ".mha", ".vti"})
    {
      const std::string path = temporary("phantom" + extension);
      labels.write(path);
      const Image back = Image::read(path);
      EXPECT_EQ(back.size, labels.size) << extension;
      EXPECT_NEAR(back.spacing[1], 2e-3, 1e-12) << extension;
      EXPECT_NEAR(back.origin[2], labels.origin[2], 1e-9) << extension;
      EXPECT_EQ(back.values, labels.values) << extension;
    }
}

TEST(CtImage, PhantomMeshHasItsRegionsAndExits)
{
  const auto [intensity, labels] = make_phantom(1e-3);
  CtParameters             parameters;
  dealii::Triangulation<3> mesh;
  // One voxel per cell: a 2 mm channel would not survive the majority vote
  // of 2 mm cells (the Venous channels subsection handles thin conduits).
  create_mesh_from_images(mesh, intensity, &labels, parameters, 1e-3);

  // About the elliptic cylinder of 40 x 30 x 24 mm.
  double                         volume = 0;
  std::map<unsigned int, double> region_volume;
  for (const auto &cell : mesh.active_cell_iterators())
    {
      volume += cell->measure();
      region_volume[cell->material_id()] += cell->measure();
    }
  EXPECT_NEAR(volume / (M_PI * 20e-3 * 15e-3 * 24e-3), 1., 0.05);
  // The lesion, a ball of 6 mm radius, and the channel are labelled.
  EXPECT_NEAR(region_volume[2] / (4. / 3 * M_PI * 216e-9), 1., 0.05);
  // The channel of 1 mm radius on a grid of 1 mm voxels is 2 x 2 voxels
  // across (the centres within 1 mm of its axis), 15-16 voxels long.
  EXPECT_NEAR(region_volume[3] / (4e-6 * 15.5e-3), 1., 0.05);

  // The foramen (label 100) where the channel meets the posterior wall.
  std::map<unsigned int, double> exit_area;
  for (const auto &cell : mesh.active_cell_iterators())
    for (const auto &face : cell->face_iterators())
      if (face->at_boundary())
        exit_area[face->boundary_id()] += face->measure();
  EXPECT_GT(exit_area[100], 0.);
  EXPECT_GT(exit_area[101], 0.);
  EXPECT_LT(exit_area[100], 50e-6);
}

TEST(CtImage, CalibrationFromIntensityToPorosity)
{
  CtParameters parameters; // the phantom's scale: 1000 BV/TV
  EXPECT_DOUBLE_EQ(parameters.porosity(100), 0.9);
  EXPECT_DOUBLE_EQ(parameters.porosity(400), 0.6);
  EXPECT_DOUBLE_EQ(parameters.porosity(-50), 0.99); // clipped
  EXPECT_DOUBLE_EQ(parameters.porosity(2000), 0.05);

  const auto [intensity, labels] = make_phantom(1e-3);
  // Mean over a 2 mm box in the lesion and in plain bone.
  EXPECT_NEAR(parameters.porosity(
                intensity.mean_in_box(dealii::Point<3>(-8e-3, 4e-3, 0), 1e-3)),
              0.6,
              1e-12);
  EXPECT_NEAR(parameters.porosity(
                intensity.mean_in_box(dealii::Point<3>(8e-3, 4e-3, 0), 1e-3)),
              0.9,
              1e-12);
}

TEST(CtImage, CorruptAndTruncatedFilesAreErrorsNamingThem)
{
  const std::string garbage = temporary("garbage.mha");
  std::ofstream(garbage) << "this is not an image\n";
  std::string message = read_error(garbage);
  EXPECT_NE(message.find(garbage), std::string::npos) << message;
  EXPECT_NE(message.find("could not be read"), std::string::npos) << message;

  const auto [intensity, labels] = make_phantom(2e-3);
  const std::string whole        = temporary("whole.vti");
  intensity.write(whole);
  const auto        size      = std::filesystem::file_size(whole);
  const std::string truncated = temporary("truncated.vti");
  std::filesystem::copy_file(whole,
                             truncated,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(truncated, size / 2);
  message = read_error(truncated);
  EXPECT_NE(message.find(truncated), std::string::npos) << message;

  message = read_error(temporary("missing.nii"));
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
  message = read_error(temporary("volume.png"));
  EXPECT_NE(message.find("does not exist"), std::string::npos) << message;
}

TEST(CtImage, RotatedVoxelAxesAreRefusedInEveryFormat)
{
  // A rotation the readers would silently drop: the body would be read
  // turned by 90 degrees.
  const auto [intensity, labels] = make_phantom(2e-3);
  const std::vector<std::pair<std::string, std::string>> formats = {
    {"mha", "TransformMatrix = 1 0 0 0 1 0 0 0 1"},
    {"vti", "Direction=\"1 0 0 0 1 0 0 0 1\""}};
  for (const auto &[extension, identity] : formats)
    {
      const std::string path = temporary("rotated." + extension);
      intensity.write(path);
      std::ifstream     in(path, std::ios::binary);
      std::stringstream content;
      content << in.rdbuf();
      std::string text     = content.str();
      const auto  position = text.find(identity);
      ASSERT_NE(position, std::string::npos) << extension;
      EXPECT_NO_THROW(Image::read(path));
      std::string rotated = identity;
      rotated.replace(rotated.find("1 0 0 0 1 0"), 11, "0 1 0 1 0 0");
      text.replace(position, identity.size(), rotated);
      std::ofstream(path, std::ios::binary) << text;
      const std::string message = read_error(path);
      EXPECT_NE(message.find("rotates or flips"), std::string::npos)
        << extension << ": " << message;
    }
}

TEST(CtImage, DamagedNiftiHeadersAndTruncatedDataAreErrors)
{
  // A valid .nii, then copies with one field of the header or the data
  // damaged: each is an error naming the file and what is wrong.
  const auto [intensity, labels] = make_phantom(2e-3);
  const std::string whole        = temporary("whole.nii");
  intensity.write(whole);
  std::string bytes;
  {
    std::ifstream      in(whole, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bytes = text.str();
  }
  const auto damaged = [&bytes](const std::string &name,
                                const std::size_t  offset,
                                const std::string &value,
                                const std::size_t  keep = std::string::npos) {
    std::string copy = bytes.substr(0, keep);
    if (!value.empty())
      copy.replace(offset, value.size(), value);
    const std::string path = temporary(name);
    std::ofstream(path, std::ios::binary) << copy;
    return path;
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
    // Voxel type 0x5000 (what a fuzzed header held; VTK crashed on it).
    {damaged("type.nii", 70, std::string("\x00\x50", 2)), "voxel type"},
    // 16 bits per voxel for float voxels.
    {damaged("bits.nii", 72, std::string("\x10\x00", 2)), "bits per voxel"},
    // One voxel along the first axis.
    {damaged("extent.nii", 42, std::string("\x01\x00", 2)), "voxels along"},
    // The data cut to half: VTK still returns a full volume.
    {damaged("short.nii", 0, "", bytes.size() / 2), "truncated"}};
  for (const auto &[path, words] : cases)
    {
      const std::string message = read_error(path);
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_NE(message.find(words), std::string::npos) << message;
    }
}
