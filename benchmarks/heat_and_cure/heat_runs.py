"""Runs one case of the default vertebral body with Heat and cure on for the
benchmarks of this folder, and reads its statistics."""
import csv
import os
import subprocess
import sys
import time


def run_case(cementflow, mpiexec, ranks, output, settings):
    """Runs cementflow with the --set @p settings into @p output; returns the
    rows of its statistics.csv and the wall time [s]. Exits on failure."""
    command = [mpiexec, "-np", str(ranks), cementflow, "run", "--output", output]
    for setting in settings:
        command += ["--set", setting]
    start = time.time()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.time() - start
    if done.returncode != 0:
        sys.exit(f"{output}: exit {done.returncode}\n{done.stderr[-2000:]}")
    with open(os.path.join(output, "statistics.csv")) as f:
        return list(csv.DictReader(f)), wall
