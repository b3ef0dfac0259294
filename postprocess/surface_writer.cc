#include "surface_writer.h"

#include "atomic_file.h"
#include "vtk_file.h"

#include <deal.II/base/data_out_base.h>

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataWriter.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace cementflow
{
  namespace Postprocess
  {
    namespace
    {
      vtkNew<vtkPolyData>
      polydata_with_points(const std::vector<double> &points)
      {
        const vtkIdType   n_points = points.size() / 3;
        vtkNew<vtkPoints> vtk_points;
        vtk_points->SetDataTypeToDouble();
        vtk_points->SetNumberOfPoints(n_points);
        for (vtkIdType p = 0; p < n_points; ++p)
          vtk_points->SetPoint(p, &points[3 * p]);
        vtkNew<vtkPolyData> data;
        data->SetPoints(vtk_points);
        return data;
      }

      void add_fields(vtkDataSetAttributes        *attributes,
                      const std::vector<VtuField> &fields)
      {
        for (const VtuField &field : fields)
          {
            vtkNew<vtkDoubleArray> array;
            array->SetName(field.name.c_str());
            array->SetNumberOfComponents(field.n_components);
            array->SetNumberOfTuples(field.values.size() / field.n_components);
            std::copy(field.values.begin(),
                      field.values.end(),
                      array->GetPointer(0));
            attributes->AddArray(array);
          }
      }

      // Under a temporary name, renamed when complete.
      void write_polydata(vtkPolyData *data, const std::string &path)
      {
        vtkNew<vtkXMLPolyDataWriter> writer;
        writer->SetInputData(data);
        writer->SetDataModeToAppended();
        write_vtk_file(writer, path);
      }
    } // namespace



    void write_quad_surface(const std::string           &path,
                            const std::vector<double>   &points,
                            const std::vector<VtuField> &cell_fields)
    {
      vtkNew<vtkPolyData>  surface = polydata_with_points(points);
      vtkNew<vtkCellArray> quads;
      for (vtkIdType q = 0; q < surface->GetNumberOfPoints() / 4; ++q)
        {
          const vtkIdType corners[4] = {4 * q, 4 * q + 1, 4 * q + 2, 4 * q + 3};
          quads->InsertNextCell(4, corners);
        }
      surface->SetPolys(quads);
      add_fields(surface->GetCellData(), cell_fields);
      write_polydata(surface, path);
    }



    void write_polylines(const std::string                              &path,
                         const std::vector<double>                      &points,
                         const std::vector<std::array<unsigned int, 2>> &lines,
                         const std::vector<VtuField> &point_fields,
                         const std::vector<VtuField> &cell_fields)
    {
      vtkNew<vtkPolyData>  data = polydata_with_points(points);
      vtkNew<vtkCellArray> segments;
      for (const std::array<unsigned int, 2> &line : lines)
        {
          const vtkIdType ends[2] = {line[0], line[1]};
          segments->InsertNextCell(2, ends);
        }
      data->SetLines(segments);
      add_fields(data->GetPointData(), point_fields);
      add_fields(data->GetCellData(), cell_fields);
      write_polydata(data, path);
    }



    TimeSeriesRecord::TimeSeriesRecord(const std::string &pvd_path,
                                       const bool         writes_file)
      : pvd_path(pvd_path)
      , writes_file(writes_file)
    {}



    void TimeSeriesRecord::add(const double       time,
                               const std::string &relative_file)
    {
      times_and_names.emplace_back(time, relative_file);
      if (!writes_file)
        return;
      std::ostringstream text;
      dealii::DataOutBase::write_pvd_record(text, times_and_names);
      write_file_atomically(pvd_path, text.str());
    }



    const std::vector<std::pair<double, std::string>> &
    TimeSeriesRecord::records() const
    {
      return times_and_names;
    }



    void TimeSeriesRecord::restore(
      const std::vector<std::pair<double, std::string>> &records)
    {
      times_and_names = records;
    }
  } // namespace Postprocess
} // namespace cementflow
