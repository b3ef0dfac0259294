#!/usr/bin/python3
"""Plots of one cementflow run, from its statistics.csv:

    run_plots.py RESULT_FOLDER

writes into RESULT_FOLDER
  pressures_and_leakage.png  injection pressure (with the cannula's share),
                             tip pressure and leaked volume per exit zone
                             and vein, against the injected volume, or
                             against time when the run went on after the
                             injection (Injection/Follow after injection)
                             or paused;
  viscosity.png              the cement viscosity at the needle tip against
                             time.
Needs matplotlib (Debian: python3-matplotlib).
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

folder = sys.argv[1]
with open(os.path.join(folder, "statistics.csv")) as f:
    rows = list(csv.DictReader(f))


def column(name):
    return [float(r[name]) if r[name] not in ("", None) else float("nan") for r in rows]


volume = column("injected volume (mL)")
# While the needle is closed the volume stands still: plot against time.
paused = any(b == a and b > 0 for a, b in zip(volume, volume[1:]))
x = column("time (s)") if paused else volume
x_label = "time since the injection started (s)" if paused else "injected volume (mL)"
fig, (top, middle, bottom) = plt.subplots(3, 1, figsize=(7, 9), sharex=True)
top.plot(x, column("injection pressure (kPa)"), label="injection pressure")
top.plot(x, column("cannula pressure drop (kPa)"), "--",
         label="of which lost in the cannula")
top.set_ylabel("pressure (kPa)")
top.set_title("Injection")
top.legend()
middle.plot(x, column("tip pressure (kPa)"), color="C2")
middle.set_ylabel("tip pressure (kPa)")
for name in rows[0]:
    if name.startswith("leaked volume ") and not name.startswith("leaked volume class"):
        bottom.plot(x, column(name), label=name[len("leaked volume "):-len(" (mL)")])
bottom.set_xlabel(x_label)
bottom.set_ylabel("leaked volume (mL)")
bottom.legend(fontsize=8)
for ax in (top, middle, bottom):
    ax.grid(True, lw=0.3)
fig.tight_layout()
fig.savefig(os.path.join(folder, "pressures_and_leakage.png"), dpi=100)

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(column("time (s)"), column("cement viscosity at tip (Pa s)"))
ax.set_xlabel("time since the injection started (s)")
ax.set_ylabel("cement viscosity at the tip (Pa s)")
ax.grid(True, lw=0.3)
fig.tight_layout()
fig.savefig(os.path.join(folder, "viscosity.png"), dpi=100)
print("wrote pressures_and_leakage.png, viscosity.png")
