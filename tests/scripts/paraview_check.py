"""Opens the results of a small run the way a user does, with ParaView
5.11's pvpython (run through scripts/pvpython), and renders the standard
picture: the time series loads with every array and time step, the exit
zones and the needle load, and the picture script writes a PNG of the
requested size; and the same for the geometry that `cementflow mesh`
writes. On adaptive meshes: the body's surface is the outside only, and
fine cells carry the material of the uniformly refined mesh.

Usage: scripts/pvpython paraview_check.py CEMENTFLOW SOURCE_DIR
"""
import math
import os
import runpy
import struct
import subprocess
import sys
import tempfile

from paraview import simple, servermanager

cementflow, source = sys.argv[1], sys.argv[2]
folder = tempfile.mkdtemp(prefix="cementflow-paraview-")
subprocess.run([cementflow, "run", os.path.join(source, "params/box.prm"),
                "--set", "Geometry/Box/Size=12, 12, 12",
                "--set", "Injection/Volume=1",
                "--set", "Output/Volume between outputs=0.5",
                "--output", folder], check=True, capture_output=True)
failures = []


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message)
    if not condition:
        failures.append(message)


series = simple.PVDReader(FileName=os.path.join(folder, "solution.pvd"))
times = list(series.TimestepValues)
check(len(times) == 3 and abs(times[-1] - 20) < 1e-9,
      f"solution.pvd has the times 0, 10, 20 s ({times})")
series.UpdatePipeline(times[-1])
data = servermanager.Fetch(series)
block = data.GetBlock(0) if data.IsA("vtkMultiBlockDataSet") else data
check(block.GetNumberOfCells() == 1728, f"1728 cells ({block.GetNumberOfCells()})")
for name in ("pressure_kPa", "cement_saturation_at_points",
             "cement_arrival_time_s_at_points"):
    check(block.GetPointData().GetArray(name) is not None, f"point array {name}")
for name in ("cement_saturation", "darcy_velocity_mm_per_s", "porosity",
             "permeability_axial_m2", "permeability_transverse_m2", "region_id",
             "cement_arrival_time_s", "mpi_rank", "cement_viscosity_Pa_s",
             "cement_shear_rate_per_s"):
    check(block.GetCellData().GetArray(name) is not None, f"cell array {name}")
low, high = block.GetCellData().GetArray("cement_saturation").GetRange()
check(high > 0.9, f"cement arrived somewhere (max saturation {high})")

exits = simple.PVDReader(FileName=os.path.join(folder, "exits.pvd"))
check(len(list(exits.TimestepValues)) == 3, "exits.pvd has the same 3 times")
exits.UpdatePipeline(times[-1])
surface = servermanager.Fetch(exits)
surface = surface.GetBlock(0) if surface.IsA("vtkMultiBlockDataSet") else surface
check(surface.GetNumberOfCells() > 0, "the exit surface has faces")
leaked = surface.GetCellData().GetArray("zone_leaked_volume_mL")
check(leaked is not None and leaked.GetRange()[1] > 0.01,
      "the exit surface carries the leaked volume")

needle = simple.XMLPolyDataReader(FileName=os.path.join(folder, "needle.vtp"))
needle.UpdatePipeline()
check(servermanager.Fetch(needle).GetNumberOfCells() > 0, "the needle loads")

png = os.path.join(folder, "cloud.png")
sys.argv = ["render_cement_cloud.py", folder, png, "--size", "640", "480",
            "--state", os.path.join(folder, "scene.pvsm")]
runpy.run_path(os.path.join(source, "postprocess/paraview/render_cement_cloud.py"),
               run_name="__main__")
with open(png, "rb") as f:
    header = f.read(24)
check(header[:8] == b"\x89PNG\r\n\x1a\n", "the picture is a PNG")
width, height = struct.unpack(">II", header[16:24])
check((width, height) == (640, 480), f"the picture is 640 x 480 ({width} x {height})")
check(os.path.getsize(png) > 10000, f"the picture is not empty ({os.path.getsize(png)} bytes)")
check(os.path.getsize(os.path.join(folder, "scene.pvsm")) > 1000, "the state file is written")

