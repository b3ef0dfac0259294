#!/usr/bin/env python3
"""Fuzzing of cementflow's inputs: seeded mutations of a valid parameter
file, of the sample Gmsh mesh, of the sample NIfTI volume and the same
phantom as MetaImage and VTK image data, of a viscosity table and of a
legacy VTK file of veins (truncation,
bit flips, NaN, huge and negative numbers, deleted, duplicated and swapped
lines). Every case must end as a valid run (exit 0), a clean input error
(exit 1) or a reported simulation failure (exit 2), each with one message
and no stack trace, raw VTK output, MPI abort or hang. Prints how many
cases ran and how each ended.

Usage: fuzz_inputs.py CEMENTFLOW [CASES] [SEED] [SECONDS]
CI runs a short variant (tests/CMakeLists.txt); a long one is, e.g.,
    tests/scripts/fuzz_inputs.py build/cementflow 2000 7 3600
"""
import collections
import gzip
import os
import random
import re
import subprocess
import sys
import tempfile
import time

cementflow = sys.argv[1]
n_cases = int(sys.argv[2]) if len(sys.argv) > 2 else 60
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
budget = float(sys.argv[4]) if len(sys.argv) > 4 else 120.0
source = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
work = tempfile.mkdtemp(prefix="cementflow-fuzz-")
generator = random.Random(seed)

# A small, fast valid case: a 12 mm box of bone, 2 mm cells, 0.1 mL.
with open(os.path.join(source, "params/box.prm")) as f:
    case_text = f.read() + """
subsection Geometry
  set Cell size = 2
  subsection Box
    set Size = 12, 12, 12
  end
end
subsection Injection
  set Volume = 0.1
end
subsection Output
  set Write fields = false
end
"""
with open(os.path.join(source, "meshes/samples/block-with-lesion.msh")) as f:
    mesh_text = f.read()
with gzip.open(os.path.join(source, "meshes/samples/phantom-intensity.nii.gz")) as f:
    volume_bytes = f.read()

# The phantom as MetaImage and VTK image data (2 mm voxels).
subprocess.run([cementflow, "phantom", os.path.join(work, "phantom"), "2"], check=True,
               capture_output=True)
with open(os.path.join(work, "phantom", "phantom-intensity.mha"), "rb") as f:
    metaimage_bytes = f.read()
with open(os.path.join(work, "phantom", "phantom-intensity.vti"), encoding="latin-1") as f:
    vti_text = f.read()

# A rheometer table (time after mixing in min, viscosity in Pa s) and a
# vein leaving the box through its back wall.
table_text = """time (min), viscosity (Pa s)
2, 40
4, 80
6, 150
8, 300
"""
veins_text = """# vtk DataFile Version 3.0
one vein
ASCII
DATASET POLYDATA
POINTS 3 float
0 0 2
0 -4 2
0 -9 2
LINES 1 4
3 0 1 2
POINT_DATA 3
SCALARS radius_mm float 1
LOOKUP_TABLE default
0.5 0.5 0.6
CELL_DATA 1
SCALARS leak_class int 1
LOOKUP_TABLE default
0
"""

nasty_numbers = ["nan", "NaN", "inf", "-inf", "1e308", "-1e308", "1e-320", "0", "-0",
                 "-1", "-12345678901234567890", "99999999999", "1e", "0x10", "", "3,", ",,"]
number = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def mutate_text(text):
    """One random mutation of a text file; returns (what, new text)."""
    lines = text.split("\n")
    kind = generator.choice(["number", "number", "number", "delete", "duplicate",
                             "swap", "truncate", "flip", "end"])
    if kind == "number":
        spans = [m.span() for m in number.finditer(text)]
        if spans:
            start, stop = generator.choice(spans)
            value = generator.choice(nasty_numbers)
            return f"number -> {value!r}", text[:start] + value + text[stop:]
    if kind == "delete" and len(lines) > 1:
        i = generator.randrange(len(lines))
        return f"delete line {i + 1}", "\n".join(lines[:i] + lines[i + 1:])
    if kind == "duplicate":
        i = generator.randrange(len(lines))
        return f"duplicate line {i + 1}", "\n".join(lines[:i + 1] + lines[i:])
    if kind == "swap" and len(lines) > 1:
        i, j = generator.sample(range(len(lines)), 2)
        lines[i], lines[j] = lines[j], lines[i]
        return f"swap lines {i + 1}, {j + 1}", "\n".join(lines)
    if kind == "truncate":
        n = generator.randrange(len(text))
        return f"truncate at {n}", text[:n]
    if kind == "end":
        i = generator.randrange(len(lines))
        return f"'end' at line {i + 1}", "\n".join(lines[:i] + ["end"] + lines[i:])
    data = bytearray(text.encode())
    i = generator.randrange(len(data))
    data[i] ^= 1 << generator.randrange(8)
    return f"bit flip at byte {i}", data.decode("latin-1")


