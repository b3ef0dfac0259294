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
indices = sorted({r["flow index"] for r in rows}, key=float, reverse=True)

fig, axes = plt.subplots(1, 3, figsize=(13, 4.2), sharey=True)
for ax, column, title in zip(
        axes,
        ["L2 error (relative)", "tip error (relative)", "flux error (relative)"],
        ["pressure, L2", "tip pressure", "face fluxes outside the source"]):
    for n in indices:
        subset = [r for r in rows if r["flow index"] == n]
        h = [float(r["cell size (mm)"]) for r in subset]
        ax.loglog(h, [float(r[column]) for r in subset], "o-", label=f"n = {n}")
    h = [float(r["cell size (mm)"]) for r in rows if r["flow index"] == indices[0]]
    first = float([r for r in rows if r["flow index"] == indices[0]][0][column])
    ax.loglog(h, [first * (x / h[0]) ** 2 for x in h], "k--", lw=0.8,
              label="second order")
    ax.set_xlabel("cell size (mm)")
    ax.set_title(title)
    ax.grid(True, which="both", lw=0.3)
axes[0].set_ylabel("relative error")
axes[0].legend()
fig.suptitle("Steady spherical injection of a power-law fluid: cementflow vs analytic")
fig.tight_layout()
fig.savefig(os.path.join(here, "spherical_injection.png"), dpi=110)
