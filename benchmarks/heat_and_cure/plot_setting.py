#!/usr/bin/python3
"""Figure of the setting benchmark from setting_curves.csv: the temperature
at the cement's centre of every case, and for the in vivo case at the tip,
the centre and the posterior wall."""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))
curves = {}
with open(os.path.join(here, "setting_curves.csv")) as f:
    for r in csv.DictReader(f):
        curves.setdefault(r["case"], []).append(r)


def column(rows, name):
    return [float(r[name]) for r in rows]


fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
for name, rows in curves.items():
    left.plot(column(rows, "time after mixing (min)"),
              column(rows, "cement's centre (C)"), label=name)
left.set_xlabel("time after mixing (min)")
left.set_ylabel("temperature at the cement's centre (°C)")
left.set_title("setting in the bone, 3 mL")
left.grid(True, lw=0.3)
left.legend(fontsize=8)
rows = curves["in-vivo"]
minutes = column(rows, "time after mixing (min)")
for name, style in (("needle tip (C)", "-"), ("cement's centre (C)", "--"),
                    ("posterior wall, hottest cell (C)", "-")):
    right.plot(minutes, column(rows, name), style, label=name[:-4])
right.set_xlabel("time after mixing (min)")
right.set_ylabel("temperature (°C)")
right.set_title("in vivo: 23 °C syringe, perfused bone")
right.grid(True, lw=0.3)
right.legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(here, "setting.png"), dpi=110)
