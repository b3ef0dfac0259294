# Draws a slice at z = 0 of a cell field of the last time of a run:
# pvpython render_slice.py SOLUTION.pvd PICTURE.png FIELD
import sys
from paraview.simple import *
reader = PVDReader(FileName=sys.argv[1])
reader.UpdatePipelineInformation()
times = reader.TimestepValues
view = GetActiveViewOrCreate("RenderView")
view.ViewSize = [900, 700]
view.ViewTime = times[-1]
clip = Slice(Input=reader)
clip.SliceType = "Plane"
clip.SliceType.Origin = [0, 0, 0]
clip.SliceType.Normal = [0, 0, 1]
display = Show(clip, view)
ColorBy(display, ("CELLS", sys.argv[3]))
lut = GetColorTransferFunction(sys.argv[3])
display.RescaleTransferFunctionToDataRange(True, False)
display.SetScalarBarVisibility(view, True)
view.CameraPosition = [0, 0, 120]
view.CameraFocalPoint = [0, 0, 0]
view.CameraViewUp = [0, 1, 0]
ResetCamera()
SaveScreenshot(sys.argv[2], view)
