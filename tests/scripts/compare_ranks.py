#!/usr/bin/env python3
"""The same case on one and on two MPI ranks gives the same result to solver
tolerance: report.json and every row of statistics.csv agree.

Usage: compare_ranks.py CEMENTFLOW MPIEXEC SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile

from run_comparison import compare_results, read_results

cementflow, mpiexec, source_dir = sys.argv[1], sys.argv[2], sys.argv[3]
work = tempfile.mkdtemp(prefix="cementflow-ranks-")
# The default anatomy with a vein, a cleft and a random porosity field
# (params/leak-paths.prm), coarse, with tight solver tolerances.
settings = [os.path.join(source_dir, "params", "leak-paths.prm"), "--set", "Geometry/Cell size=2", "--set", "Injection/Volume=1.5",
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
    results[ranks] = read_results(output)

failures, largest = compare_results(
    results[1], results[2],
    ("injected_volume_mL", "cement_in_bone_mL", "max_tip_pressure_kPa",
     "final_tip_pressure_kPa", "n_cells", "n_time_steps"),
    relative_tolerance, ("on one rank", "on two"))
if results[2][0]["mpi_ranks"] != 2 or results[1][0]["mpi_ranks"] != 1:
    failures.append("mpi_ranks in report.json is wrong")

print(f"largest relative difference over all statistics: {largest:.3g}")
if failures:
    print("\n".join(failures[:20]))
    sys.exit(1)
print("one rank equals two ranks")
