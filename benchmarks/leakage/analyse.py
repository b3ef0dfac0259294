#!/usr/bin/python3
"""The trend table of the leakage benchmark from the runs of run.py
(runs/<arm>/summary.csv): each trend compares two arms on the cases both
have (the same placements and vein radii, drawn with the same seed), with
the risk ratio of venous and of canal leaks and its 95 % interval (Katz's
log interval; 0.5 added to every cell when a count is zero), the
discordant pairs (cases that leak in one arm only), the mean leaked
volumes, and the leak rate by basivertebral radius. Writes trends.md and
prints it.

Usage: analyse.py
"""
import csv
import math
import os

here = os.path.dirname(os.path.abspath(__file__))
threshold = 0.01  # mL

trends = [
    ("high- vs low-viscosity cement (300 vs 50 Pa s)", "HV", "LV",
     "venous RR 0.54 (0.35-0.85), meta-analysis; venous 8.2 % vs 41.3 %, "
     "Anselmetti 2008; cortical: no fall (C-type more frequent with HV, "
     "2026 RCT)"),
    ("the same without perfusion", "HV without perfusion",
     "LV without perfusion", "(mechanism check: no arterial supply)"),
    ("the same supine (plexus 8.4 mmHg)", "HV supine", "LV supine",
     "(sensitivity to the plexus pressure)"),
    ("HV supine vs prone", "HV supine", "HV",
     "(sensitivity: plexus 8.4 vs 1.8 mmHg)"),
    ("LV supine vs prone", "LV supine", "LV", "as above"),
    ("HV without vs with perfusion", "HV without perfusion", "HV",
     "(sensitivity: perfusion)"),
    ("LV without vs with perfusion", "LV without perfusion", "LV", "as above"),
    ("LV with vs without a cleft", "LV with cleft", "LV",
     "cleft: venous 67.6 -> 37.4 %, cortical 12.2 -> 25.9 % of leaks "
     "(BMC MSD 2021)"),
    ("HV with vs without a cleft", "HV with cleft", "HV", "as above"),
    ("LV injected at 9.5 vs 3.5 min after mixing", "LV at 9.5 min",
     "LV at 3.5 min", "leaked mass falls with later injection, Habib 2010 "
     "(4.0 g at 3.5, 2.6 g at 9.5 min, LV)"),
    ("LV injected at 7 vs 3.5 min after mixing", "LV", "LV at 3.5 min",
     "as above"),
    ("LV injected at 9.5 vs 7 min after mixing", "LV at 9.5 min", "LV",
     "as above"),
    ("LV at 9.5 vs 3.5 min, local cure", "LV at 9.5 min, local cure",
     "LV at 3.5 min, local cure", "as above"),
    ("LV at 7 vs 3.5 min, local cure", "LV at 7 min, local cure",
     "LV at 3.5 min, local cure", "as above"),
    ("LV at 9.5 vs 7 min, local cure", "LV at 9.5 min, local cure",
     "LV at 7 min, local cure", "as above"),
    ("LV at 7 min: local cure vs one batch clock", "LV at 7 min, local cure",
     "LV", "(mechanism: cement warmed in the bone cures faster)"),
    ("LV at 7 min, local cure: marrow cooling vs none",
     "LV at 7 min, local cure", "LV at 7 min, local cure, no marrow cooling",
     "(mechanism: cooled marrow thickens, Bryant 1989)"),
    ("LV at 7 min: local cure without marrow cooling vs one batch clock",
     "LV at 7 min, local cure, no marrow cooling", "LV",
     "(mechanism)"),
]


def read(arm):
    path = os.path.join(here, "runs", arm.replace(" ", "-"), "summary.csv")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return {int(r["case"]): r for r in csv.DictReader(f)
                if r["outcome"] != "failed"}


def venous(r):
    return float(r["leaked volume venous-basivertebral (mL)"] or 0) + \
        float(r["leaked volume venous-segmental (mL)"] or 0)


def canal(r):
    return float(r["leaked volume spinal canal (mL)"] or 0)


def risk_ratio(a, b, n):
    """a of n against b of n, with Katz's 95 % interval."""
    if a == 0 or b == 0:
        a, b, m = a + 0.5, b + 0.5, n + 0.5
    else:
        m = n
    ratio = (a / m) / (b / m)
    se = math.sqrt(1 / a - 1 / m + 1 / b - 1 / m)
    return ratio, ratio * math.exp(-1.96 * se), ratio * math.exp(1.96 * se)


lines = ["| trend (arm A vs arm B) | cases | venous leaks A / B | venous RR (95 % CI) | "
         "only A / only B | canal leaks A / B | canal RR (95 % CI) | "
         "mean venous leaked A / B (mL) | mean canal leaked A / B (mL) | clinical |",
         "|---|---|---|---|---|---|---|---|---|---|"]
for label, arm_a, arm_b, clinical in trends:
    a, b = read(arm_a), read(arm_b)
    if a is None or b is None:
        continue
    common = sorted(set(a) & set(b))
    n = len(common)
    row = [label, str(n)]
    for measure in (venous, canal):
        la = sum(measure(a[c]) > threshold for c in common)
        lb = sum(measure(b[c]) > threshold for c in common)
        only_a = sum(measure(a[c]) > threshold >= measure(b[c]) for c in common)
        only_b = sum(measure(b[c]) > threshold >= measure(a[c]) for c in common)
        ratio, low, high = risk_ratio(la, lb, n)
        row += [f"{la} / {lb}", f"{ratio:.2f} ({low:.2f}-{high:.2f})"]
        if measure is venous:
            row.append(f"{only_a} / {only_b}")
    row.append(f"{sum(venous(a[c]) for c in common) / n:.4f} / "
               f"{sum(venous(b[c]) for c in common) / n:.4f}")
    row.append(f"{sum(canal(a[c]) for c in common) / n:.4f} / "
               f"{sum(canal(b[c]) for c in common) / n:.4f}")
    row.append(clinical)
    lines.append("| " + " | ".join(row) + " |")

lines += ["", "Venous leaks by basivertebral radius (HV and LV arms):", "",
          "| radius (mm) | cases | HV venous leaks | LV venous leaks |",
          "|---|---|---|---|"]
hv, lv = read("HV"), read("LV")
if hv and lv:
    for low, high in ((0.5, 0.833), (0.833, 1.167), (1.167, 1.5)):
        cases = [c for c in hv if c in lv and
                 low <= float(hv[c]["Veins/basivertebral vein/Radius"]) < high]
        lines.append(f"| {low:.2f}-{high:.2f} | {len(cases)} | "
                     f"{sum(venous(hv[c]) > threshold for c in cases)} | "
                     f"{sum(venous(lv[c]) > threshold for c in cases)} |")
text = "\n".join(lines) + "\n"
with open(os.path.join(here, "trends.md"), "w") as f:
    f.write(text)
print(text)
