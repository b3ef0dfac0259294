#!/usr/bin/env python3
"""cementflow beside OPM Flow on the same injection (the speed issue's box).

A box of 45 x 35 x 28 mm in 1 mm cells (44 100 cells), porosity 0.8,
permeability 1e-9 m^2, cement 100 Pa s displacing marrow 0.1 Pa s with
linear relative permeabilities, 3 mL at 2 mL/min from the centre, the outer
boundary held at the initial pressure. OPM Flow (Debian's
libopm-simulators-bin, binary `flow`) gets an outer layer of cells with
their pore volume times 1e7 and slightly compressible fluids, which holds
that layer at the initial pressure, and one rate-controlled injector in the
centre cell; it runs with its defaults (ILU0-preconditioned BiCGStab, its
own time stepping). Runs are interleaved, each case three times, on 1 and 2
ranks; the script prints the medians, the ratio cementflow / OPM, both cloud
radii (the root-mean-square distance of the cement from its centroid, as
cementflow's report.json gives it, computed for OPM from its final water
saturation) and the piston's (a sphere of 3 mL / 0.8).

    ./opm_comparison.py            # about 6 minutes
    ./opm_comparison.py --repeats 1

Without `flow` on the PATH it runs cementflow only and says so.
"""

import argparse
import json
import math
import os
import shutil
import statistics
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CEMENTFLOW = os.path.join(ROOT, "build", "cementflow")
WORK = "/tmp/cementflow-opm-comparison"

NX, NY, NZ = 45, 35, 28
CELL = 1e-3          # m
POROSITY = 0.8
PERMEABILITY = 1e-9  # m^2
CEMENT_VISCOSITY = 100.0  # Pa s
MARROW_VISCOSITY = 0.1    # Pa s
VOLUME = 3e-6        # m^3
RATE = 2e-6 / 60     # m^3/s

MPIRUN = ["mpirun", "--oversubscribe"]
MPI_ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
               OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")


def opm_deck():
    n = NX * NY * NZ
    millidarcy = PERMEABILITY / 9.869233e-16
    rate_per_day = RATE * 86400.0
    days = VOLUME / RATE / 86400.0
    # The outer layer of cells holds the pressure: pore volume x 1e7.
    boxes = [(1, NX, 1, NY, 1, 1), (1, NX, 1, NY, NZ, NZ),
             (1, NX, 1, 1, 1, NZ), (1, NX, NY, NY, 1, NZ),
             (1, 1, 1, NY, 1, NZ), (NX, NX, 1, NY, 1, NZ)]
    multpv = "".join(
        f"BOX\n {i0} {i1} {j0} {j1} {k0} {k1} /\nMULTPV\n"
        f" {(i1 - i0 + 1) * (j1 - j0 + 1) * (k1 - k0 + 1)}*1e7 /\nENDBOX\n"
        for i0, i1, j0, j1, k0, k1 in boxes)
    ic, jc, kc = NX // 2 + 1, NY // 2 + 1, NZ // 2 + 1
    return f"""RUNSPEC
TITLE
cementflow comparison box
DIMENS
 {NX} {NY} {NZ} /
OIL
WATER
METRIC
START
 1 JAN 2026 /
WELLDIMS
 1 1 1 1 /
UNIFOUT
GRID
DX
 {n}*{CELL} /
DY
 {n}*{CELL} /
DZ
 {n}*{CELL} /
TOPS
 {NX * NY}*1000.0 /
PORO
 {n}*{POROSITY} /
PERMX
 {n}*{millidarcy:.6e} /
PERMY
 {n}*{millidarcy:.6e} /
PERMZ
 {n}*{millidarcy:.6e} /
EDIT
{multpv}PROPS
-- Linear relative permeabilities; water is the cement, oil the marrow.
SWOF
 0.0 0.0 1.0 0.0
 1.0 1.0 0.0 0.0 /
-- Slightly compressible (1e-4 / bar) so that the outer layer takes the
-- injected volume at a pressure rise below 0.1 kPa.
PVTW
 1.0 1.0 1e-4 {CEMENT_VISCOSITY * 1e3} 0.0 /
PVDO
 1.0 1.0 {MARROW_VISCOSITY * 1e3}
 1001.0 0.904837 {MARROW_VISCOSITY * 1e3} /
ROCK
 1.0 0.0 /
DENSITY
 1000.0 1000.0 1.0 /
SOLUTION
PRESSURE
 {n}*1.0 /
SWAT
 {n}*0.0 /
SUMMARY
WBHP
 'INJ' /
SCHEDULE
RPTRST
 BASIC=2 /
WELSPECS
 'INJ' 'G' {ic} {jc} 1* 'WATER' /
/
-- Wellbore diameter 0.1 mm: Peaceman's equivalent radius of a 1 mm cell,
-- 0.14 sqrt(dx^2 + dy^2) = 0.2 mm, must exceed the wellbore's radius, or
-- the well index is negative and flow shuts the well.
COMPDAT
 'INJ' {ic} {jc} {kc} {kc} 'OPEN' 1* 1* 0.0001 /
/
WCONINJE
 'INJ' 'WATER' 'OPEN' 'RATE' {rate_per_day:.8e} 1* 1000.0 /
/
TSTEP
 {days:.10e} /
END
"""


