#!/usr/bin/python3
"""Figure of the leakage benchmark from leakage.csv: for each arm the
probability of a venous leak (basivertebral or segmental) and of a canal
leak (the posterior cortical defect), with 95 % Wilson intervals."""
import csv
import math
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "leakage.csv")) as f:
    rows = list(csv.DictReader(f))


def wilson(k, n):
    z = 1.959963984540054
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return p, max(0.0, p - (c - h)), max(0.0, c + h - p)


fig, ax = plt.subplots(figsize=(13, 5.2))
width = 0.38
for offset, column, colour, label in (
        (-width / 2, "venous leaks", "#4477aa", "venous (basivertebral, segmental)"),
        (width / 2, "canal leaks", "#cc6677", "spinal canal (cortical defect)")):
    values = [wilson(int(r[column]), int(r["cases"])) for r in rows]
    ax.bar([i + offset for i in range(len(rows))], [v[0] for v in values], width,
           yerr=[[v[1] for v in values], [v[2] for v in values]], capsize=3,
           color=colour, label=label)
ax.set_xticks(range(len(rows)),
              [f"{r['arm']}\n(n = {r['cases']})".replace(" with", "\nwith")
               .replace(" without perfusion", "\nno perfusion").replace(" at", "\nat")
               .replace(" supine", "\nsupine").replace(", local cure", "\nlocal cure").replace(", no marrow cooling", "\nno marrow cooling")
               for r in rows], fontsize=7)
ax.set_ylabel("probability of a leak > 0.01 mL")
ax.set_ylim(0, 1)
ax.set_title("Leak-prone scenario with perfusion and veins: placements and "
             "basivertebral radius varied (95 % Wilson intervals)")
ax.legend(loc="upper left")
fig.tight_layout()
fig.savefig(os.path.join(here, "leakage.png"), dpi=110)
print("wrote leakage.png")
