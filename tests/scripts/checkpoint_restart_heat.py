#!/usr/bin/env python3
"""Checkpoint and restart of a run with Heat and cure, across rank counts.

A run on one rank is stopped by SIGUSR1 after its first periodic checkpoint
and resumed on two ranks, while the cement is still heating; the resumed run
must give the result of an uninterrupted run to solver tolerance: every
statistics row, temperatures, cure, doses and the energy budget. The
temperature, the degree of cure and the dose fields travel with the mesh, the
run's heat flows with the checkpoint's state.

Usage: checkpoint_restart_heat.py CEMENTFLOW MPIEXEC SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

from run_comparison import (compare_results, read_results,
                            stop_after_first_checkpoint)

cementflow, mpiexec, source = sys.argv[1], sys.argv[2], sys.argv[3]
work = tempfile.mkdtemp(prefix="cementflow-checkpoint-heat-")
settings = [os.path.join(source, "params", "box.prm"),
            "--set", "Geometry/Cell size=2", "--set", "Geometry/Box/Size=16, 16, 16",
            "--set", "Injection/Volume=1",
            "--set", "Injection/Follow after injection=300",
            "--set", "Numerics/Maximum time step=10",
            "--set", "Heat and cure/Enabled=true",
            "--set", "Numerics/Pressure tolerance=1e-11",
            "--set", "Numerics/Flux tolerance=1e-12",
            "--set", "Checkpoints/Every steps=15"]
failures = []


def run(ranks, output):
    command = [cementflow, "run", "--output", output, *settings]
    if ranks > 1:
        command = [mpiexec, "-np", str(ranks)] + command
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {done.returncode}:\n"
                 f"{done.stdout[-2000:]}\n{done.stderr}")
    return done


whole = os.path.join(work, "whole")
run(1, whole)

split = os.path.join(work, "split")
stop_after_first_checkpoint([cementflow, "run", "--output", split, *settings])
resumed = run(2, split)
if "Resumed from" not in resumed.stdout:
    failures.append("the second run did not resume from the checkpoint")

keys = ("injected_volume_mL", "cement_in_bone_mL", "max_tip_pressure_kPa",
        "n_time_steps")
comparison, largest = compare_results(read_results(whole), read_results(split),
                                      keys, 1e-7, ("uninterrupted", "resumed"))
failures += comparison
heat1 = read_results(whole)[0]["heat"]
heat2 = read_results(split)[0]["heat"]
for key, value in heat1.items():
    if isinstance(value, float) and "imbalance" not in key:
        if abs(value - heat2[key]) > 1e-7 * max(abs(value), 1e-3):
            failures.append(f"report heat {key}: {value} uninterrupted, "
                            f"{heat2[key]} resumed")
for heat in (heat1, heat2):
    if abs(heat["energy_imbalance_J"]) > 1e-6 * heat["heat_released_J"]:
        failures.append(f"energy imbalance {heat['energy_imbalance_J']} J of "
                        f"{heat['heat_released_J']} J released")
if heat1["peak_temperature_C"] < 45:
    failures.append("the case did not heat up; it checks nothing")

print(f"largest relative difference over all statistics: {largest:.3g}")
if failures:
    print("\n".join(failures[:20]))
    sys.exit(1)
print("a heated run resumed on two ranks equals the uninterrupted run")
