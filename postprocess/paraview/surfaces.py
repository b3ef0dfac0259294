"""Surfaces of a cementflow mesh, computed with VTK and numpy. scene.py
runs this file's text inside ParaView Programmable Filters, so that a saved
state (.pvsm) recomputes them when it is opened. Not ParaView's Threshold:
in ParaView 5.11 it (vtkExtractCells) crashed at random, about one run in
ten.
"""
import numpy
from vtkmodules.util import numpy_support
from vtkmodules.util.vtkConstants import VTK_ID_TYPE, VTK_UNSIGNED_CHAR
from vtkmodules.vtkCommonDataModel import (vtkCellArray, vtkPolyData,
                                            vtkStaticCellLocator,
                                            vtkUnstructuredGrid)
from vtkmodules.vtkFiltersGeometry import vtkDataSetSurfaceFilter


def region_cells(mesh):
    """The cells of region_id above 0 (lesions, veins, clefts) with their
    region_id, or None if there are none."""
    region_id = numpy_support.vtk_to_numpy(
        mesh.GetCellData().GetArray("region_id"))
    selected = numpy.flatnonzero(region_id > 0)
    if selected.size == 0:
        return None
    cells = mesh.GetCells()
    offsets = numpy_support.vtk_to_numpy(cells.GetOffsetsArray())
    connectivity = numpy_support.vtk_to_numpy(cells.GetConnectivityArray())
    sizes = offsets[selected + 1] - offsets[selected]
    new_offsets = numpy.concatenate(([0], numpy.cumsum(sizes)))
    new_connectivity = numpy.concatenate(
        [connectivity[offsets[c]:offsets[c + 1]] for c in selected])
    new_cells = vtkCellArray()
    new_cells.SetData(
        numpy_support.numpy_to_vtk(new_offsets, deep=True,
                                   array_type=VTK_ID_TYPE),
        numpy_support.numpy_to_vtk(new_connectivity, deep=True,
                                   array_type=VTK_ID_TYPE))
    types = numpy_support.vtk_to_numpy(mesh.GetCellTypesArray())[selected]
    subset = vtkUnstructuredGrid()
    subset.SetPoints(mesh.GetPoints())
    subset.SetCells(numpy_support.numpy_to_vtk(types, deep=True,
                                               array_type=VTK_UNSIGNED_CHAR),
                    new_cells)
    ids = numpy_support.numpy_to_vtk(region_id[selected], deep=True)
    ids.SetName("region_id")
    subset.GetCellData().AddArray(ids)
    return subset


def outer_surface(mesh):
    """The outer surface of a mesh with the cell data of the cells under
    it. A surface filter alone also returns faces that have no single
    matching face on the other side: where an adaptive mesh changes level
    (one coarse face against four fine ones) and between the pieces of a
    parallel run. A face is kept only if a point a quarter of its size
    outside it lies outside the mesh."""
    surface_filter = vtkDataSetSurfaceFilter()
    surface_filter.SetInputData(mesh)
    surface_filter.Update()
    surface = surface_filter.GetOutput()
    locator = vtkStaticCellLocator()
    locator.SetDataSet(mesh)
    locator.BuildLocator()
    points = numpy_support.vtk_to_numpy(surface.GetPoints().GetData())
    polys = surface.GetPolys()
    offsets = numpy_support.vtk_to_numpy(polys.GetOffsetsArray())
    connectivity = numpy_support.vtk_to_numpy(polys.GetConnectivityArray())
    kept = vtkCellArray()
    outer = vtkPolyData()
    outer.GetPointData().ShallowCopy(surface.GetPointData())
    outer.GetCellData().CopyAllocate(surface.GetCellData())
    for face in range(len(offsets) - 1):
        ids = connectivity[offsets[face]:offsets[face + 1]]
        corners = points[ids]
        centre = corners.mean(axis=0)
        # The diagonals' cross product: twice the area of a planar quad.
        normal = numpy.cross(corners[2] - corners[0], corners[-1] - corners[1])
        length = numpy.linalg.norm(normal)
        if length > 0:
            step = 0.25 * numpy.sqrt(length / 2) * normal / length
            if (locator.FindCell(centre + step) >= 0 and
                    locator.FindCell(centre - step) >= 0):
                continue
        outer.GetCellData().CopyData(surface.GetCellData(), face,
                                     kept.InsertNextCell(len(ids),
                                                         [int(i) for i in ids]))
    outer.SetPoints(surface.GetPoints())
    outer.SetPolys(kept)
    return outer
