#!/usr/bin/python3
"""Curing: the needle pressure of a curing cement at constant rate, against
the logarithmic rise of Baroud et al. 2004 (1.2 -> 2.3 MPa over 2 min in an
8 G cannula). Runs cementflow through the cannula bench
(../cannula/cannula.prm), reads the cannula pressure drop per step, writes
curing.csv and prints a Markdown table.

Calibration (documented in README.md): 8 G, 100 mm (assumed: the FE model's
length is not in our reference), 4 mL/min (Baroud & Steffen 2005's rate,
assumed for the 2004 model); a Newtonian cement whose viscosity at the start
gives 1.2 MPa, mu_0 = 1.2 MPa pi R^4 / (8 L Q); then
  - exponential cure with tau = 2 min / ln(2.3/1.2) = 3.0755 min, which hits
    both end points;
  - a viscosity table with a logarithmic rise through the same end points,
    1.2 + 1.1 ln(1 + t/t_c) / ln(1 + 120 s/t_c) MPa with t_c = 20 s (the
    curvature is a choice: the source gives only the end points and the
    word "logarithmic").

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
work = tempfile.mkdtemp(prefix="cementflow-curing-")

radius, length, rate = 3.429e-3 / 2, 0.1, 4e-6 / 60
mu_0 = 1.2e6 * math.pi * radius ** 4 / (8 * length * rate)
tau = 2 / math.log(2.3 / 1.2)
t_c = 20.0


def logarithmic(t):
    return 1.2 + 1.1 * math.log(1 + t / t_c) / math.log(1 + 120 / t_c)


table = os.path.join(work, "log_rise.csv")
with open(table, "w") as f:
    f.write("time after mixing (min),viscosity (Pa s)\n")
    for i in range(0, 27):
        t = 5.0 * i
        f.write(f"{7 + t / 60},{mu_0 * logarithmic(t) / 1.2}\n")

common = ["Needle/Gauge=8G", "Injection/Rate=4", "Injection/Volume=8",
          "Injection/Start after mixing=7", f"Cement/Viscosity={mu_0}",
          "Cement/Curing/Reference time=7", "Numerics/Volume per time step=0.1",
          "Numerics/Time stepping=fixed volume"]
models = {
    "exponential": ["Cement/Curing/Model=exponential",
                    f"Cement/Curing/Time constant={tau}"],
    "table (logarithmic)": ["Cement/Curing/Model=table",
                            f"Cement/Curing/Table file={table}"],
}
series = {}
for name, settings in models.items():
    output = os.path.join(work, name.split()[0])
    command = [cementflow, "run", os.path.join(here, "../cannula/cannula.prm"),
               "--output", output]
    for s in common + settings:
        command += ["--set", s]
    subprocess.run(command, check=True, capture_output=True)
    with open(os.path.join(output, "statistics.csv")) as f:
        series[name] = [(float(r["time (s)"]), float(r["cannula pressure drop (kPa)"]) / 1e3)
                        for r in csv.DictReader(f)]

with open(os.path.join(here, "curing.csv"), "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["time (s)", "logarithmic reference (MPa)"] +
                    [f"{name} (MPa)" for name in models])
    for i, (t, _) in enumerate(series["exponential"]):
        writer.writerow([t, logarithmic(t)] + [series[name][i][1] for name in models])

print(f"mu_0 = {mu_0:.1f} Pa s, tau = {tau:.4f} min\n")
print("| model | needle pressure at 0 s (MPa) | at 60 s | at 120 s | largest difference from the logarithmic curve (MPa) |")
print("|---|---|---|---|---|")
print(f"| logarithmic reference | {logarithmic(0):.3f} | {logarithmic(60):.3f} | {logarithmic(120):.3f} | 0 |")
for name in models:
    values = dict(series[name])
    largest = max(abs(p - logarithmic(t)) for t, p in series[name])
    print(f"| {name} | {values[0.0]:.3f} | {values[60.0]:.3f} | {values[120.0]:.3f} | {largest:.3f} |")
