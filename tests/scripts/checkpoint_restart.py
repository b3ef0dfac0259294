#!/usr/bin/env python3
"""Checkpoint and restart across rank counts, on an adaptive mesh.

A run on one rank is stopped by SIGUSR1 (as a batch scheduler does before the
time limit) and resumed on two ranks; the resumed run must give the result of
an uninterrupted run to solver tolerance: report.json, every statistics row
and the time series of solution.pvd. Also checked: the exit code of a stop on
a signal, that a half-written checkpoint is ignored, that a checkpoint of
another case, another version or a modified, truncated or incomplete
checkpoint is refused, and that the checkpoint is removed at the end.

Usage: checkpoint_restart.py CEMENTFLOW MPIEXEC
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

from run_comparison import (compare_results, read_results,
                            stop_after_first_checkpoint)

cementflow, mpiexec = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="cementflow-checkpoint-")
# Shear-thinning cement, so that the cell viscosities of the Picard iteration
# are part of the state; an adaptive mesh, so that the refined mesh is too;
# operator splitting, so that reused fluxes are; perfused bone drained by
# veins instead of exit zones, so that the veins' cement and accounting are;
# tight tolerances, so that differences are small.
settings = ["--set", "Geometry/Cell size=2", "--set", "Injection/Volume=1",
            "--set", "Exit zones/Names=", "--set", "Perfusion/Enabled=true",
            "--set", "Veins/Source=parameters",
            "--set", "Veins/basivertebral vein/Radius=1.5",
            "--set", "Adaptive mesh/Refinement levels=1",
            "--set", "Numerics/Pressure update saturation change=0.5",
            "--set", "Cement/Name=generic-shear-thinning",
            "--set", "Numerics/Pressure tolerance=1e-11",
            "--set", "Numerics/Flux tolerance=1e-12",
            "--set", "Numerics/Viscosity tolerance=1e-10",
            "--set", "Checkpoints/Every steps=10"]
relative_tolerance = 1e-7
failures = []


def run(ranks, output, extra=(), expect=0):
    command = [cementflow, "run", "--output", output, *settings, *extra]
    if ranks > 1:
        command = [mpiexec, "-np", str(ranks)] + command
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != expect:
        sys.exit(f"{' '.join(command)} exited with {done.returncode}, "
                 f"expected {expect}:\n{done.stdout[-2000:]}\n{done.stderr}")
    return done


def pvd_times(output):
    datasets = ElementTree.parse(os.path.join(output, "solution.pvd")).findall(
        ".//DataSet")
    return [float(d.get("timestep")) for d in datasets]


# The uninterrupted run.
whole = os.path.join(work, "whole")
run(1, whole)

# The interrupted run: SIGUSR1 once the first periodic checkpoint is written,
# so that it stops with a second checkpoint some steps later.
split = os.path.join(work, "split")
stderr = stop_after_first_checkpoint(
    [cementflow, "run", "--output", split, *settings])
if "Stopped on a signal" not in stderr:
    failures.append(f"no message about the stop on a signal:\n{stderr}")
if not os.path.isfile(os.path.join(split, "checkpoint", "complete")):
    sys.exit("no complete checkpoint after the stop on a signal")
if os.path.exists(os.path.join(split, "report.json")):
    failures.append("an interrupted run wrote report.json")

# Another case must not resume from this checkpoint.
refused = run(1, split, ["--set", "Injection/Volume=2"], expect=1)
if "belongs to a case with other parameters" not in refused.stderr:
    failures.append(f"unclear error for a foreign checkpoint:\n{refused.stderr}")

# A damaged checkpoint or one of another version is refused, and kept.
def refuse_damaged(name, damage, expected):
    output = os.path.join(work, "damaged-" + name)
    folder = os.path.join(output, "checkpoint")
    shutil.copytree(os.path.join(split, "checkpoint"), folder)
    damage(folder)
    refused = run(1, output, expect=1)
    if expected not in refused.stderr or "cannot be resumed" not in refused.stderr:
        failures.append(f"unclear error for a checkpoint with {name} "
                        f"(expected '{expected}'):\n{refused.stderr}")
    if not os.path.isdir(folder):
        failures.append(f"the refused checkpoint with {name} was removed")


def flip_a_digit(folder):
    path = os.path.join(folder, "state.txt")
    data = bytearray(open(path, "rb").read())
    i = next(i for i in range(len(data) // 2, len(data)) if chr(data[i]).isdigit())
    data[i] = ord("1") if data[i] != ord("1") else ord("2")
    open(path, "wb").write(data)


def truncate_the_largest(folder):
    largest = max(os.listdir(folder), key=lambda n: os.path.getsize(os.path.join(folder, n)))
    path = os.path.join(folder, largest)
    os.truncate(path, os.path.getsize(path) // 2)


def change_the_version(folder):
    path = os.path.join(folder, "manifest")
    lines = open(path).read().split("\n")
    lines[1] = "version 0.0.9"
    open(path, "w").write("\n".join(lines))


refuse_damaged("a modified state", flip_a_digit, "does not match its checksum")
refuse_damaged("a truncated file", truncate_the_largest, "(truncated or modified)")
refuse_damaged("another version", change_the_version, "written by cementflow 0.0.9, this is")
refuse_damaged("no manifest", lambda f: os.remove(os.path.join(f, "manifest")),
               "it has no manifest")

# A half-written checkpoint (no marker) left by a crash is ignored.
os.makedirs(os.path.join(split, "checkpoint-new"))
with open(os.path.join(split, "checkpoint-new", "state.txt"), "w") as f:
    f.write("half written")

resumed = run(2, split)
if "Resumed from" not in resumed.stdout:
    failures.append("the second run did not resume from the checkpoint")
for name in ("checkpoint", "checkpoint-old", "checkpoint-new"):
    if os.path.exists(os.path.join(split, name)):
        failures.append(f"{name} is still there after the run completed")


keys = ("injected_volume_mL", "cement_in_bone_mL", "max_tip_pressure_kPa",
        "final_tip_pressure_kPa", "max_injection_pressure_kPa",
        "n_time_steps", "safe_volume_mL")
comparison, largest = compare_results(read_results(whole),
                                      read_results(split), keys,
                                      relative_tolerance,
                                      ("uninterrupted", "resumed"))
failures += comparison
report1, report2 = read_results(whole)[0], read_results(split)[0]
if report2["mpi_ranks"] != 2:
    failures.append("the resumed run did not use two ranks")
if report1["outcome"] != report2["outcome"]:
    failures.append(f"outcome {report1['outcome']} != {report2['outcome']}")
# Outputs come at the first step past each output volume: their times are
# step ends, equal to the statistics' tolerance.
times1, times2 = pvd_times(whole), pvd_times(split)
if len(times1) != len(times2) or any(
        abs(t1 - t2) > relative_tolerance * max(abs(t1), 1.0)
        for t1, t2 in zip(times1, times2)):
    failures.append(f"solution.pvd times {times1} uninterrupted, {times2} "
                    "resumed")

print(f"largest relative difference over all statistics: {largest:.3g}")
if failures:
    print("\n".join(failures[:20]))
    sys.exit(1)
print("a run resumed on two ranks equals the uninterrupted run")