def mutate_bytes(data):
    kind = generator.choice(["truncate", "flip", "flip", "header"])
    data = bytearray(data)
    if kind == "truncate":
        n = generator.randrange(len(data))
        return f"truncate at {n}", bytes(data[:n])
    if kind == "header":  # the 348-byte NIfTI header: dimensions, types, scales
        i = generator.randrange(348)
        data[i] = generator.randrange(256)
        return f"header byte {i}", bytes(data)
    i = generator.randrange(len(data))
    data[i] ^= 1 << generator.randrange(8)
    return f"bit flip at byte {i}", bytes(data)


def make_case(index):
    """The files and command line of case index; returns (label, command)."""
    target = generator.choice(["parameters", "parameters", "mesh", "image", "table",
                               "veins", "metaimage", "vti"])
    folder = os.path.join(work, f"case-{index:04d}")
    os.makedirs(folder)
    if target in ("metaimage", "vti"):
        if target == "metaimage":
            what, data = mutate_bytes(metaimage_bytes)
        else:
            what, text = mutate_text(vti_text)
            data = text.encode("latin-1")
        path = os.path.join(folder, "volume." + ("mha" if target == "metaimage" else "vti"))
        with open(path, "wb") as f:
            f.write(data)
        return f"{target}: {what}", [
            cementflow, "mesh", os.path.join(source, "params/ct-phantom.prm"),
            "--set", "Geometry/CT image/Intensity file=" + path,
            "--set", "Geometry/CT image/Label file=" +
            os.path.join(work, "phantom", "phantom-labels.vti"),
            "--set", "Geometry/Cell size=2",
            "--output", os.path.join(folder, "out")]
    if target in ("table", "veins"):
        what, text = mutate_text(table_text if target == "table" else veins_text)
        path = os.path.join(folder, "input.csv" if target == "table" else "veins.vtk")
        with open(path, "w", encoding="latin-1") as f:
            f.write(text)
        case = os.path.join(folder, "case.prm")
        with open(case, "w") as f:
            f.write(case_text)
        settings = (["Cement/Curing/Model=table", "Cement/Curing/Reference time=3",
                     "Cement/Curing/Table file=" + path] if target == "table" else
                    ["Veins/Source=file", "Veins/File=" + path])
        command = [cementflow, "run", case, "--output", os.path.join(folder, "out")]
        for setting in settings:
            command += ["--set", setting]
        return f"{target}: {what}", command
    if target == "parameters":
        what, text = mutate_text(case_text)
        path = os.path.join(folder, "case.prm")
        with open(path, "w", encoding="latin-1") as f:
            f.write(text)
        return f"parameters: {what}", [cementflow, "run", path, "--output",
                                       os.path.join(folder, "out")]
    if target == "mesh":
        what, text = mutate_text(mesh_text)
        path = os.path.join(folder, "mesh.msh")
        with open(path, "w", encoding="latin-1") as f:
            f.write(text)
        return f"mesh: {what}", [cementflow, "mesh", os.path.join(source, "params/mesh-file.prm"),
                                 "--set", "Geometry/Mesh file/File=" + path,
                                 "--set", "Geometry/Global refinements=0",
                                 "--output", os.path.join(folder, "out")]
    what, data = mutate_bytes(volume_bytes)
    path = os.path.join(folder, "volume.nii.gz")
    with gzip.open(path, "wb") as f:
        f.write(data)
    return f"image: {what}", [cementflow, "mesh", os.path.join(source, "params/ct-phantom.prm"),
                              "--set", "Geometry/CT image/Intensity file=" + path,
                              "--output", os.path.join(folder, "out")]


noise = ("Stacktrace", "terminate called", "ERR|", "MPI_ABORT", "TimerOutput objects",
         "internal error", "Segmentation", "Aborted")
outcomes = collections.Counter()
failures = []
start = time.time()
ran = 0
for index in range(n_cases):
    if time.time() - start > budget:
        break
    label, command = make_case(index)
    try:
        result = subprocess.run(command, capture_output=True, text=True, errors="replace",
                                timeout=120)
    except subprocess.TimeoutExpired:
        failures.append(f"case {index} ({label}): no end within 120 s")
        outcomes["hang"] += 1
        continue
    ran += 1
    code = result.returncode
    kind = {0: "valid run", 1: "input error", 2: "simulation failed"}.get(code, f"exit {code}")
    outcomes[kind] += 1
    problems = [n for n in noise if n in result.stderr]
    if code not in (0, 1, 2):
        problems.append(f"exit code {code}")
    if code in (1, 2) and "cementflow:" not in result.stderr:
        problems.append("no cementflow message")
    if problems:
        failures.append(f"case {index} ({label}): {', '.join(problems)}\n"
                        f"  {' '.join(command)}\n  stderr: {result.stderr[-600:]}")

print(f"{ran} cases in {time.time() - start:.0f} s (seed {seed}):")
for kind, count in sorted(outcomes.items()):
    print(f"  {kind}: {count}")
if failures:
    print("\n".join("FAILED: " + f for f in failures))
    sys.exit(1)
print("every case ended as a valid run or a clean error")
