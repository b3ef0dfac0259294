#!/usr/bin/python3
"""Figures of the piston-front benchmark from piston_front.csv and
piston_front_history.csv (written by build/benchmarks/piston_front)."""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))


def read(name):
    with open(os.path.join(here, name)) as f:
        return list(csv.DictReader(f))


rows = read("piston_front.csv")
history = read("piston_front_history.csv")
h = [float(r["cell size (mm)"]) for r in rows]

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
left.loglog(h, [float(r["front error (relative)"]) for r in rows], "o-",
            label="front radius")
left.loglog(h, [float(r["tip error (relative)"]) for r in rows], "s-",
            label="tip pressure")
first = float(rows[0]["tip error (relative)"])
left.loglog(h, [first * (x / h[0]) for x in h], "k--", lw=0.8, label="first order")
left.set_xlabel("cell size (mm)")
left.set_ylabel("relative error after 0.5 mL")
left.set_title("Convergence")
left.grid(True, which="both", lw=0.3)
left.legend()

t = [float(r["time (s)"]) for r in history]
right.plot(t, [float(r["exact front radius (mm)"]) for r in history], "k-",
           label="front radius, analytic")
right.plot(t, [float(r["front radius (mm)"]) for r in history], "o",
           label="front radius, cementflow (1.25 mm)")
right.set_xlabel("time (s)")
right.set_ylabel("front radius (mm)")
twin = right.twinx()
twin.plot(t, [float(r["exact tip pressure (kPa)"]) for r in history], "r-",
          label="tip pressure, analytic")
twin.plot(t, [float(r["tip pressure (kPa)"]) for r in history], "rs",
          label="tip pressure, cementflow")
twin.set_ylabel("tip pressure (kPa)", color="r")
right.set_title("Front and tip pressure against time")
lines = right.get_legend_handles_labels()
twin_lines = twin.get_legend_handles_labels()
right.legend(lines[0] + twin_lines[0], lines[1] + twin_lines[1], loc="lower right",
             fontsize=8)
right.grid(True, lw=0.3)
fig.suptitle("Piston-like cement front, viscosity ratio 2500")
fig.tight_layout()
fig.savefig(os.path.join(here, "piston_front.png"), dpi=110)
