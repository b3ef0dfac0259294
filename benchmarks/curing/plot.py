#!/usr/bin/python3
"""Figure of the curing benchmark from curing.csv."""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "curing.csv")) as f:
    rows = list(csv.DictReader(f))
t = [float(r["time (s)"]) for r in rows]
fig, ax = plt.subplots(figsize=(6, 4.2))
ax.plot(t, [float(r["logarithmic reference (MPa)"]) for r in rows], "k-",
        label="logarithmic rise through 1.2 and 2.3 MPa")
ax.plot(t, [float(r["exponential (MPa)"]) for r in rows], "o", ms=3,
        label="cementflow, exponential cure (tau 3.08 min)")
ax.plot(t, [float(r["table (logarithmic) (MPa)"]) for r in rows], "s", ms=3,
        mfc="none", label="cementflow, viscosity table")
ax.set_xlabel("time since the injection started (s)")
ax.set_ylabel("needle (cannula) pressure (MPa)")
ax.set_title("8 G needle, 4 mL/min: Baroud et al. 2004 end points")
ax.grid(True, lw=0.3)
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(here, "curing.png"), dpi=110)
