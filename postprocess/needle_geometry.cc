#include "needle_geometry.h"

#include "atomic_file.h"
#include "vtk_file.h"

#include <vtkAppendPolyData.h>
#include <vtkLineSource.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkTubeFilter.h>
#include <vtkXMLPolyDataWriter.h>

#include <stdexcept>

namespace cementflow
{
  namespace Postprocess
  {
    void write_needle_geometry(
      const std::string                                                &path,
      const std::vector<std::pair<dealii::Point<3>, dealii::Point<3>>> &needles,
      const double                                                      radius)
    {
      vtkNew<vtkAppendPolyData> all;
      for (const auto &[entry, tip] : needles)
        {
          vtkNew<vtkLineSource> line;
          line->SetPoint1(entry[0], entry[1], entry[2]);
          line->SetPoint2(tip[0], tip[1], tip[2]);
          vtkNew<vtkTubeFilter> tube;
          tube->SetInputConnection(line->GetOutputPort());
          tube->SetRadius(radius);
          tube->SetNumberOfSides(24);
          tube->CappingOn();
          tube->Update();
          all->AddInputData(tube->GetOutput());
        }

      vtkNew<vtkXMLPolyDataWriter> writer;
      writer->SetInputConnection(all->GetOutputPort());
      write_vtk_file(writer, path);
    }
  } // namespace Postprocess
} // namespace cementflow
