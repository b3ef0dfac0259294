#!/usr/bin/python3
"""Figure of the viscosity-ratio benchmark from viscosity_ratio.csv."""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "viscosity_ratio.csv")) as f:
    rows = list(csv.DictReader(f))
ratios = []
for r in rows:
    if r["viscosity ratio"] not in ratios:
        ratios.append(r["viscosity ratio"])
fig, axes = plt.subplots(1, len(ratios), figsize=(14, 3.8))
for ax, ratio in zip(axes, ratios):
    subset = [r for r in rows if r["viscosity ratio"] == ratio and float(r["time (s)"]) > 0]
    t = [float(r["time (s)"]) for r in subset]
    ax.plot(t, [float(r["piston tip pressure (kPa)"]) for r in subset], "k-", label="piston")
    ax.plot(t, [float(r["tip pressure (kPa)"]) for r in subset], "o", ms=3, label="cementflow")
    ax.set_title(f"M = {ratio}")
    ax.set_xlabel("time (s)")
    ax.grid(True, lw=0.3)
axes[0].set_ylabel("tip pressure (kPa)")
axes[0].legend()
fig.suptitle("Tip pressure against time for cement/marrow viscosity ratios M")
fig.tight_layout()
fig.savefig(os.path.join(here, "viscosity_ratio.png"), dpi=110)
