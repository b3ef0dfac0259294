#!/usr/bin/python3
"""Leakage trends against the clinical literature (physics-reference.md 7, 15).

Each trend compares arms of the leak-prone scenario (params/leak-scenario-perfused.prm:
a perfused body drained by its veins, a posterior cortical defect) as Monte
Carlo ensembles over what varies between patients and placements: the tip
offset along and across the trajectory (normal, 2 mm standard deviation,
assumed) and the basivertebral vein's radius (uniform 0.5-1.5 mm, the assumed
range of docs/circulation.md). All arms draw the same samples (same seed). For
each arm: the probability of a venous leak (basivertebral or segmental) and of
a canal leak (the cortical defect), each over the leak threshold of 0.01 mL,
with 95 % Wilson intervals, and the mean leaked volumes. Each finished arm is
appended to leakage.csv, so an interrupted run keeps what it did; run.py skips
arms already in the file. Prints a Markdown table.

Usage: run.py [SAMPLES] [CEMENTFLOW] [MPIEXEC RANKS]
"""
import csv
import math
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "../.."))
samples = int(sys.argv[1]) if len(sys.argv) > 1 else 40
cementflow = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(root, "build/cementflow")
launcher = sys.argv[3:5] if len(sys.argv) > 4 else []
work = os.path.join(here, "runs")
results_file = os.path.join(here, "leakage.csv")
threshold = 0.01  # mL, the exit zones' default Leak threshold

variables = [("Needle/Tip offset along trajectory", "normal(-8, 2)"),
             ("Needle/Tip offset across trajectory", "normal(-6, 2)"),
             ("Veins/basivertebral vein/Radius", "uniform(0.5, 1.5)")]
HV = "Cement/Name=generic-high-viscosity"
LV = "Cement/Name=generic-low-viscosity"
# An intravertebral cleft 4.5 mm above the mean tip position, 2 mm open
# (illustrative: no cleft sizes are in our reference; at 1 mm its
# permeability, a^2/12, is barely above this bone's and it changed nothing).
CLEFT = ["Fracture clefts/Names=cleft",
         "Fracture clefts/cleft/Center=2, -6, 5",
         "Fracture clefts/cleft/Normal=0, 0, 1",
         "Fracture clefts/cleft/Radius=8",
         "Fracture clefts/cleft/Aperture=2"]
# Supine: the plexus at 8.4 mmHg, and the defect, which opens onto the
# internal plexus, with it.
SUPINE = "Venous plexus/Posture=supine; Exit zones/posterior defect/Pressure=1.12"
NO_PERFUSION = "Perfusion/Enabled=false"
# Each cell's cement cures by its own temperature (Heat and cure): the cement
# that entered first, warmed by the bone to 37 C, is older than the batch.
LOCAL_CURE = "Heat and cure/Enabled=true"
# (arm name, settings, samples as a fraction of SAMPLES)
arms = [
    ("HV", [HV], 1.0),
    ("LV", [LV], 1.0),
    ("LV with cleft", [LV] + CLEFT, 1.0),
    ("HV with cleft", [HV] + CLEFT, 0.5),
    ("LV at 3.5 min", [LV, "Injection/Start after mixing=3.5"], 0.5),
    ("LV at 9.5 min", [LV, "Injection/Start after mixing=9.5"], 0.5),
    ("HV without perfusion", [HV, NO_PERFUSION], 0.5),
    ("LV without perfusion", [LV, NO_PERFUSION], 0.5),
    ("HV supine", [HV, SUPINE], 0.5),
    ("LV supine", [LV, SUPINE], 0.5),
    ("LV at 3.5 min, local cure",
     [LV, "Injection/Start after mixing=3.5", LOCAL_CURE], 0.5),
    ("LV at 7 min, local cure", [LV, LOCAL_CURE], 0.5),
    ("LV at 9.5 min, local cure",
     [LV, "Injection/Start after mixing=9.5", LOCAL_CURE], 0.5),
    ("LV at 7 min, local cure, no marrow cooling",
     [LV, LOCAL_CURE, "Heat and cure/Marrow cooling=none"], 0.5),
]


def wilson(k, n):
    z = 1.959963984540054
    if n == 0:
        return 0.0, 1.0
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def venous(r):
    return float(r["leaked volume venous-basivertebral (mL)"] or 0) + \
        float(r["leaked volume venous-segmental (mL)"] or 0)


def canal(r):
    return float(r["leaked volume spinal canal (mL)"] or 0)


def run_arm(name, settings, n):
    folder = os.path.join(work, name.replace(" ", "-"))
    path = folder + ".prm"
    os.makedirs(work, exist_ok=True)
    with open(path, "w") as f:
        f.write("subsection Sweep\n  set Type = monte carlo\n"
                f"  set Base case = {root}/params/leak-scenario-perfused.prm\n"
                f"  set Output directory = {folder}\n"
                f"  set Samples = {n}\n  set Seed = 11\n"
                f"  set Settings = {'; '.join(settings)}\n")
        for i, (variable, distribution) in enumerate(variables, 1):
            f.write(f"  set Variable {i} = {variable}\n"
                    f"  set Distribution {i} = {distribution}\n")
        f.write("end\n")
    command = launcher[:1] + (["-np", launcher[1]] if launcher else []) + \
        [cementflow, "sweep", path]
    # mpirun refuses root unless told (as on the project's machines).
    environment = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1",
                       OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    subprocess.run(command, check=True, capture_output=True, cwd=root,
                   env=environment)
    with open(os.path.join(folder, "summary.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["outcome"] != "failed"]
    count = len(rows)
    return {"arm": name, "cases": count,
            "venous leaks": sum(venous(r) > threshold for r in rows),
            "canal leaks": sum(canal(r) > threshold for r in rows),
            "mean venous leaked (mL)": sum(map(venous, rows)) / max(count, 1),
            "mean canal leaked (mL)": sum(map(canal, rows)) / max(count, 1),
            "mean safe volume (mL)":
                sum(float(r["safe volume (mL)"]) for r in rows) / max(count, 1),
            "mean wall time (s)":
                sum(float(r["wall time (s)"]) for r in rows) / max(count, 1)}


done = {}
if os.path.exists(results_file):
    with open(results_file) as f:
        for r in csv.DictReader(f):
            done[r["arm"]] = r
fields = ["arm", "cases", "venous leaks", "canal leaks",
          "mean venous leaked (mL)", "mean canal leaked (mL)",
          "mean safe volume (mL)", "mean wall time (s)"]
for name, settings, share in arms:
    if name in done:
        continue
    result = run_arm(name, settings, max(2, round(samples * share)))
    new_file = not os.path.exists(results_file)
    with open(results_file, "a", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        if new_file:
            writer.writeheader()
        writer.writerow(result)
    done[name] = result
    print(f"done: {name}", file=sys.stderr, flush=True)

print("| arm | cases | P(venous leak) | P(canal leak) | mean venous / canal leaked (mL) |")
print("|---|---|---|---|---|")
for name, _, _ in arms:
    r = done[name]
    n = int(r["cases"])

    def p(k):
        low, high = wilson(int(k), n)
        return f"{int(k)}/{n} ({low:.2f}-{high:.2f})"
    print(f"| {name} | {n} | {p(r['venous leaks'])} | {p(r['canal leaks'])} | "
          f"{float(r['mean venous leaked (mL)']):.4f} / "
          f"{float(r['mean canal leaked (mL)']):.4f} |")
