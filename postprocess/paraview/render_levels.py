"""Draws several vertebral bodies side by side, each as `cementflow mesh`
wrote it, with ParaView 5.11's pvpython (scripts/pvpython on Debian 12):
    pvpython render_levels.py OUTPUT.png LABEL=FOLDER [LABEL=FOLDER ...]
             [--size WIDTH HEIGHT] [--title TEXT]
Each body is shifted along x so that they stand in a row at true scale,
seen from behind (where the needles enter) and a little above, with its
label below it. Coordinates are in millimetres.
"""
import argparse
import os
import sys

from paraview import simple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scene  # noqa: E402  (the folder of this script)

parser = argparse.ArgumentParser()
parser.add_argument("png")
parser.add_argument("bodies", nargs="+", help="LABEL=FOLDER")
parser.add_argument("--size", nargs=2, type=int, default=[1600, 600])
parser.add_argument("--title", default="")
parser.add_argument("--gap", type=float, default=8.0, help="mm between bodies")
arguments = parser.parse_args()

view = scene.make_view(arguments.size)
view.OrientationAxesVisibility = 0
x = 0.0
for index, entry in enumerate(arguments.bodies):
    label, folder = entry.split("=", 1)
    folder = os.path.abspath(folder)
    series = simple.PVDReader(registrationName=f"body {label}",
                              FileName=os.path.join(folder, "solution.pvd"))
    series.UpdatePipeline()
    bounds = series.GetDataInformation().GetBounds()
    width = bounds[1] - bounds[0]
    shift = [x - bounds[0], 0.0, 0.0]

    surface = scene.surface_filter(series, f"bone {label}", False)
    moved = simple.Transform(registrationName=f"placed {label}", Input=surface)
    moved.Transform = "Transform"
    moved.Transform.Translate = shift
    display = simple.Show(moved, view)
    display.ColorArrayName = ["POINTS", ""]
    display.DiffuseColor = [0.85, 0.8, 0.7]
    display.Opacity = 0.55

    needle_file = os.path.join(folder, "needle.vtp")
    if os.path.exists(needle_file):
        needle = simple.XMLPolyDataReader(registrationName=f"needle {label}",
                                          FileName=needle_file)
        placed_needle = simple.Transform(Input=needle)
        placed_needle.Transform = "Transform"
        placed_needle.Transform.Translate = shift
        needle_display = simple.Show(placed_needle, view)
        needle_display.ColorArrayName = ["POINTS", ""]
        needle_display.DiffuseColor = [0.3, 0.3, 0.35]

    text = simple.a3DText(registrationName=f"label {label}", Text=label)
    placed_text = simple.Transform(Input=text)
    placed_text.Transform = "Transform"
    placed_text.Transform.Scale = [6.0, 6.0, 6.0]
    placed_text.Transform.Rotate = [90.0, 0.0, 0.0]
    placed_text.Transform.Translate = [x + 0.5 * width - 3.0 * len(label),
                                       bounds[2] - 5.0, bounds[4] - 12.0]
    text_display = simple.Show(placed_text, view)
    text_display.ColorArrayName = ["POINTS", ""]
    text_display.DiffuseColor = [0.1, 0.1, 0.1]
    x += width + arguments.gap

scene.show_title(view, arguments.title)

centre = [0.5 * x, 0.0, 0.0]
simple.Render(view)  # the first render resets the camera; set it after
view.CameraFocalPoint = centre
# From behind and above, framing the row (the needles reach far behind
# the bodies, so ResetCamera would frame them instead).
view.CameraPosition = [centre[0], -0.68 * x, 0.3 * x]
view.CameraViewUp = [0, 0, 1]
# A parallel projection keeps the row at one scale.
view.CameraParallelProjection = 1
view.CameraParallelScale = 0.5 * (x + 10.0) * arguments.size[1] / arguments.size[0]
simple.Render(view)
simple.SaveScreenshot(arguments.png, view, ImageResolution=arguments.size)
print(f"wrote {arguments.png}")
