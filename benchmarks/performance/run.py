#!/usr/bin/python3
"""Performance of cementflow on this machine: wall time on 1 and 2 ranks,
time per step split by phase (deal.II TimerOutput), linear iterations per
solve against refinement, peak memory per cell, time steps per mL.
Prints Markdown tables; writes performance.csv (performance-adaptive.csv
with --adaptive).

Usage: run.py [CEMENTFLOW [MPIEXEC]] [--quick] [--adaptive]
  --quick leaves out the uniform fine (0.5 mm) runs.
  --adaptive runs only the adaptive meshes and their uniform references.
"""
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
quick = "--quick" in sys.argv
adaptive_only = "--adaptive" in sys.argv
cementflow = arguments[0] if arguments else os.path.join(here, "../../build/cementflow")
mpiexec = arguments[1] if len(arguments) > 1 else "mpirun"
work = tempfile.mkdtemp(prefix="cementflow-performance-")
environment = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
                   OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
                   OMPI_MCA_rmaps_base_oversubscribe="1")

SHEAR_THINNING = "Cement/Name=generic-shear-thinning"
# (label, cell size in mm, ranks, extra settings)
runs = [
    ("refinement 2 mm", 2.0, 2, []),
    ("refinement 1.4 mm", 1.4, 2, []),
    ("default (1 mm)", 1.0, 1, []),
    ("default (1 mm)", 1.0, 2, []),
    ("default, curing power-law cement", 1.0, 1, [SHEAR_THINNING]),
    ("default, curing power-law cement", 1.0, 2, [SHEAR_THINNING]),
    ("refinement 0.7 mm", 0.7, 2, []),
]
if not quick:
    runs += [("fine (0.5 mm)", 0.5, 1, []), ("fine (0.5 mm)", 0.5, 2, [])]
# Adaptive meshes from 2 mm cells, with the uniform mesh of their finest
# cells as reference (same finest size: same accuracy where the cement is).
ADAPTIVE = {"adaptive 2 mm + 1 level (1 mm)": "default (1 mm)",
            "adaptive 2 mm + 2 levels (0.5 mm)": "fine (0.5 mm)"}
adaptive_runs = [
    ("adaptive 2 mm + 1 level (1 mm)", 2.0, 2, ["Adaptive mesh/Refinement levels=1"]),
    ("adaptive 2 mm + 2 levels (0.5 mm)", 2.0, 1, ["Adaptive mesh/Refinement levels=2"]),
    ("adaptive 2 mm + 2 levels (0.5 mm)", 2.0, 2, ["Adaptive mesh/Refinement levels=2"]),
]
if adaptive_only:
    runs = [r for r in runs if r[0] in ADAPTIVE.values() and r[2] == 2]
runs += adaptive_runs


def timer_sections(log):
    """Wall time [s] per TimerOutput section from log.txt."""
    sections = {}
    for match in re.finditer(r"^\| ([a-z][^|]*?)\s*\|\s*(\d+)\s*\|\s*([0-9.e+-]+)s\s*\|",
                             log, re.MULTILINE):
        sections[match.group(1)] = float(match.group(3))
    return sections