# A perfused box drained by one vein that cement enters: vessels.pvd has the
# output times, the vein's arrays and cement, and the picture draws it.
veins = tempfile.mkdtemp(prefix="cementflow-veins-")
subprocess.run([cementflow, "run", os.path.join(source, "params/box.prm"),
                "--set", "Geometry/Box/Size=16, 16, 16",
                "--set", "Geometry/Cell size=2",
                "--set", "Exit zones/outer boundary/Boundary condition=closed",
                "--set", "Perfusion/Enabled=true",
                "--set", "Veins/Source=parameters",
                "--set", "Veins/Names=basivertebral vein",
                "--set", "Veins/basivertebral vein/Start=1, 1, 0",
                "--set", "Veins/basivertebral vein/Foramen=1, 20, 0",
                "--set", "Veins/basivertebral vein/Radius=1",
                "--set", "Injection/Volume=0.5",
                "--output", veins], check=True, capture_output=True)
vessels = simple.PVDReader(FileName=os.path.join(veins, "vessels.pvd"))
vessel_times = list(vessels.TimestepValues)
check(vessel_times == list(simple.PVDReader(FileName=os.path.join(
    veins, "solution.pvd")).TimestepValues),
      f"vessels.pvd has the times of solution.pvd ({vessel_times})")
vessels.UpdatePipeline(vessel_times[-1])
network = servermanager.Fetch(vessels)
network = network.GetBlock(0) if network.IsA("vtkMultiBlockDataSet") else network
check(network.GetNumberOfCells() > 10, f"the vein has segments ({network.GetNumberOfCells()})")
for name in ("radius_mm", "flow_mL_per_min", "cement_fraction", "in_bone"):
    check(network.GetCellData().GetArray(name) is not None, f"vein cell array {name}")
check(network.GetPointData().GetArray("pressure_kPa") is not None,
      "vein point array pressure_kPa")
check(network.GetCellData().GetArray("cement_fraction").GetRange()[1] > 0.5,
      "cement has entered the vein")
png = os.path.join(veins, "cloud.png")
sys.argv = ["render_cement_cloud.py", veins, png, "--size", "640", "480"]
runpy.run_path(os.path.join(source, "postprocess/paraview/render_cement_cloud.py"),
               run_name="__main__")
check(os.path.getsize(png) > 10000, "the picture with the vein is not empty")

# The geometry of a case without solving (cementflow mesh): regions, exit
# zones and two needles load, and the geometry picture renders.
geometry = tempfile.mkdtemp(prefix="cementflow-geometry-")
subprocess.run([cementflow, "mesh", os.path.join(source, "params/leak-paths.prm"),
                "--set", "Geometry/Cell size=2",
                "--set", "Needle/Approach=bipedicular",
                "--output", geometry], check=True, capture_output=True)
check(not os.path.exists(os.path.join(geometry, "report.json")),
      "cementflow mesh does not solve (no report.json)")
mesh = simple.PVDReader(FileName=os.path.join(geometry, "solution.pvd"))
check(len(list(mesh.TimestepValues)) <= 1, "the geometry is one data set")
mesh.UpdatePipeline()
block = servermanager.Fetch(mesh)
block = block.GetBlock(0) if block.IsA("vtkMultiBlockDataSet") else block
regions = block.GetCellData().GetArray("region_id").GetRange()
check(regions == (0.0, 3.0),
      f"regions 0 (bone) to 3 (lesion, vein, cleft) are there ({regions})")
porosity = block.GetCellData().GetArray("porosity").GetRange()
check(porosity[1] - porosity[0] > 0.3, f"the porosity varies ({porosity})")
zones = simple.PVDReader(FileName=os.path.join(geometry, "exits.pvd"))
zones.UpdatePipeline()
zone_ids = servermanager.Fetch(zones)
zone_ids = zone_ids.GetBlock(0) if zone_ids.IsA("vtkMultiBlockDataSet") else zone_ids
check(zone_ids.GetCellData().GetArray("zone_id").GetRange() == (0.0, 2.0),
      "the three exit zones are there")
needles = simple.XMLPolyDataReader(FileName=os.path.join(geometry, "needle.vtp"))
needles.UpdatePipeline()
single = servermanager.Fetch(needle).GetNumberOfCells()
check(servermanager.Fetch(needles).GetNumberOfCells() == 2 * single,
      "both needles are in needle.vtp")
png = os.path.join(geometry, "geometry.png")
sys.argv = ["render_geometry.py", geometry, png, "--size", "640", "480"]
runpy.run_path(os.path.join(source, "postprocess/paraview/render_geometry.py"),
               run_name="__main__")
check(os.path.getsize(png) > 10000, "the geometry picture is not empty")

