#ifndef cementflow_meshes_nifti_header_h
#define cementflow_meshes_nifti_header_h

#include <string>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * Checks the 348-byte header of a NIfTI-1 file (.nii or .nii.gz) against
     * what the format promises before VTK reads it: header size, number of
     * dimensions and their extents, a voxel type cementflow reads with the
     * matching bits per voxel, the offset of the data, finite spacings. VTK
     * trusts these fields, and a damaged voxel type made it crash. Throws
     * naming the file and the field.
     */
    void check_nifti_header(const std::string &path);
  } // namespace Meshes
} // namespace cementflow

#endif
