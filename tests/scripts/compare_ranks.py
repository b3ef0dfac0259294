#!/usr/bin/env python3
"""The same case on one and on two MPI ranks gives the same result to solver
tolerance: report.json and every row of statistics.csv agree.

Usage: compare_ranks.py CEMENTFLOW MPIEXEC
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

cementflow, mpiexec = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="cementflow-ranks-")
# The default anatomy, coarse, with tight solver tolerances.
settings = ["--set", "Geometry/Cell size=2", "--set", "Injection/Volume=1.5",
            "--set", "Numerics/Pressure tolerance=1e-11",
            "--set", "Numerics/Flux tolerance=1e-12",
            "--set", "Output/Write fields=false"]
relative_tolerance = 1e-7

results = {}
for ranks in (1, 2):
    output = os.path.join(work, f"np{ranks}")
    command = [mpiexec, "-np", str(ranks), cementflow, "run", "--output", output]
    run = subprocess.run(command + settings, capture_output=True, text=True,
                         timeout=600)
    if run.returncode != 0:
        sys.exit(f"{' '.join(command + settings)} failed:\n{run.stderr}")
    with open(os.path.join(output, "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(output, "statistics.csv")) as f:
        rows = list(csv.DictReader(f))
    results[ranks] = (report, rows)

failures = []


def compare(label, one, two, scale):
    if abs(one - two) > relative_tolerance * scale:
        failures.append(f"{label}: {one} on one rank, {two} on two")


(report1, rows1), (report2, rows2) = results[1], results[2]
if report2["mpi_ranks"] != 2 or report1["mpi_ranks"] != 1:
    failures.append("mpi_ranks in report.json is wrong")
for key in ("injected_volume_mL", "cement_in_bone_mL", "max_tip_pressure_kPa",
            "final_tip_pressure_kPa", "n_cells", "n_time_steps"):
    compare(key, report1[key], report2[key], abs(report1[key]))
for zone, volume in report1["leaked_volume_mL"].items():
    compare("leaked " + zone, volume, report2["leaked_volume_mL"][zone],
            report1["injected_volume_mL"])
for report in (report1, report2):
    if report["mass_balance_relative_error"] > 1e-10:
        failures.append(f"mass balance {report['mass_balance_relative_error']}")

if len(rows1) != len(rows2):
    failures.append(f"{len(rows1)} statistics rows on one rank, {len(rows2)} on two")
largest = 0.0
for row1, row2 in zip(rows1, rows2):
    for column in row1:
        if "iterations" in column or "sweeps" in column or "AMG" in column \
                or "mass balance" in column:
            continue
        one, two = float(row1[column]), float(row2[column])
        scale = max(abs(one), 1.0 if "(mL)" in column else abs(one), 1e-300)
        largest = max(largest, abs(one - two) / scale)
        compare(f"{column} at t = {row1['time (s)']}", one, two, scale)

print(f"largest relative difference over all statistics: {largest:.3g}")
if failures:
    print("\n".join(failures[:20]))
    sys.exit(1)
print("one rank equals two ranks")
