#include "vtu_piece.h"

#include "vtk_file.h"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCellType.h>
#include <vtkDoubleArray.h>
#include <vtkIdTypeArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLUnstructuredGridWriter.h>

#include <algorithm>
#include <array>
#include <map>
#include <sstream>
#include <stdexcept>

namespace cementflow
{
  namespace Postprocess
  {
    unsigned int VtuPiece::n_points() const
    {
      return points.size() / 3;
    }



    unsigned int VtuPiece::n_cells() const
    {
      return connectivity.size() / 8;
    }



    void VtuPiece::append(const VtuPiece &other)
    {
      // Every piece lists the same fields in the same order. Points that two
      // pieces share (the vertices on a partition boundary, bitwise equal
      // because both ranks read them from the same mesh) are kept once, so
      // that the merged mesh has no inner surface.
      std::map<std::array<double, 3>, std::int64_t> known;
      for (unsigned int p = 0; p < n_points(); ++p)
        known.emplace(std::array<double, 3>{{points[3 * p],
                                             points[3 * p + 1],
                                             points[3 * p + 2]}},
                      p);
      std::vector<std::int64_t> renumbered(other.n_points());
      std::vector<unsigned int> new_points;
      for (unsigned int p = 0; p < other.n_points(); ++p)
        {
          const std::array<double, 3> x     = {{other.points[3 * p],
                                                other.points[3 * p + 1],
                                                other.points[3 * p + 2]}};
          const auto                  found = known.find(x);
          if (found != known.end())
            renumbered[p] = found->second;
          else
            {
              renumbered[p] = n_points();
              known.emplace(x, renumbered[p]);
              points.insert(points.end(), x.begin(), x.end());
              new_points.push_back(p);
            }
        }
      for (const std::int64_t p : other.connectivity)
        connectivity.push_back(renumbered[p]);
      for (unsigned int f = 0; f < point_fields.size(); ++f)
        {
          const unsigned int n = point_fields[f].n_components;
          for (const unsigned int p : new_points)
            for (unsigned int d = 0; d < n; ++d)
              point_fields[f].values.push_back(
                other.point_fields[f].values[n * p + d]);
        }
      for (unsigned int f = 0; f < cell_fields.size(); ++f)
        cell_fields[f].values.insert(cell_fields[f].values.end(),
                                     other.cell_fields[f].values.begin(),
                                     other.cell_fields[f].values.end());
    }



    namespace
    {
      vtkNew<vtkDoubleArray> to_vtk(const VtuField &field)
      {
        vtkNew<vtkDoubleArray> array;
        array->SetName(field.name.c_str());
        array->SetNumberOfComponents(field.n_components);
        array->SetNumberOfTuples(field.values.size() / field.n_components);
        std::copy(field.values.begin(),
                  field.values.end(),
                  array->GetPointer(0));
        return array;
      }
    } // namespace



    void write_vtu(const std::string &path, const VtuPiece &piece)
    {
      vtkNew<vtkPoints> points;
      points->SetDataTypeToDouble();
      points->SetNumberOfPoints(piece.n_points());
      std::copy(piece.points.begin(),
                piece.points.end(),
                static_cast<double *>(points->GetVoidPointer(0)));

      vtkNew<vtkIdTypeArray> offsets, connectivity;
      offsets->SetNumberOfValues(piece.n_cells() + 1);
      connectivity->SetNumberOfValues(piece.connectivity.size());
      for (unsigned int c = 0; c <= piece.n_cells(); ++c)
        offsets->SetValue(c, 8 * c);
      std::copy(piece.connectivity.begin(),
                piece.connectivity.end(),
                connectivity->GetPointer(0));
      vtkNew<vtkCellArray> cells;
      cells->SetData(offsets, connectivity);

      vtkNew<vtkUnstructuredGrid> grid;
      grid->SetPoints(points);
      grid->SetCells(VTK_HEXAHEDRON, cells);
      for (const VtuField &field : piece.point_fields)
        grid->GetPointData()->AddArray(to_vtk(field));
      for (const VtuField &field : piece.cell_fields)
        grid->GetCellData()->AddArray(to_vtk(field));

      vtkNew<vtkXMLUnstructuredGridWriter> writer;
      writer->SetInputData(grid);
      writer->SetDataModeToAppended();
      writer->SetCompressorTypeToZLib();
      writer->SetCompressionLevel(1);
      write_vtk_file(writer, path);
    }



    std::string pvtu_record(const VtuPiece                 &layout,
                            const std::vector<std::string> &pieces)
    {
      std::ostringstream out;
      const auto         arrays = [&out](const std::vector<VtuField> &fields) {
        for (const VtuField &field : fields)
          out << "      <PDataArray type=\"Float64\" Name=\"" << field.name
              << "\" NumberOfComponents=\"" << field.n_components << "\"/>\n";
      };
      out << "<?xml version=\"1.0\"?>\n"
          << "<VTKFile type=\"PUnstructuredGrid\" version=\"1.0\" "
             "byte_order=\"LittleEndian\" header_type=\"UInt64\">\n"
          << "  <PUnstructuredGrid GhostLevel=\"0\">\n"
          << "    <PPointData>\n";
      arrays(layout.point_fields);
      out << "    </PPointData>\n    <PCellData>\n";
      arrays(layout.cell_fields);
      out << "    </PCellData>\n    <PPoints>\n"
          << "      <PDataArray type=\"Float64\" NumberOfComponents=\"3\"/>\n"
          << "    </PPoints>\n";
      for (const std::string &piece : pieces)
        out << "    <Piece Source=\"" << piece << "\"/>\n";
      out << "  </PUnstructuredGrid>\n</VTKFile>\n";
      return out.str();
    }
  } // namespace Postprocess
} // namespace cementflow
