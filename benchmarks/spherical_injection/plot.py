#!/usr/bin/python3
"""Convergence figure of the spherical-injection benchmark from
spherical_injection.csv (written by build/benchmarks/spherical_injection)."""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "spherical_injection.csv")) as f:
    rows = list(csv.DictReader(f))
h = [float(r["cell size (mm)"]) for r in rows]

fig, ax = plt.subplots(figsize=(6, 4.5))
for column, label, marker in [
        ("L2 error (relative)", "pressure, L2", "o"),
        ("tip error (relative)", "tip pressure", "s"),
        ("flux error (relative)", "face fluxes (outside the source)", "^")]:
    ax.loglog(h, [float(r[column]) for r in rows], marker=marker, label=label)
reference = [float(rows[0]["L2 error (relative)"]) * (x / h[0]) ** 2 for x in h]
ax.loglog(h, reference, "k--", lw=0.8, label="second order")
ax.set_xlabel("cell size (mm)")
ax.set_ylabel("relative error")
ax.set_title("Steady spherical injection: cementflow vs analytic")
ax.grid(True, which="both", lw=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(os.path.join(here, "spherical_injection.png"), dpi=120)