def measure(label, cell_size, ranks, extra):
    output = os.path.join(work, f"{len(results)}")
    # Each rank reports its own peak resident memory.
    command = [mpiexec, "-np", str(ranks), "/usr/bin/time", "-f", "peak-rss-kB %M",
               cementflow, "run", "--output", output,
               "--set", f"Geometry/Cell size={cell_size}"]
    for setting in extra:
        command += ["--set", setting]
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    memory = sum(int(m) for m in re.findall(r"peak-rss-kB (\d+)", done.stderr)) * 1024
    with open(os.path.join(output, "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(output, "statistics.csv")) as f:
        rows = list(csv.DictReader(f))[1:]  # row 0 is the initial state
    with open(os.path.join(output, "log.txt")) as f:
        sections = timer_sections(f.read())
    steps = report["n_time_steps"]
    mean = lambda column: sum(float(r[column]) for r in rows) / len(rows)
    phases = {"pressure": sections.get("pressure: assemble", 0) + sections.get("pressure: solve", 0),
              "flux correction": sections.get("fluxes: conservative correction", 0),
              "transport": sections.get("transport: implicit upwind", 0),
              "setup": sum(v for k, v in sections.items() if k.startswith("setup")),
              "output": report["wall_time_s"] - sum(v for k, v in sections.items()
                                                    if not k.startswith("pressure: with")
                                                    and not k.startswith("fluxes: correction solve"))}
    # The viscosity loop repeats the pressure solve: count per solve.
    pressure_solves = mean("viscosity iterations")
    return {"case": label, "cell size (mm)": cell_size, "ranks": ranks,
            "cells": report["n_cells"], "steps": steps,
            "steps per mL": report["time_steps_per_injected_mL"],
            "wall time (s)": report["wall_time_s"],
            "ms per step": 1e3 * (report["wall_time_s"] - phases["setup"]) / steps,
            "pressure ms per step": 1e3 * phases["pressure"] / steps,
            "flux correction ms per step": 1e3 * phases["flux correction"] / steps,
            "transport ms per step": 1e3 * phases["transport"] / steps,
            "setup (s)": phases["setup"],
            "other (s)": phases["output"],
            "viscosity iterations per step": pressure_solves,
            "pressure CG iterations per solve": mean("pressure iterations"),
            "flux CG iterations per solve": mean("flux correction iterations"),
            "transport sweeps per step": mean("transport sweeps"),
            "peak memory (MB, all ranks)": memory / 1e6,
            "memory per cell (kB)": memory / 1e3 / report["n_cells"],
            "adaptation (s)": sections.get("adaptation", 0),
            "tip pressure (kPa)": report["max_tip_pressure_kPa"],
            "cloud radius (mm)": report["cement_cloud_radius_mm"]}


results = []
for label, cell_size, ranks, extra in runs:
    results.append(measure(label, cell_size, ranks, extra))
    r = results[-1]
    print(f"{label}, {ranks} rank(s): {r['cells']} cells, {r['wall time (s)']:.1f} s",
          flush=True)

csv_name = "performance-adaptive.csv" if adaptive_only else "performance.csv"
with open(os.path.join(here, csv_name), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(results[0].keys()))
    writer.writeheader()
    writer.writerows(results)

print("\n| case | ranks | cells | steps (per mL) | wall time (s) | ms per step | "
      "of which pressure / flux correction / transport | setup (s) | "
      "peak memory (MB) | kB per cell |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in results:
    print(f"| {r['case']} | {r['ranks']} | {r['cells']} | {r['steps']} "
          f"({r['steps per mL']:.0f}) | {r['wall time (s)']:.1f} | "
          f"{r['ms per step']:.0f} | {r['pressure ms per step']:.0f} / "
          f"{r['flux correction ms per step']:.0f} / {r['transport ms per step']:.0f} | "
          f"{r['setup (s)']:.1f} | {r['peak memory (MB, all ranks)']:.0f} | "
          f"{r['memory per cell (kB)']:.1f} |")

print("\n| cell size (mm) | cells | ranks | pressure CG iterations per solve (AMG) | "
      "flux-correction CG iterations per solve (AMG) | transport sweeps per step | "
      "viscosity iterations per step |")
print("|---|---|---|---|---|---|---|")
for r in sorted(results, key=lambda r: -r["cell size (mm)"]):
    print(f"| {r['cell size (mm)']} ({r['case']}) | {r['cells']} | {r['ranks']} | "
          f"{r['pressure CG iterations per solve']:.1f} | "
          f"{r['flux CG iterations per solve']:.1f} | {r['transport sweeps per step']:.1f} | "
          f"{r['viscosity iterations per step']:.1f} |")

by_case = {}
for r in results:
    by_case.setdefault(r["case"], {})[r["ranks"]] = r["wall time (s)"]
print("\n| case | 1 rank (s) | 2 ranks (s) | speed-up | strong-scaling efficiency |")
print("|---|---|---|---|---|")
for case, times in by_case.items():
    if 1 in times and 2 in times:
        speedup = times[1] / times[2]
        print(f"| {case} | {times[1]:.1f} | {times[2]:.1f} | {speedup:.2f} | "
              f"{100 * speedup / 2:.0f} % |")

# Adaptive against uniform meshes of the same finest cell size.
uniform = {(r["case"], r["ranks"]): r for r in results}
print("\n| adaptive case | ranks | cells at the end | wall time (s) | of which adaptation (s) | "
      "uniform reference: cells, wall time (s) | tip pressure (kPa) adaptive / uniform | "
      "cloud radius (mm) adaptive / uniform |")
print("|---|---|---|---|---|---|---|---|")
for r in results:
    reference = uniform.get((ADAPTIVE.get(r["case"]), r["ranks"]))
    if r["case"] not in ADAPTIVE:
        continue
    against = (f"{reference['cells']}, {reference['wall time (s)']:.1f}" if reference
               else "not run")
    pressures = (f"{r['tip pressure (kPa)']:.4f} / {reference['tip pressure (kPa)']:.4f}"
                 if reference else f"{r['tip pressure (kPa)']:.4f} / -")
    radii = (f"{r['cloud radius (mm)']:.3f} / {reference['cloud radius (mm)']:.3f}"
             if reference else f"{r['cloud radius (mm)']:.3f} / -")
    print(f"| {r['case']} | {r['ranks']} | {r['cells']} | {r['wall time (s)']:.1f} | "
          f"{r['adaptation (s)']:.1f} | {against} | {pressures} | {radii} |")
