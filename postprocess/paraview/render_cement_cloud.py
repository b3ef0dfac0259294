"""Renders the cement cloud of a cementflow result folder to a PNG, with
ParaView 5.11's pvpython (scripts/pvpython runs it on Debian 12):

    pvpython render_cement_cloud.py RESULT_FOLDER OUTPUT.png
             [--size WIDTH HEIGHT] [--state SCENE.pvsm]

The scene, at the last output time: the bone as a translucent surface,
lesions in translucent red, the cement cloud as the iso-surface of cement
saturation 0.5 coloured by the cement arrival time, the exit zones coloured
by the cement that has leaked through them, and the needle. Coordinates are
in millimetres. --state also saves the scene as a ParaView state file that
opens it interactively (File > Load State).
"""
import argparse
import os

from paraview import simple

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("png")
parser.add_argument("--size", nargs=2, type=int, default=[1200, 900])
parser.add_argument("--state")
arguments = parser.parse_args()
folder = os.path.abspath(arguments.folder)

series = simple.PVDReader(registrationName="solution",
                          FileName=os.path.join(folder, "solution.pvd"))
last = list(series.TimestepValues)[-1]
series.UpdatePipeline(last)

view = simple.CreateView("RenderView")
view.ViewSize = arguments.size
view.Background = [1, 1, 1]
view.UseColorPaletteForBackground = 0
view.OrientationAxesVisibility = 1
view.ViewTime = last


def scalar_bar(name, title, view):
    transfer = simple.GetColorTransferFunction(name)
    bar = simple.GetScalarBar(transfer, view)
    bar.Title = title
    bar.ComponentTitle = ""
    bar.TitleColor = [0, 0, 0]
    bar.LabelColor = [0, 0, 0]
    return transfer, bar


bone = simple.ExtractSurface(registrationName="bone", Input=series)
bone_display = simple.Show(bone, view)
bone_display.ColorArrayName = ["POINTS", ""]
bone_display.DiffuseColor = [0.85, 0.8, 0.7]
bone_display.Opacity = 0.25

# Only with regions: ParaView 5.11's Threshold can crash when no cell
# passes (vtkExtractCells reads past an empty id list).
if series.CellData["region_id"].GetRange()[1] >= 1:
    lesions = simple.Threshold(registrationName="lesions", Input=series,
                               Scalars=["CELLS", "region_id"],
                               LowerThreshold=0.5, UpperThreshold=1e9)
    lesion_display = simple.Show(simple.ExtractSurface(Input=lesions), view)
    lesion_display.ColorArrayName = ["POINTS", ""]
    lesion_display.DiffuseColor = [0.8, 0.2, 0.2]
    lesion_display.Opacity = 0.35

cloud = simple.Contour(registrationName="cement cloud", Input=series,
                       ContourBy=["POINTS", "cement_saturation_at_points"],
                       Isosurfaces=[0.5])
cloud_display = simple.Show(cloud, view)
simple.ColorBy(cloud_display, ("POINTS", "cement_arrival_time_s_at_points"))
arrival, arrival_bar = scalar_bar("cement_arrival_time_s_at_points",
                                  "cement arrival time (s)", view)
arrival.ApplyPreset("Viridis (matplotlib)", True)
arrival.RescaleTransferFunction(0.0, max(float(last), 1e-6))
arrival_bar.WindowLocation = "Lower Right Corner"
cloud_display.SetScalarBarVisibility(view, True)

exits_file = os.path.join(folder, "exits.pvd")
if os.path.exists(exits_file):
    exits = simple.PVDReader(registrationName="exits", FileName=exits_file)
    exits_display = simple.Show(exits, view)
    exits_display.Opacity = 0.6
    simple.ColorBy(exits_display, ("CELLS", "zone_leaked_volume_mL"))
    leaked, leaked_bar = scalar_bar("zone_leaked_volume_mL",
                                    "leaked through the exit (mL)", view)
    leaked.ApplyPreset("Reds", True)
    leaked.InvertTransferFunction()  # darker red for more cement
    exits.UpdatePipeline(last)
    data_range = exits.CellData["zone_leaked_volume_mL"].GetRange()
    leaked.RescaleTransferFunction(0.0, max(data_range[1], 0.01))
    leaked_bar.WindowLocation = "Upper Right Corner"
    exits_display.SetScalarBarVisibility(view, True)

needle_file = os.path.join(folder, "needle.vtp")
if os.path.exists(needle_file):
    needle = simple.XMLPolyDataReader(registrationName="needle",
                                      FileName=needle_file)
    needle_display = simple.Show(needle, view)
    needle_display.ColorArrayName = ["POINTS", ""]
    needle_display.DiffuseColor = [0.3, 0.3, 0.35]

view.CameraPosition = [90, -110, 70]
view.CameraFocalPoint = [0, 0, 0]
view.CameraViewUp = [0, 0, 1]
view.ResetCamera()
simple.Render(view)
simple.SaveScreenshot(arguments.png, view, ImageResolution=arguments.size)
print(f"wrote {arguments.png}")
if arguments.state:
    simple.SaveState(arguments.state)
    print(f"wrote {arguments.state}")
