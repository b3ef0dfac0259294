#!/usr/bin/python3
"""Figure of the leakage trends from leakage.csv: the probability of a leak
in each arm of each trend, with 95 % Wilson intervals."""
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


trends = []
for r in rows:
    if r["trend"] not in trends:
        trends.append(r["trend"])
fig, ax = plt.subplots(figsize=(10, 4.5))
width = 0.38
for offset, arm, colour in ((-width / 2, "A", "#cc6677"), (width / 2, "B", "#4477aa")):
    values = [wilson(int(r["leaks"]), int(r["cases"])) for t in trends
              for r in rows if r["trend"] == t and r["arm"] == arm]
    ax.bar([i + offset for i in range(len(trends))], [v[0] for v in values], width,
           yerr=[[v[1] for v in values], [v[2] for v in values]], capsize=4,
           color=colour, label=f"arm {arm}")
ax.set_xticks(range(len(trends)), [t.replace(" vs ", "\nvs ") for t in trends], fontsize=8)
ax.set_ylabel("probability of a leak")
ax.set_ylim(0, 1)
ax.set_title("Leakage trends in the leak-prone scenario (95 % Wilson intervals)")
ax.legend()
fig.tight_layout()
fig.savefig(os.path.join(here, "leakage.png"), dpi=110)
