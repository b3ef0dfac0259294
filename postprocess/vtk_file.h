#ifndef cementflow_postprocess_vtk_file_h
#define cementflow_postprocess_vtk_file_h

#include <string>

class vtkXMLWriter;

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * Runs @p writer (its input set) into a temporary file beside @p path
     * and renames it over @p path once complete. VTK's own error output is
     * captured; on failure the temporary file is removed and OutputError
     * names the file and the reason (a full disk, a file-size limit).
     */
    void write_vtk_file(vtkXMLWriter *writer, const std::string &path);
  } // namespace Postprocess
} // namespace cementflow

#endif
