#!/usr/bin/env python3
"""Bad input on the command line: for each mistake a user is likely to make,
cementflow must print one clear message (naming the file, line or parameter,
the value and what is allowed), no stack trace, exit non-zero, leave no
results behind, and never hang the other MPI ranks.

Usage: command_line_errors.py CEMENTFLOW MPIEXEC
"""
import gzip
import os
import subprocess
import sys
import tempfile

cementflow, mpiexec = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="cementflow-cli-")
failures = []


def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def check(label, args, expected_code, fragments, ranks=1, stdout_fragments=()):
    output = os.path.join(work, label.replace(" ", "_"))
    command = [cementflow] + args
    if "run" in args:
        command += ["--output", output]
    if ranks > 1:
        command = [mpiexec, "-np", str(ranks)] + command
    try:
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=300)
    except subprocess.TimeoutExpired:
        failures.append(f"{label}: no answer within 300 s (hang?)")
        return
    problems = []
    if expected_code == 0 and result.returncode != 0:
        problems.append(f"exit code {result.returncode}, expected 0")
    if expected_code != 0 and result.returncode == 0:
        problems.append("exit code 0, expected a failure")
    for fragment in fragments:
        if result.stderr.count(fragment) != 1:
            problems.append(f"stderr shows {fragment!r} "
                            f"{result.stderr.count(fragment)} times, expected once")
    for fragment in stdout_fragments:
        if fragment not in result.stdout:
            problems.append(f"stdout lacks {fragment!r}")
    for noise in ("Stacktrace", "An error occurred in line", "terminate called",
                  "ERR|", "TimerOutput objects finalize"):
        if noise in result.stderr:
            problems.append(f"stderr contains {noise!r}")
    if expected_code != 0 and os.path.isdir(output):
        left = [f for f in ("report.json", "statistics.csv", "solution.pvd",
                            "parameters.prm") if os.path.exists(os.path.join(output, f))]
        if left:
            problems.append(f"results written despite the error: {left}")
    if problems:
        failures.append(f"{label}: " + "; ".join(problems) +
                        f"\n--- stderr ---\n{result.stderr}\n--------------")
    else:
        print(f"ok: {label}")


typo = write("typo.prm", "subsection Cement\n  set Viscocity = 100\nend\n")
negative = write("negative.prm", "subsection Cement\n  set Viscosity = -5\nend\n")

check("unknown parameter", ["run", typo], 1,
      ["Line <2> of file <" + typo + ">", "No entry with name <Viscocity>"])
check("value out of range", ["run", negative], 1,
      # The value on its own line: the random temporary folder may hold "-5".
      ["Line <2> of file <" + negative + ">", "\n        -5\n",
       "[Double 0.0001...1e+07 (inclusive)]"])
check("missing file", ["run", os.path.join(work, "missing.prm")], 1,
      ["missing.prm> does not exist or cannot be read"])
check("invalid choice", ["run", "--set", "Geometry/Type=cube"], 1,
      ['--set "Geometry/Type=cube"', "[Selection vertebral body|box|sphere|mesh file|CT image ]"])
check("no open exit", ["run", "--set", "Exit zones/Names="], 1,
      ["no zone is open"])
check("unknown cement", ["run", "--set", "Cement/Name=bone-glue"], 1,
      ["there is no cement <bone-glue>", "generic-medium-viscosity"])
check("needle outside the bone",
      ["run", "--set", "Needle/Tip=100, 0, 0", "--set", "Geometry/Cell size=4"],
      1, ["Needle/Tip (100, 0, 0) mm lies outside the bone"])
check("needle outside the bone, two ranks",
      ["run", "--set", "Needle/Tip=100, 0, 0", "--set", "Geometry/Cell size=4"],
      1, ["Needle/Tip (100, 0, 0) mm lies outside the bone"], ranks=2)
check("veins too narrow to drain the perfusion, two ranks",
      ["run", "--set", "Geometry/Cell size=4", "--set", "Exit zones/Names=",
       "--set", "Perfusion/Enabled=true", "--set", "Veins/Source=parameters",
       "--set", "Veins/basivertebral vein/Radius=0.1",
       "--set", "Veins/left segmental vein/Radius=0.05",
       "--set", "Veins/right segmental vein/Radius=0.05"], 1,
      ["Perfusion: the veins and exits cannot drain the marrow blood flow",
       "Widen the veins"], ranks=2)
check("unknown parameter, two ranks", ["run", typo], 1,
      ["No entry with name <Viscocity>"], ranks=2)
corrupt_mesh = write("corrupt.msh", "$MeshFormat\n2.2 0 8\n$EndMeshFormat\n$Nodes\n12\n1 0 0\n")
check("corrupt mesh file, two ranks",
      ["run", "--set", "Geometry/Type=mesh file",
       "--set", "Geometry/Mesh file/File=" + corrupt_mesh], 1,
      ["The mesh file <" + corrupt_mesh + "> could not be read"], ranks=2)
# One vertex moved through its neighbours (the fuzzer's find: a crash).
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "../../meshes/samples/block-with-lesion.msh")) as f:
    tangled = write("tangled.msh", f.read().replace("\n22 -5 -4 -4\n", "\n22 -5 -4 9\n"))
