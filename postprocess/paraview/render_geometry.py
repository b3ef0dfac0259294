"""Renders the geometry of a case, as written by `cementflow mesh`, to a
PNG with ParaView 5.11's pvpython (scripts/pvpython runs it on Debian 12):
    pvpython render_geometry.py GEOMETRY_FOLDER OUTPUT.png
             [--size WIDTH HEIGHT] [--title TEXT]
The scene: the body as a translucent surface; its regions (lesions, venous
channels, fracture clefts: region_id above 0) as solid surfaces coloured by
region; the exit zones in red; the needles. Coordinates are in millimetres.
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
parser.add_argument("--title", default="")
arguments = parser.parse_args()
folder = os.path.abspath(arguments.folder)

series = simple.PVDReader(registrationName="geometry",
                          FileName=os.path.join(folder, "solution.pvd"))
first = list(series.TimestepValues)[0] if series.TimestepValues else 0
series.UpdatePipeline(first)

view = scene.make_view(arguments.size)
scene.show_body(series, view, 0.2)

regions_range = series.CellData["region_id"].GetRange()
regions_display = scene.show_regions(series, view)
if regions_display is not None:
    simple.ColorBy(regions_display, ("CELLS", "region_id"))
    region_colours = simple.GetColorTransferFunction("region_id")
    region_colours.ApplyPreset("Set1", True)
    region_colours.RescaleTransferFunction(1.0, scene.at_least(regions_range[1], 2.0))
    bar = simple.GetScalarBar(region_colours, view)
    bar.Title = "region (1 = first lesion, then veins, clefts)"
    bar.ComponentTitle = ""
    bar.TitleColor = [0, 0, 0]
    bar.LabelColor = [0, 0, 0]
    bar.WindowLocation = "Lower Right Corner"
    regions_display.SetScalarBarVisibility(view, True)

exits_file = os.path.join(folder, "exits.pvd")
if os.path.exists(exits_file):
    exits = simple.PVDReader(registrationName="exits", FileName=exits_file)
    exits_display = simple.Show(exits, view)
    exits_display.ColorArrayName = ["POINTS", ""]
    exits_display.DiffuseColor = [0.85, 0.1, 0.1]

scene.show_needles(folder, view)

scene.show_title(view, arguments.title)

scene.save_picture(view, arguments.png, arguments.size)
