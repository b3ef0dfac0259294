"""Pieces shared by the picture scripts (render_cement_cloud.py,
render_geometry.py): the view, the translucent body, the needles, the
regions above region_id 0, and the camera and screenshot. Coordinates are
in millimetres, as cementflow writes them.
"""
import os

import numpy
from paraview import servermanager, simple
from vtkmodules.util import numpy_support
from vtkmodules.util.vtkConstants import VTK_ID_TYPE, VTK_UNSIGNED_CHAR
from vtkmodules.vtkCommonDataModel import (vtkCellArray, vtkPolyData,
                                            vtkStaticCellLocator,
                                            vtkUnstructuredGrid)


def make_view(size, time=None):
    """A white render view of the given size (width, height)."""
    view = simple.CreateView("RenderView")
    view.ViewSize = size
    view.Background = [1, 1, 1]
    view.UseColorPaletteForBackground = 0
    view.OrientationAxesVisibility = 1
    if time is not None:
        view.ViewTime = time
    return view


def outer_surface(series, name):
    """The outer surface of a mesh (a source) as a source named @p name,
    with the cell data of the cells under it. ExtractSurface alone also
    returns faces that have no single matching face on the other side:
    where an adaptive mesh changes level (one coarse face against four
    fine ones) and between the pieces of a parallel run. A face is kept
    only if a point a quarter of its size outside it lies outside the
    mesh."""
    surface = servermanager.Fetch(simple.ExtractSurface(Input=series))
    mesh = servermanager.Fetch(series)
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
    source = simple.TrivialProducer(registrationName=name)
    source.GetClientSideObject().SetOutput(outer)
    return source


def show_body(series, view, opacity):
    """The outer surface of the mesh, translucent bone colour."""
    body = simple.Show(outer_surface(series, "bone"), view)
    body.ColorArrayName = ["POINTS", ""]
    body.DiffuseColor = [0.85, 0.8, 0.7]
    body.Opacity = opacity
    return body


def region_cells(series):
    """A source holding the cells of region_id above 0 (lesions, veins,
    clefts), with their region_id, or None if there are none. Built here
    with numpy rather than with ParaView's Threshold: in ParaView 5.11,
    Threshold (vtkExtractCells) crashed at random, about one run in ten."""
    mesh = servermanager.Fetch(series)
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
    source = simple.TrivialProducer(registrationName="region cells")
    source.GetClientSideObject().SetOutput(subset)
    return source


def show_regions(series, view):
    """The regions (region_id above 0) as a surface, or None if there are
    none."""
    regions = region_cells(series)
    if regions is None:
        return None
    return simple.Show(outer_surface(regions, "region surfaces"), view)


def show_needles(folder, view):
    """needle.vtp, dark grey, if the folder has one."""
    needle_file = os.path.join(folder, "needle.vtp")
    if not os.path.exists(needle_file):
        return None
    needle = simple.XMLPolyDataReader(registrationName="needle",
                                      FileName=needle_file)
    display = simple.Show(needle, view)
    display.ColorArrayName = ["POINTS", ""]
    display.DiffuseColor = [0.3, 0.3, 0.35]
    return display


def save_picture(view, png, size):
    """Looks from the posterior left, above, and writes the PNG."""
    view.CameraPosition = [90, -110, 70]
    view.CameraFocalPoint = [0, 0, 0]
    view.CameraViewUp = [0, 0, 1]
    view.ResetCamera()
    simple.Render(view)
    simple.SaveScreenshot(png, view, ImageResolution=size)
    print(f"wrote {png}")
