#!/usr/bin/python3
"""Two-phase front for viscosity ratios M = mu_c / mu_m = 0.1, 1, 10, 1000
(viscosity_ratio.prm): the tip pressure against the analytic piston
solution over the injection, and the sign of dp_tip/dt. Writes
viscosity_ratio.csv (time series) and prints a Markdown table.

Usage: run.py [CEMENTFLOW]
"""
import csv
import math
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
cementflow = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../build/cementflow")
mu_m, q, k, phi, r0, radius = 0.04, 5e-8, 4e-8, 0.9, 1.5e-3, 12e-3


def piston(mu_c, t):
    r_f = (3 * q * t / (4 * math.pi * phi)) ** (1 / 3)
    return q / (4 * math.pi * k) * (mu_c * (6 / (5 * r0) - 1 / r_f) +
                                    mu_m * (1 / r_f - 1 / radius)) / 1e3, r_f


series, table = [], []
work = tempfile.mkdtemp(prefix="cementflow-ratio-")
for ratio in ["0.1", "1", "10", "1000"]:
    mu_c = float(ratio) * mu_m
    output = os.path.join(work, ratio)
    subprocess.run([cementflow, "run", os.path.join(here, "viscosity_ratio.prm"),
                    "--set", f"Cement/Viscosity={mu_c}", "--output", output],
                   check=True, capture_output=True)
    with open(os.path.join(output, "statistics.csv")) as f:
        rows = list(csv.DictReader(f))
    errors = []
    for row in rows:
        t = float(row["time (s)"])
        p = float(row["tip pressure (kPa)"])
        exact, r_f = piston(mu_c, t) if t > 0 else (float("nan"), 0)
        series.append({"viscosity ratio": ratio, "time (s)": t,
                       "tip pressure (kPa)": p, "piston tip pressure (kPa)": exact})
        if r_f > 2 * r0:  # once the front has left the source ball well behind
            errors.append(abs(p - exact) / abs(exact))
    # Sign of dp/dt over the second half of the injection.
    half = [r for r in rows if float(r["time (s)"]) >= 0.5 * float(rows[-1]["time (s)"])]
    slope = float(half[-1]["tip pressure (kPa)"]) - float(half[0]["tip pressure (kPa)"])
    exact_slope = piston(mu_c, float(half[-1]["time (s)"]))[0] - \
        piston(mu_c, float(half[0]["time (s)"]))[0]
    def sign(x, scale):
        return "0" if abs(x) <= 1e-6 * scale else ("+" if x > 0 else "-")
    scale = abs(float(half[-1]["tip pressure (kPa)"]))
    table.append((ratio, float(rows[-1]["tip pressure (kPa)"]),
                  piston(mu_c, float(rows[-1]["time (s)"]))[0],
                  max(errors), sign(slope, scale), sign(exact_slope, scale)))
    print(f"done: M = {ratio}", file=sys.stderr)

with open(os.path.join(here, "viscosity_ratio.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(series[0]))
    writer.writeheader()
    writer.writerows(series)

print("| M = mu_c/mu_m | tip pressure at 0.5 mL (kPa) | piston (kPa) | largest relative difference once r_f > 2 r0 | sign of dp_tip/dt | piston |")
print("|---|---|---|---|---|---|")
for ratio, p, exact, error, s, exact_s in table:
    print(f"| {ratio} | {p:.5g} | {exact:.5g} | {error:.3g} | {s} | {exact_s} |")
