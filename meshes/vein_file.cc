#include "vein_file.h"

#include "legacy_vtk_check.h"
#include "vtk_errors.h"

#include <deal.II/base/exceptions.h>

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCommand.h>
#include <vtkDataArray.h>
#include <vtkDoubleArray.h>
#include <vtkExecutive.h>
#include <vtkIntArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataReader.h>
#include <vtkPolyDataWriter.h>
#include <vtkXMLPolyDataReader.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace cementflow
{
  namespace Meshes
  {
    using namespace dealii;

    namespace
    {
      bool ends_with(const std::string &text, const std::string &ending)
      {
        return text.size() >= ending.size() &&
               text.compare(text.size() - ending.size(),
                            ending.size(),
                            ending) == 0;
      }
    } // namespace



    std::vector<VeinPolyline> read_vein_polylines(const std::string &file,
                                                  const double length_unit)
    {
      const auto problem = [&file](const std::string &what) {
        return ExcMessage("The vein file <" + file + "> " + what);
      };
      AssertThrow(std::filesystem::is_regular_file(file),
                  problem("does not exist or is not a file."));
      AssertThrow(ends_with(file, ".vtk") || ends_with(file, ".vtp"),
                  problem("has an unknown extension; veins are read from "
                          "legacy VTK (.vtk) or XML polydata (.vtp)."));

      vtkNew<VtkErrorCollector>    errors;
      vtkPolyData                 *data = nullptr;
      vtkNew<vtkPolyDataReader>    legacy;
      vtkNew<vtkXMLPolyDataReader> xml;
      if (ends_with(file, ".vtk"))
        {
          std::ifstream      stream(file, std::ios::binary);
          std::ostringstream text;
          text << stream.rdbuf();
          const std::string structure = legacy_vtk_polydata_problem(text.str());
          AssertThrow(structure.empty(),
                      problem("is not a valid legacy VTK polydata file: " +
                              structure + "."));
          errors->watch(legacy);
          legacy->SetFileName(file.c_str());
          legacy->Update();
          AssertThrow(legacy->IsFilePolyData() != 0,
                      problem("is not a legacy VTK polydata file. " +
                              errors->messages));
          data = legacy->GetOutput();
        }
      else
        {
          errors->watch(xml);
          xml->SetFileName(file.c_str());
          xml->Update();
          data = xml->GetOutput();
        }
      AssertThrow(errors->messages.empty(),
                  problem("could not be read: " + errors->messages));
      AssertThrow(data != nullptr && data->GetLines() != nullptr &&
                    data->GetNumberOfLines() > 0,
                  problem("holds no polylines (VTK lines); each vein is one "
                          "polyline."));
      vtkDataArray *radii = data->GetPointData()->GetArray("radius_mm");
      AssertThrow(radii != nullptr && radii->GetNumberOfComponents() == 1 &&
                    radii->GetNumberOfTuples() == data->GetNumberOfPoints(),
                  problem("has no point array radius_mm with one value per "
                          "point: the lumen radius in mm."));
      vtkDataArray *classes = data->GetCellData()->GetArray("leak_class");

      std::vector<VeinPolyline> polylines;
      vtkCellArray             *lines = data->GetLines();
      lines->InitTraversal();
      vtkNew<vtkIdList> ids;
      vtkIdType         line = 0;
      while (lines->GetNextCell(ids) != 0)
        {
          VeinPolyline polyline;
          AssertThrow(ids->GetNumberOfIds() >= 2,
                      problem("has a polyline with fewer than two points."));
          for (vtkIdType i = 0; i < ids->GetNumberOfIds(); ++i)
            {
              const vtkIdType id = ids->GetId(i);
              double          x[3];
              data->GetPoint(id, x);
              const double radius = radii->GetComponent(id, 0);
              AssertThrow(std::isfinite(x[0]) && std::isfinite(x[1]) &&
                            std::isfinite(x[2]),
                          problem("has a point that is not a number."));
              AssertThrow(std::isfinite(radius) && radius > 0 && radius < 100,
                          problem("has a radius_mm of " +
                                  std::to_string(radius) +
                                  "; radii must lie in (0, 100) mm."));
              polyline.points.emplace_back(x[0] * length_unit,
                                           x[1] * length_unit,
                                           x[2] * length_unit);
              polyline.radii.push_back(radius * 1e-3);
            }
          // The cell arrays of polydata number vertices, then lines.
          const vtkIdType cell = data->GetNumberOfVerts() + line;
          if (classes != nullptr && cell < classes->GetNumberOfTuples())
            {
              const double value = classes->GetComponent(cell, 0);
              AssertThrow(value == 0 || value == 1,
                          problem("has a leak_class of " +
                                  std::to_string(value) +
                                  "; allowed are 0 (basivertebral) and 1 "
                                  "(segmental)."));
              polyline.leak_class = static_cast<int>(value);
            }
          polylines.push_back(polyline);
          ++line;
        }
      return polylines;
    }



    void write_vein_polylines(const std::string               &file,
                              const std::vector<VeinPolyline> &polylines,
                              const double                     length_unit)
    {
      vtkNew<vtkPoints>      points;
      vtkNew<vtkCellArray>   lines;
      vtkNew<vtkDoubleArray> radii;
      vtkNew<vtkIntArray>    classes;
      radii->SetName("radius_mm");
      classes->SetName("leak_class");
      for (const VeinPolyline &polyline : polylines)
        {
          lines->InsertNextCell(static_cast<int>(polyline.points.size()));
          for (unsigned int i = 0; i < polyline.points.size(); ++i)
            {
              const Point<3> &p = polyline.points[i];
              lines->InsertCellPoint(points->InsertNextPoint(
                p[0] / length_unit, p[1] / length_unit, p[2] / length_unit));
              radii->InsertNextValue(polyline.radii[i] * 1e3);
            }
          classes->InsertNextValue(polyline.leak_class);
        }
      vtkNew<vtkPolyData> data;
      data->SetPoints(points);
      data->SetLines(lines);
      data->GetPointData()->AddArray(radii);
      data->GetCellData()->AddArray(classes);
      vtkNew<vtkPolyDataWriter> writer;
      writer->SetFileName(file.c_str());
      writer->SetInputData(data);
      AssertThrow(writer->Write() == 1,
                  ExcMessage("Could not write the vein file <" + file + ">."));
    }
  } // namespace Meshes
} // namespace cementflow