check("tangled mesh file, two ranks",
      ["run", "--set", "Geometry/Type=mesh file",
       "--set", "Geometry/Mesh file/File=" + tangled], 1,
      ["The mesh file <" + tangled + "> has an inverted or degenerate hexahedron"],
      ranks=2)
corrupt_image = write("corrupt.nii.gz", "not a NIfTI volume\n")
check("corrupt CT image, two ranks",
      ["run", "--set", "Geometry/Type=CT image",
       "--set", "Geometry/CT image/Intensity file=" + corrupt_image], 1,
      ["The image <" + corrupt_image + "> could not be read"], ranks=2)
# A NIfTI volume cut short: VTK still returns a full-size volume, so only
# the reader's own error tells (it once ran on and exited 0).
source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../..")
with gzip.open(os.path.join(source, "meshes/samples/phantom-intensity.nii.gz")) as f:
    volume = f.read()
truncated = os.path.join(work, "truncated.nii.gz")
with gzip.open(truncated, "wb") as f:
    f.write(volume[:348 + 20000])
check("truncated CT image, two ranks",
      ["run", os.path.join(source, "params/ct-phantom.prm"),
       "--set", "Geometry/CT image/Intensity file=" + truncated], 1,
      ["The image <" + truncated + "> could not be read",
       "NIFTI file is truncated"], ranks=2)
# /proc takes no new folders: an input error naming the folder, on every rank.
check("output folder that cannot be made, two ranks",
      ["mesh", "--output", "/proc/cementflow-cannot"], 1,
      ["Output/Directory (or --output) </proc/cementflow-cannot>",
       "Give a folder that can be created"], ranks=2)
check("sweep folder that cannot be made, two ranks",
      ["sweep", os.path.join(source, "params/sweep-example.prm"), "--output",
       "/proc/cementflow-cannot"], 1,
      ["Sweep/Output directory (or --output)"], ranks=2)
check("unknown option", ["run", "--frob"], 1, ["unrecognised option '--frob'"])
check("unknown command", ["simulate"], 1, ["unknown command 'simulate'"])
check("two parameter files", ["run", typo, negative], 1,
      ["'run' takes at most one parameter file"])
check("help", ["--help"], 0, [], stdout_fragments=["cementflow run [CASE.prm]"])
check("version", ["--version"], 0, [], stdout_fragments=["cementflow 0."])

# An open exit above the resting marrow's pressure feeds the bone: a warning
# names it; at the plexus pressure it does not.
quick = ["--set", "Injection/Volume=0.05", "--set", "Injection/Follow after injection=0"]
scenario = os.path.join(source, "params/leak-scenario-perfused.prm")
check("exit feeding the bone", ["run", scenario, *quick, "--set",
                                "Exit zones/posterior defect/Pressure=1.4"], 0, [],
      stdout_fragments=['Warning: exit zone "posterior defect" feeds'])
quiet = subprocess.run([cementflow, "run", scenario, *quick, "--output",
                        os.path.join(work, "exit_draining")],
                       capture_output=True, text=True, timeout=300)
if quiet.returncode != 0 or "Warning: exit zone" in quiet.stdout:
    failures.append("exit at the plexus pressure: exit code "
                    f"{quiet.returncode} or a warning:\n{quiet.stdout[-800:]}")
else:
    print("ok: exit at the plexus pressure draws no warning")

# No shell sees a name from the command line, and names in a case (exit
# zones and veins named like paths) cannot lead a file out of the output
# folder: a run with both, and with pictures, writes inside that folder only.
sandbox = os.path.join(work, "sandbox")
os.makedirs(sandbox)
tricky = os.path.join(sandbox, 'out "$(touch SHELL_RAN)" `touch SHELL_RAN`; x')
with open(os.path.join(source, "params/box.prm")) as f:
    escaping = write("escaping-names.prm", f.read().replace("outer boundary",
                                                            "../../escaped-zone") + """
subsection Geometry
  set Cell size = 2
  subsection Box
    set Size = 12, 12, 12
  end
end
subsection Injection
  set Volume = 0.2
end
subsection Veins
  set Source = parameters
  set Names = ../escaped-vein
  subsection ../escaped-vein
    set Start   = 0, 0, 2
    set Foramen = 0, -9, 2
    set Radius  = 0.5
  end
end
""")
result = subprocess.run([os.path.abspath(cementflow), "run", escaping, "--output", tricky,
                         "--pictures"],
                        cwd=sandbox, capture_output=True, text=True, timeout=300)
outside = sorted(set(os.listdir(sandbox)) - {os.path.basename(tricky)})
if result.returncode != 0:
    failures.append(f"escaping names: exit {result.returncode}: {result.stderr[-800:]}")
if outside or os.path.exists(os.path.join(work, "SHELL_RAN")):
    failures.append(f"escaping names: files written outside the output folder: {outside}")
if not os.path.exists(os.path.join(tricky, "report.json")) or \
        not os.path.exists(os.path.join(tricky, "pictures.log")):
    failures.append("escaping names: no report.json or pictures.log in the quoted folder")

if failures:
    print("\n".join(failures))
    sys.exit(1)
