"""Renders the cement cloud of a cementflow result folder to a PNG, with
ParaView 5.11's pvpython:

    pvpython render_cement_cloud.py RESULT_FOLDER OUTPUT.png [WIDTH HEIGHT]

The scene: the bone as a translucent surface, lesions in translucent red,
the cement cloud as the iso-surface of cement saturation 0.5 at the last
output time, coloured by the cement arrival time, and the needle.
Coordinates are in millimetres.
"""
import os
import sys

from paraview import simple

folder, png = sys.argv[1], sys.argv[2]
size = [int(sys.argv[3]), int(sys.argv[4])] if len(sys.argv) > 4 else [1200, 900]

series = simple.PVDReader(FileName=os.path.join(folder, "solution.pvd"))
times = list(series.TimestepValues)
last = times[-1]
series.UpdatePipeline(last)

view = simple.CreateView("RenderView")
view.ViewSize = size
view.Background = [1, 1, 1]
view.UseColorPaletteForBackground = 0
view.OrientationAxesVisibility = 1
view.ViewTime = last

bone = simple.ExtractSurface(Input=series)
bone_display = simple.Show(bone, view)
bone_display.Representation = "Surface"
bone_display.DiffuseColor = [0.85, 0.8, 0.7]
bone_display.Opacity = 0.25
bone_display.ColorArrayName = ["POINTS", ""]

cloud = simple.Contour(Input=series,
                       ContourBy=["POINTS", "cement_saturation_at_points"],
                       Isosurfaces=[0.5])
cloud_display = simple.Show(cloud, view)
simple.ColorBy(cloud_display, ("POINTS", "cement_arrival_time_s_at_points"))
arrival = simple.GetColorTransferFunction("cement_arrival_time_s_at_points")
arrival.ApplyPreset("Viridis (matplotlib)", True)
arrival.RescaleTransferFunction(0.0, float(last))
bar = simple.GetScalarBar(arrival, view)
bar.Title = "cement arrival time (s)"
bar.ComponentTitle = ""
bar.TitleColor = [0, 0, 0]
bar.LabelColor = [0, 0, 0]
cloud_display.SetScalarBarVisibility(view, True)

# Lesions (region id 1 and above) as translucent red bodies.
lesions = simple.Threshold(Input=series, Scalars=["CELLS", "region_id"],
                           LowerThreshold=0.5, UpperThreshold=1e9)
lesion_surface = simple.ExtractSurface(Input=lesions)
lesion_display = simple.Show(lesion_surface, view)
lesion_display.ColorArrayName = ["POINTS", ""]
lesion_display.DiffuseColor = [0.8, 0.2, 0.2]
lesion_display.Opacity = 0.35

needle_file = os.path.join(folder, "needle.vtp")
if os.path.exists(needle_file):
    needle = simple.XMLPolyDataReader(FileName=needle_file)
    needle_display = simple.Show(needle, view)
    needle_display.DiffuseColor = [0.3, 0.3, 0.35]
    needle_display.ColorArrayName = ["POINTS", ""]

view.CameraPosition = [90, -110, 70]
view.CameraFocalPoint = [0, 0, 0]
view.CameraViewUp = [0, 0, 1]
view.ResetCamera()
simple.Render(view)
simple.SaveScreenshot(png, view, ImageResolution=size)
print(f"wrote {png}")