def cementflow_case():
    return f"""subsection Geometry
  set Type      = box
  set Cell size = {CELL * 1e3}
  subsection Box
    set Size = {NX * CELL * 1e3}, {NY * CELL * 1e3}, {NZ * CELL * 1e3}
  end
end
subsection Bone
  set Porosity                = {POROSITY}
  set Permeability law        = constant
  set Axial permeability      = {PERMEABILITY}
  set Transverse permeability = {PERMEABILITY}
end
subsection Lesions
  set Names =
end
subsection Exit zones
  set Names = outer boundary
  subsection outer boundary
    set Surface  = whole boundary
    set Pressure = 0
  end
end
subsection Needle
  set Tip   = 0, 0, 0
  set Entry = 0, -40, 0
end
subsection Cement
  set Viscosity = {CEMENT_VISCOSITY}
end
subsection Marrow
  set Viscosity = {MARROW_VISCOSITY}
end
subsection Relative permeability
  set Cement exponent = 1
  set Marrow exponent = 1
end
subsection Injection
  set Volume = {VOLUME * 1e6}
  set Rate   = {RATE * 6e7}
end
subsection Output
  set Write fields = false
end
"""


def read_unrst_last(path, keyword):
    """The last array named keyword in an Eclipse unified restart file
    (big-endian Fortran records: a header of name, count and type, then the
    data in blocks)."""
    data = open(path, "rb").read()
    position, last = 0, None
    while position < len(data):
        (length,) = struct.unpack(">i", data[position:position + 4])
        header = data[position + 4:position + 4 + length]
        position += 8 + length
        name = header[:8].decode().strip()
        (count,) = struct.unpack(">i", header[8:12])
        kind = header[12:16].decode()
        size = {"INTE": 4, "REAL": 4, "DOUB": 8, "LOGI": 4, "CHAR": 8,
                "MESS": 0}.get(kind, 8 if kind.startswith("C0") else 4)
        values, remaining = [], count
        while remaining > 0:
            (block,) = struct.unpack(">i", data[position:position + 4])
            chunk = data[position + 4:position + 4 + block]
            position += 8 + block
            n = block // size if size else 0
            if name == keyword and kind == "REAL":
                values.extend(struct.unpack(f">{n}f", chunk))
            elif name == keyword and kind == "DOUB":
                values.extend(struct.unpack(f">{n}d", chunk))
            remaining -= max(n, 1)
        if name == keyword:
            last = values
    return last


def rms_radius(saturation):
    """Root-mean-square distance of the cement from its centroid [mm], with
    cell-centred volumes, as cementflow's report computes it."""
    total, first, second = 0.0, [0.0, 0.0, 0.0], 0.0
    for index, s in enumerate(saturation):
        if s <= 0:
            continue
        i, rest = index % NX, index // NX
        j, k = rest % NY, rest // NY
        x = ((i + 0.5) * CELL, (j + 0.5) * CELL, (k + 0.5) * CELL)
        total += s
        for d in range(3):
            first[d] += s * x[d]
        second += s * sum(c * c for c in x)
    centroid = sum((f / total) ** 2 for f in first)
    return math.sqrt(max(0.0, second / total - centroid)) * 1e3


def run_cementflow(ranks, folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "box.prm"), "w") as out:
        out.write(cementflow_case())
    command = MPIRUN + ["-np", str(ranks), CEMENTFLOW, "run",
                        os.path.join(folder, "box.prm"), "--set",
                        f"Output/Directory={folder}/output"]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=MPI_ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    report = json.load(open(os.path.join(folder, "output", "report.json")))
    return wall, report["n_time_steps"], report["cement_cloud_radius_mm"]


def run_opm(ranks, folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    deck = os.path.join(folder, "BOX.DATA")
    with open(deck, "w") as out:
        out.write(opm_deck())
    command = MPIRUN + ["-np", str(ranks), "flow", deck,
                        f"--output-dir={folder}", "--threads-per-process=1"]
    start = time.perf_counter()
    result = subprocess.run(command, env=MPI_ENV, capture_output=True,
                            text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"flow failed:\n{result.stdout[-3000:]}\n{result.stderr}")
    saturation = read_unrst_last(os.path.join(folder, "BOX.UNRST"), "SWAT")
    injected = sum(saturation or [0.0]) * POROSITY * CELL ** 3
    if abs(injected - VOLUME) > 0.05 * VOLUME:
        sys.exit(f"flow injected {injected * 1e6:.3f} mL instead of "
                 f"{VOLUME * 1e6:.3f} mL (a shut well?): see {folder}/BOX.PRT")
    steps = result.stdout.count("Time step ") or None
    return wall, steps, rms_radius(saturation)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    have_flow = shutil.which("flow") is not None
    if not have_flow:
        print("OPM Flow (`flow`) is not installed "
              "(apt-get install libopm-simulators-bin): cementflow only.")
    piston = (3 * VOLUME / POROSITY / (4 * math.pi)) ** (1 / 3)
    print(f"Box {NX} x {NY} x {NZ} mm, {NX * NY * NZ} cells; piston radius "
          f"{piston * 1e3:.2f} mm, its RMS radius "
          f"{piston * 1e3 * math.sqrt(0.6):.3f} mm")
    rows = []
    for ranks in (1, 2):
        ours, theirs = [], []
        for repeat in range(arguments.repeats):
            ours.append(run_cementflow(ranks, f"{WORK}/cementflow-np{ranks}"))
            if have_flow:
                theirs.append(run_opm(ranks, f"{WORK}/opm-np{ranks}"))
        ours_wall = statistics.median(r[0] for r in ours)
        line = (f"{ranks} rank(s): cementflow {ours_wall:.1f} s, "
                f"{ours[0][1]} steps, RMS radius {ours[0][2]:.3f} mm")
        if have_flow:
            theirs_wall = statistics.median(r[0] for r in theirs)
            line += (f"; OPM Flow {theirs_wall:.1f} s, RMS radius "
                     f"{theirs[0][2]:.3f} mm; ratio cementflow / OPM "
                     f"{ours_wall / theirs_wall:.2f}")
        print(line, flush=True)
        rows.append(line)
    with open(os.path.join(HERE, "opm_comparison.log"), "w") as log:
        log.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