# An adaptive mesh: the body's surface leaves out the faces where the level
# changes, so its area is the box's (6 x 12 mm x 12 mm).
adaptive = tempfile.mkdtemp(prefix="cementflow-adaptive-")
subprocess.run([cementflow, "run", os.path.join(source, "params/box.prm"),
                "--set", "Geometry/Box/Size=12, 12, 12",
                "--set", "Geometry/Cell size=2",
                "--set", "Adaptive mesh/Refinement levels=1",
                "--set", "Injection/Volume=0.2",
                "--output", adaptive], check=True, capture_output=True)
sys.path.insert(0, os.path.join(source, "postprocess/paraview"))
import scene  # noqa: E402
adaptive_series = simple.PVDReader(FileName=os.path.join(adaptive, "solution.pvd"))
adaptive_series.UpdatePipeline(list(adaptive_series.TimestepValues)[-1])
adaptive_mesh = servermanager.Fetch(adaptive_series)
check(adaptive_mesh.GetNumberOfCells() > 216,
      f"the adaptive mesh is refined ({adaptive_mesh.GetNumberOfCells()} cells)")
body = servermanager.Fetch(scene.surface_filter(adaptive_series, "body", False))
area = 0.
for face in range(body.GetNumberOfCells()):
    corners = [body.GetPoint(i) for i in
               [body.GetCell(face).GetPointId(k) for k in range(4)]]
    diagonal_1 = [corners[2][d] - corners[0][d] for d in range(3)]
    diagonal_2 = [corners[3][d] - corners[1][d] for d in range(3)]
    cross = [diagonal_1[1] * diagonal_2[2] - diagonal_1[2] * diagonal_2[1],
             diagonal_1[2] * diagonal_2[0] - diagonal_1[0] * diagonal_2[2],
             diagonal_1[0] * diagonal_2[1] - diagonal_1[1] * diagonal_2[0]]
    area += 0.5 * math.sqrt(cross[0] ** 2 + cross[1] ** 2 + cross[2] ** 2)
# (math's functions: a Programmable Filter replaced this script's abs and sum
# with numpy_interface's.)
check(math.fabs(area - 864) < 1e-6 * 864,
      f"the adaptive body's surface is the box's outside only ({area} mm^2)")

# The material of an adaptive mesh's fine cells is that of the same cells of
# the uniformly refined mesh (default anatomy: lesion, random porosity).
def porosity_by_centre(folder):
    reader = simple.PVDReader(FileName=os.path.join(folder, "solution.pvd"))
    reader.UpdatePipeline()
    mesh = servermanager.Fetch(reader)
    porosity = mesh.GetCellData().GetArray("porosity")
    region = mesh.GetCellData().GetArray("region_id")
    result = {}
    for cell in range(mesh.GetNumberOfCells()):
        bounds = mesh.GetCell(cell).GetBounds()
        key = tuple(int(math.floor(50 * (bounds[2 * d] + bounds[2 * d + 1]) + 0.5))
                    for d in range(3))
        result[key] = (porosity.GetValue(cell), region.GetValue(cell))
    return result


materials = {}
for name, refinement in (("adaptive", "Adaptive mesh/Refinement levels=1"),
                         ("uniform", "Geometry/Global refinements=1")):
    materials[name] = tempfile.mkdtemp(prefix=f"cementflow-{name}-mesh-")
    subprocess.run([cementflow, "mesh", "--set", "Geometry/Cell size=2",
                    "--set", refinement, "--output", materials[name]],
                   check=True, capture_output=True)
adaptive_cells = porosity_by_centre(materials["adaptive"])
uniform_cells = porosity_by_centre(materials["uniform"])
matched = [key for key in adaptive_cells if key in uniform_cells]
largest, other_region = 0., 0
for key in matched:
    difference = math.fabs(adaptive_cells[key][0] - uniform_cells[key][0])
    largest = difference if difference > largest else largest
    other_region += adaptive_cells[key][1] != uniform_cells[key][1]
# 656 fine cells within 3 mm of the tip when measured.
check(len(matched) > 500 and largest < 1e-12 and other_region == 0,
      f"fine cells of the adaptive mesh have the uniform mesh's material "
      f"({len(matched)} cells, largest porosity difference {largest:.2g}, "
      f"{other_region} in another region)")

# Leave without ParaView's teardown, which under Xvfb can end in an X error
# (GLXBadContext) after everything above has passed.
sys.stdout.flush()
os._exit(1 if failures else 0)
