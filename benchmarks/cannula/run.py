#!/usr/bin/python3
"""Cannula pressure drop computed by cementflow (Rabinowitsch-Mooney
integration for any rheology) against the closed forms of
physics-reference.md 4.3, and the Baroud & Steffen 2005 two-section cannula.
Prints Markdown tables; writes cannula.csv.

Usage: run.py [CEMENTFLOW]
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
cementflow = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../build/cementflow")
work = tempfile.mkdtemp(prefix="cementflow-cannula-")
inner = {"8G": 3.429e-3, "10G": 2.692e-3, "11G": 2.388e-3, "13G": 1.803e-3}
length, rate = 0.1, 3e-6 / 60
rows = []


def drop(settings):
    output = os.path.join(work, str(len(rows)))
    command = [cementflow, "run", os.path.join(here, "cannula.prm"), "--output", output]
    for s in settings:
        command += ["--set", s]
    subprocess.run(command, check=True, capture_output=True)
    with open(os.path.join(output, "report.json")) as f:
        return json.load(f)["max_cannula_pressure_drop_kPa"] * 1e3


print("Uniform cannulas, 100 mm, 3 mL/min:\n")
print("| gauge | rheology | cementflow (kPa) | closed form (kPa) | relative difference |")
print("|---|---|---|---|---|")
for gauge, d in inner.items():
    radius = d / 2
    for n in ["1", "0.7", "0.5", "0.3"]:
        if n == "1":
            settings = [f"Needle/Gauge={gauge}", "Cement/Viscosity=100"]
            exact = 8 * 100 * length * rate / (math.pi * radius ** 4)
            label = "Newtonian, 100 Pa s"
        else:
            nf = float(n)
            settings = [f"Needle/Gauge={gauge}", "Cement/Rheology=power law",
                        "Cement/Consistency=100", f"Cement/Flow index={n}"]
            exact = 2 * 100 * length / radius * \
                ((3 * nf + 1) * rate / (math.pi * nf * radius ** 3)) ** nf
            label = f"power law, K = 100 Pa s^n, n = {n}"
        computed = drop(settings)
        rows.append({"case": f"{gauge} {label}", "cementflow (Pa)": computed,
                     "closed form (Pa)": exact})
        print(f"| {gauge} | {label} | {computed / 1e3:.4f} | {exact / 1e3:.4f} | "
              f"{abs(computed - exact) / exact:.1e} |")

print("\nBaroud & Steffen 2005: doubling the inner diameter of a proximal "
      "section of an 11 G, 100 mm cannula (3 mL/min):\n")
print("| proximal fraction of the length | Newtonian: delivery pressure change | power law n = 0.6: change | Newtonian closed form |")
print("|---|---|---|---|")
uniform_newtonian = drop(["Cement/Viscosity=100"])
power = ["Cement/Rheology=power law", "Cement/Consistency=100", "Cement/Flow index=0.6"]
uniform_power = drop(power)
for fraction in [1 / 3, 0.5, 2 / 3, 0.672, 0.75]:
    proximal = [f"Needle/Proximal length={100 * fraction}",
                f"Needle/Proximal inner diameter={2 * 2.388}"]
    newtonian = drop(["Cement/Viscosity=100"] + proximal) / uniform_newtonian - 1
    shear_thinning = drop(power + proximal) / uniform_power - 1
    rows.append({"case": f"proximal fraction {fraction:.3f}",
                 "cementflow (Pa)": newtonian, "closed form (Pa)": -15 / 16 * fraction})
    print(f"| {fraction:.3f} | {100 * newtonian:.1f} % | {100 * shear_thinning:.1f} % | "
          f"{-100 * 15 / 16 * fraction:.1f} % |")

with open(os.path.join(here, "cannula.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
