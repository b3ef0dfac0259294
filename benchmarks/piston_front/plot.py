#!/usr/bin/python3
"""Figure of the piston-front benchmark from piston_front.csv (written by
build/benchmarks/piston_front)."""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "piston_front.csv")) as f:
    rows = list(csv.DictReader(f))
h = [float(r["cell size (mm)"]) for r in rows]

fig, ax = plt.subplots(figsize=(6, 4.5))
ax.loglog(h, [float(r["front error (relative)"]) for r in rows], "o-",
          label="front radius")
ax.loglog(h, [float(r["tip error (relative)"]) for r in rows], "s-",
          label="tip pressure")
first = float(rows[0]["tip error (relative)"])
ax.loglog(h, [first * (x / h[0]) for x in h], "k--", lw=0.8, label="first order")
ax.set_xlabel("cell size (mm)")
ax.set_ylabel("relative error after 0.5 mL")
ax.set_title("Piston-like cement front (viscosity ratio 2500)")
ax.grid(True, which="both", lw=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(os.path.join(here, "piston_front.png"), dpi=120)
