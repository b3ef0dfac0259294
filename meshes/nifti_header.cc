#include "nifti_header.h"

#include <deal.II/base/exceptions.h>

#include <zlib.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    namespace
    {
      // Reads a field of the header at its byte offset, in the file's byte
      // order.
      template <typename T>
      T field(const std::array<unsigned char, 352> &header,
              const std::size_t                     offset,
              const bool                            swapped)
      {
        std::array<unsigned char, sizeof(T)> bytes;
        std::memcpy(bytes.data(), header.data() + offset, sizeof(T));
        if (swapped)
          for (std::size_t i = 0; i < sizeof(T) / 2; ++i)
            std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
        T value;
        std::memcpy(&value, bytes.data(), sizeof(T));
        return value;
      }
    } // namespace



    void check_nifti_header(const std::string &path)
    {
      const auto bad = [&path](const std::string &what) {
        return ExcMessage("The image <" + path +
                          "> could not be read: its NIfTI header " + what +
                          ".");
      };
      std::array<unsigned char, 352> header{};
      gzFile                         file = gzopen(path.c_str(), "rb");
      AssertThrow(file != nullptr, bad("cannot be opened"));
      const int n_read = gzread(file, header.data(), header.size());
      gzclose(file);
      AssertThrow(n_read >= 348, bad("is shorter than 348 bytes"));

      const bool swapped = field<std::int32_t>(header, 0, false) != 348;
      AssertThrow(field<std::int32_t>(header, 0, swapped) == 348,
                  bad("does not start with its size 348 (not NIfTI-1)"));

      const auto n_dimensions = field<std::int16_t>(header, 40, swapped);
      AssertThrow(n_dimensions >= 3 && n_dimensions <= 7,
                  bad("gives " + std::to_string(n_dimensions) +
                      " dimensions; a CT volume has 3"));
      double n_voxels = 1;
      for (unsigned int d = 1; d <= 3; ++d)
        {
          const auto extent = field<std::int16_t>(header, 40 + 2 * d, swapped);
          AssertThrow(extent >= 2,
                      bad("gives " + std::to_string(extent) +
                          " voxels along axis " + std::to_string(d) +
                          "; at least 2 are needed"));
          n_voxels *= extent;
        }

      // Voxel type: bits per voxel.
      const std::map<int, int> bits  = {{2, 8},     // unsigned char
                                        {4, 16},    // signed short
                                        {8, 32},    // signed int
                                        {16, 32},   // float
                                        {64, 64},   // double
                                        {256, 8},   // signed char
                                        {512, 16},  // unsigned short
                                        {768, 32}}; // unsigned int
      const int                type  = field<std::int16_t>(header, 70, swapped);
      const auto               found = bits.find(type);
      AssertThrow(found != bits.end(),
                  bad("gives voxel type " + std::to_string(type) +
                      "; cementflow reads 2, 4, 8, 16, 64, 256, 512 and 768 "
                      "(integers of 8-32 bits, float, double)"));
      const int bitpix = field<std::int16_t>(header, 72, swapped);
      AssertThrow(bitpix == found->second,
                  bad("gives " + std::to_string(bitpix) +
                      " bits per voxel for voxel type " + std::to_string(type) +
                      ", which has " + std::to_string(found->second)));

      for (unsigned int d = 1; d <= 3; ++d)
        {
          const float spacing = field<float>(header, 76 + 4 * d, swapped);
          AssertThrow(std::isfinite(spacing) && spacing > 0,
                      bad("gives a voxel spacing along axis " +
                          std::to_string(d) +
                          " that is not a positive number"));
        }
      const float offset = field<float>(header, 108, swapped);
      AssertThrow(std::isfinite(offset) && offset >= 352 && offset < 352 + 1e6,
                  bad("puts the data at byte " + std::to_string(offset) +
                      "; a single-file NIfTI has them at byte 352 or later"));
      AssertThrow(n_voxels * bitpix / 8 < 16e9,
                  bad("describes more than 16 GB of voxels"));
    }
  } // namespace Meshes
} // namespace cementflow
