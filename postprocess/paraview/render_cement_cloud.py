"""Renders the cement cloud of a cementflow result folder to a PNG, with
ParaView 5.11's pvpython (scripts/pvpython runs it on Debian 12):

    pvpython render_cement_cloud.py RESULT_FOLDER OUTPUT.png
             [--size WIDTH HEIGHT] [--state SCENE.pvsm]

The scene, at the last output time: the bone as a translucent surface,
lesions in translucent red, the cement cloud as the iso-surface of cement
saturation 0.5 coloured by the cement arrival time, the exit zones coloured
by the cement that has leaked through them, the veins (vessels.pvd) as
tubes coloured by their cement, and the needle. Coordinates are
in millimetres. --state also saves the scene as a ParaView state file that
opens it interactively (File > Load State).
"""
import argparse
import os
import sys

from paraview import simple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scene  # noqa: E402  (the folder of this script)

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

view = scene.make_view(arguments.size, last)


def scalar_bar(name, title, view):
    transfer = simple.GetColorTransferFunction(name)
    bar = simple.GetScalarBar(transfer, view)
    bar.Title = title
    bar.ComponentTitle = ""
    bar.TitleColor = [0, 0, 0]
    bar.LabelColor = [0, 0, 0]
    return transfer, bar


scene.show_body(series, view, 0.25)

lesion_display = scene.show_regions(series, view)
if lesion_display is not None:
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
arrival.RescaleTransferFunction(0.0, scene.at_least(float(last), 1e-6))
arrival_bar.WindowLocation = "Lower Right Corner"
cloud_display.SetScalarBarVisibility(view, True)

exits_file = os.path.join(folder, "exits.pvd")
exits = None
if os.path.exists(exits_file):
    exits = simple.PVDReader(registrationName="exits", FileName=exits_file)
    exits.UpdatePipeline(last)
    # A case drained by veins alone has no exit zones to show.
    if exits.CellData["zone_leaked_volume_mL"] is None:
        simple.Delete(exits)
        exits = None
if exits is not None:
    exits_display = simple.Show(exits, view)
    exits_display.Opacity = 0.6
    simple.ColorBy(exits_display, ("CELLS", "zone_leaked_volume_mL"))
    leaked, leaked_bar = scalar_bar("zone_leaked_volume_mL",
                                    "leaked through the exit (mL)", view)
    leaked.ApplyPreset("Reds", True)
    leaked.InvertTransferFunction()  # darker red for more cement
    exits.UpdatePipeline(last)
    data_range = exits.CellData["zone_leaked_volume_mL"].GetRange()
    leaked.RescaleTransferFunction(0.0, scene.at_least(data_range[1], 0.01))
    leaked_bar.WindowLocation = "Upper Right Corner"
    exits_display.SetScalarBarVisibility(view, True)

scene.show_vessels(folder, view, last)
scene.show_needles(folder, view)
scene.save_picture(view, arguments.png, arguments.size)
if arguments.state:
    simple.SaveState(arguments.state)
    print(f"wrote {arguments.state}")
