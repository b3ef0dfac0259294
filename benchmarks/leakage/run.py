#!/usr/bin/python3
"""Leakage trends against the clinical literature (physics-reference.md 7).

Each trend compares two arms of the leak-prone scenario
(params/leak-scenario.prm) as Monte Carlo ensembles over needle placement
error (tip offset along and across the trajectory, 2 mm standard deviation,
assumed), the two arms drawing the same placements (same seed). For each arm:
the probability of a leak (any zone, and through the spinal-canal defect)
with its 95 % Wilson interval, and the mean leaked and safe volumes. Writes
leakage.csv and prints a Markdown table.

Usage: run.py [SAMPLES] [CEMENTFLOW] [MPIEXEC RANKS]
"""
import csv
import math
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "../.."))
samples = int(sys.argv[1]) if len(sys.argv) > 1 else 10
cementflow = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.path.join(root, "build/cementflow")
launcher = sys.argv[3:5] if len(sys.argv) > 4 else []
work = os.path.join(here, "runs")

placement = [("Needle/Tip offset along trajectory", "normal(-8, 2)"),
             ("Needle/Tip offset across trajectory", "normal(0, 2)")]
trends = [
    ("high- vs low-viscosity cement",
     ["Cement/Name=generic-high-viscosity"], ["Cement/Name=generic-low-viscosity"],
     placement,
     "venous leakage 8.2 % (HV) vs 41.3 % (LV), Anselmetti et al. 2008; "
     "meta-analysis RR 0.38"),
    ("injection 9 vs 5 min after mixing",
     ["Injection/Start after mixing=9"], ["Injection/Start after mixing=5"],
     placement,
     "leaked mass 2.6 g at 9.5 min vs 4.0 g at 3.5 min (LV), Habib et al. 2010"),
    ("with vs without the cortical defect",
     [], ["Exit zones/posterior defect/Boundary condition=closed"],
     placement,
     "cortical disruption OR 5.56 (1.84-16.81), World Neurosurg 2017"),
    ("5 mL vs 3 mL",
     ["Injection/Volume=5"], ["Injection/Volume=3"],
     placement,
     "leaking vertebrae received 0.59 mL more cement (WMD), World Neurosurg 2017"),
    ("tip near vs far from the posterior wall",
     [], [],
     None,
     "spinal-canal leakage with posterior wall destruction and volume, "
     "World J Surg Oncol 2022"),
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


def arm(name, settings, variables):
    folder = os.path.join(work, name)
    path = folder + ".prm"
    os.makedirs(work, exist_ok=True)
    with open(path, "w") as f:
        f.write("subsection Sweep\n  set Type = monte carlo\n"
                f"  set Base case = {root}/params/leak-scenario.prm\n"
                f"  set Output directory = {folder}\n"
                f"  set Samples = {samples}\n  set Seed = 11\n"
                f"  set Settings = {'; '.join(settings)}\n")
        for i, (variable, distribution) in enumerate(variables, 1):
            f.write(f"  set Variable {i} = {variable}\n"
                    f"  set Distribution {i} = {distribution}\n")
        f.write("end\n")
    command = launcher[:1] + (["-np", launcher[1]] if launcher else []) + \
        [cementflow, "sweep", path]
    subprocess.run(command, check=True, capture_output=True, cwd=root)
    with open(os.path.join(folder, "summary.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["outcome"] != "failed"]
    n = len(rows)
    leaks = sum(r["leaked"] == "true" for r in rows)
    canal = sum(float(r["leaked volume spinal canal (mL)"] or 0) > 0.01 for r in rows)
    return {"n": n, "leaks": leaks, "canal": canal,
            "leaked": sum(float(r["total leaked volume (mL)"]) for r in rows) / max(n, 1),
            "safe": sum(float(r["safe volume (mL)"]) for r in rows) / max(n, 1)}


results = []
for label, a, b, variables, clinical in trends:
    if variables is None:
        near = [("Needle/Tip offset along trajectory", "normal(-11, 2)"),
                ("Needle/Tip offset across trajectory", "normal(0, 2)")]
        far = [("Needle/Tip offset along trajectory", "normal(-5, 2)"),
               ("Needle/Tip offset across trajectory", "normal(0, 2)")]
        first, second = arm(label + " A", a, near), arm(label + " B", b, far)
    else:
        first, second = arm(label + " A", a, variables), arm(label + " B", b, variables)
    results.append((label, first, second, clinical))
    print(f"done: {label}", file=sys.stderr)

with open(os.path.join(here, "leakage.csv"), "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["trend", "arm", "cases", "leaks", "canal leaks",
                     "mean leaked (mL)", "mean safe volume (mL)"])
    for label, first, second, _ in results:
        for arm_name, r in (("A", first), ("B", second)):
            writer.writerow([label, arm_name, r["n"], r["leaks"], r["canal"],
                             r["leaked"], r["safe"]])

print(f"{samples} placements per arm (tip offsets along and across the "
      "trajectory, 2 mm standard deviation, the same draws in both arms).\n")
print("| trend (arm A vs arm B) | P(leak) A | P(leak) B | P(canal leak) A | P(canal leak) B | mean leaked A / B (mL) | mean safe volume A / B (mL) | clinical figure |")
print("|---|---|---|---|---|---|---|---|")
for label, a, b, clinical in results:
    def p(k, n):
        low, high = wilson(k, n)
        return f"{k}/{n} ({low:.2f}-{high:.2f})"
    print(f"| {label} | {p(a['leaks'], a['n'])} | {p(b['leaks'], b['n'])} | "
          f"{p(a['canal'], a['n'])} | {p(b['canal'], b['n'])} | "
          f"{a['leaked']:.3f} / {b['leaked']:.3f} | {a['safe']:.2f} / {b['safe']:.2f} | {clinical} |")
