#ifndef cementflow_meshes_legacy_vtk_check_h
#define cementflow_meshes_legacy_vtk_check_h

#include <string>

namespace cementflow
{
  namespace Meshes
  {
    /**
     * Checks the structure of an ASCII legacy VTK polydata file before
     * VTK reads it: every section (POINTS, LINES and the other cell lists
     * in the layouts of file versions 4 and 5, POINT_DATA and CELL_DATA
     * with SCALARS, VECTORS, NORMALS, TENSORS, TEXTURE_COORDINATES, FIELD
     * and LOOKUP_TABLE) holds as many numbers as its header announces,
     * they are finite, and cells name existing points. VTK 9.1's legacy
     * reader crashes on some truncated files (found by fuzzing) instead of
     * reporting them. Returns what is wrong, or "" for a sound file; binary
     * files and sections after METADATA are left to VTK.
     */
    std::string legacy_vtk_polydata_problem(const std::string &text);
  } // namespace Meshes
} // namespace cementflow

#endif
