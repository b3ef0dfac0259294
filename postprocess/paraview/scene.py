"""Pieces shared by the picture scripts (render_cement_cloud.py,
render_geometry.py): the view, the translucent body, the needles, the
veins, the regions above region_id 0, and the camera and screenshot. Coordinates are
in millimetres, as cementflow writes them.
"""
import os

from paraview import simple


def at_least(value, floor):
    """The larger of the two numbers. (A Programmable Filter runs
    `from vtk.numpy_interface.algorithms import *` in the __main__ module,
    which replaces the built-in max of the picture scripts.)"""
    return value if value > floor else floor


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


# Programmable Filters run this file's functions, so that a saved state
# recomputes the surfaces (also at other times of an adaptive mesh).
SURFACES = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "surfaces.py")).read()


def surface_filter(series, name, regions_only):
    """The outer surface of the mesh, or of its regions, as a filter."""
    script = SURFACES + f"""
mesh = self.GetInputDataObject(0, 0)
if {regions_only}:
    mesh = region_cells(mesh)
if mesh is not None:
    self.GetOutputDataObject(0).ShallowCopy(outer_surface(mesh))
"""
    return simple.ProgrammableFilter(registrationName=name, Input=series,
                                     OutputDataSetType="vtkPolyData",
                                     Script=script)


def show_body(series, view, opacity):
    """The outer surface of the mesh, translucent bone colour."""
    body = simple.Show(surface_filter(series, "bone", False), view)
    body.ColorArrayName = ["POINTS", ""]
    body.DiffuseColor = [0.85, 0.8, 0.7]
    body.Opacity = opacity
    return body


def show_regions(series, view):
    """The regions (region_id above 0: lesions, veins, clefts) as a
    surface, or None if there are none."""
    if series.CellData["region_id"].GetRange()[1] < 1:
        return None
    return simple.Show(surface_filter(series, "regions", True), view)


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


def show_vessels(folder, view, time):
    """vessels.pvd, if the folder has one: each vein as a tube of its radius,
    coloured by the cement fraction of its segments (blue blood, dark red
    cement), returned with its filter; otherwise None."""
    vessels_file = os.path.join(folder, "vessels.pvd")
    if not os.path.exists(vessels_file):
        return None
    vessels = simple.PVDReader(registrationName="veins",
                               FileName=vessels_file)
    vessels.UpdatePipeline(time)
    points = simple.CellDatatoPointData(registrationName="veins at points",
                                        Input=vessels)
    points.PassCellData = 1
    tubes = simple.Tube(registrationName="vein tubes", Input=points)
    tubes.Scalars = ["POINTS", "radius_mm"]
    tubes.VaryRadius = "By Absolute Scalar"
    tubes.NumberofSides = 16
    display = simple.Show(tubes, view)
    simple.ColorBy(display, ("CELLS", "cement_fraction"))
    fraction = simple.GetColorTransferFunction("cement_fraction")
    # Venous blue for blood, dark red for cement.
    fraction.RGBPoints = [0.0, 0.25, 0.45, 0.85, 1.0, 0.55, 0.0, 0.05]
    fraction.ColorSpace = "RGB"
    fraction.RescaleTransferFunction(0.0, 1.0)
    bar = simple.GetScalarBar(fraction, view)
    bar.Title = "cement in the veins (fraction)"
    bar.ComponentTitle = ""
    bar.TitleColor = [0, 0, 0]
    bar.LabelColor = [0, 0, 0]
    bar.WindowLocation = "Upper Left Corner"
    display.SetScalarBarVisibility(view, True)
    return display


def show_title(view, text):
    """A black title in the upper left corner, unless text is empty."""
    if not text:
        return
    title_display = simple.Show(simple.Text(Text=text), view)
    title_display.Color = [0, 0, 0]
    title_display.FontSize = 14
    title_display.WindowLocation = "Upper Left Corner"


def save_picture(view, png, size):
    """Looks from the posterior left, above, and writes the PNG."""
    view.CameraPosition = [90, -110, 70]
    view.CameraFocalPoint = [0, 0, 0]
    view.CameraViewUp = [0, 0, 1]
    view.ResetCamera()
    simple.Render(view)
    simple.SaveScreenshot(png, view, ImageResolution=size)
    print(f"wrote {png}")
