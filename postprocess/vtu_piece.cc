#include "vtu_piece.h"

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
      // Every piece lists the same fields in the same order.
      const std::int64_t offset = n_points();
      points.insert(points.end(), other.points.begin(), other.points.end());
      for (const std::int64_t p : other.connectivity)
        connectivity.push_back(p + offset);
      const auto append_fields = [](std::vector<VtuField>       &mine,
                                    const std::vector<VtuField> &theirs) {
        for (unsigned int f = 0; f < mine.size(); ++f)
          mine[f].values.insert(mine[f].values.end(),
                                theirs[f].values.begin(),
                                theirs[f].values.end());
      };
      append_fields(point_fields, other.point_fields);
      append_fields(cell_fields, other.cell_fields);
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
      writer->SetFileName(path.c_str());
      writer->SetDataModeToAppended();
      writer->SetCompressorTypeToZLib();
      writer->SetCompressionLevel(1);
      if (writer->Write() != 1)
        throw std::runtime_error("Could not write the file <" + path + ">.");
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
