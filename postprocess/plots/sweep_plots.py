#!/usr/bin/python3
"""Pictures of a cementflow sweep, from the files it wrote:

    sweep_plots.py SWEEP_FOLDER [MAP_X MAP_Y]

A grid sweep (summary.csv) gets risk maps against two of its axes (MAP_X,
MAP_Y, counted from 1): the leaked volume, the safe volume and the leak
probability (the share of cases with a leak, over the other axes), each
cell of the map one combination. A Monte Carlo ensemble
(probabilities.csv, convergence.csv) gets bars of the probability of a
leak, in any zone and per leak class, with 95 % Wilson intervals, and the
convergence of the estimate with the number of samples. Axes carry the
units of the swept parameters (units.csv); numbers in the maps below
0.001 print as "< 0.001", so that round-off traces of cement (1e-29 mL)
read as what they are. Needs matplotlib (Debian: python3-matplotlib).
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

folder = sys.argv[1]
map_x = int(sys.argv[2]) if len(sys.argv) > 2 else 1
map_y = int(sys.argv[3]) if len(sys.argv) > 3 else 2


def read(name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return list(csv.DictReader(f))


def number(text):
    try:
        return float(text)
    except ValueError:
        return float("nan")


def for_people(value):
    """A number of a map as a report prints it: three digits, no exponent
    notation; below the 0.001 threshold "< 0.001"."""
    if value == 0:
        return "0"
    if abs(value) < 0.001:
        return "< 0.001"
    if abs(value) >= 1000:
        return f"{value:.0f}"
    return f"{value:.3g}"


units = {r["parameter"]: r["unit"] for r in (read("units.csv") or [])}


def label(name):
    """A swept parameter's name with its unit."""
    unit = units.get(name, "")
    return f"{name} ({unit})" if unit else name


summary = read("summary.csv")
probabilities = read("probabilities.csv")
written = []

if probabilities:
    fig, ax = plt.subplots(figsize=(7, 4))
    events = [r["event"] for r in probabilities]
    p = [number(r["probability"]) for r in probabilities]
    low = [max(0.0, pi - number(r["95% low"])) for pi, r in zip(p, probabilities)]
    high = [max(0.0, number(r["95% high"]) - pi) for pi, r in zip(p, probabilities)]
    bars = ax.bar(events, p, yerr=[low, high], capsize=5, color="#4477aa")
    for bar, r in zip(bars, probabilities):
        ax.annotate(f"{r['with the event']}/{r['cases']}",
                    (bar.get_x() + bar.get_width() / 2, number(r["95% high"])),
                    xytext=(0, 3), textcoords="offset points", ha="center",
                    fontsize=8)
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("probability")
    ax.set_title(f"Probability of leakage over {probabilities[0]['cases']} "
                 "samples (95 % Wilson intervals)")
    plt.setp(ax.get_xticklabels(), rotation=20, ha="right")
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "leak_probability.png"), dpi=110)
    written.append("leak_probability.png")

    convergence = read("convergence.csv")
    if convergence:
        n = [number(r["samples"]) for r in convergence]
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.fill_between(n, [number(r["95% low"]) for r in convergence],
                        [number(r["95% high"]) for r in convergence],
                        alpha=0.3, label="95 % Wilson interval")
        ax.plot(n, [number(r["probability of any leak"]) for r in convergence],
                label="estimate")
        ax.set_xlabel("samples")
        ax.set_ylabel("probability of any leak")
        ax.set_ylim(0, 1)
        ax.grid(True, lw=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(folder, "convergence.png"), dpi=110)
        written.append("convergence.png")
elif summary:
    fixed = ["case", "folder"]
    columns = list(summary[0].keys())
    axes = columns[len(fixed):columns.index("status")]
    if len(axes) >= 2 and max(map_x, map_y) <= len(axes):
        x_name, y_name = axes[map_x - 1], axes[map_y - 1]
        x_values, y_values = [], []
        for r in summary:
            if r[x_name] not in x_values:
                x_values.append(r[x_name])
            if r[y_name] not in y_values:
                y_values.append(r[y_name])
        maps = [("total leaked volume (mL)", "leaked volume (mL), mean", "Reds"),
                ("safe volume (mL)", "safe volume (mL), mean", "Greens"),
                ("leaked", "leak probability", "Reds")]
        fig, panels = plt.subplots(1, 3, figsize=(15, 4.6))
        for panel, (column, title, colours) in zip(panels, maps):
            grid = [[float("nan")] * len(x_values) for _ in y_values]
            for j, y in enumerate(y_values):
                for i, x in enumerate(x_values):
                    cases = [r for r in summary if r[x_name] == x and r[y_name] == y
                             and r["outcome"] != "failed"]
                    if column == "leaked":
                        values = [1.0 if r["leaked"] == "true" else 0.0 for r in cases]
                    else:
                        values = [number(r[column]) for r in cases]
                    if values:
                        grid[j][i] = sum(values) / len(values)
            image = panel.imshow(grid, origin="lower", cmap=colours, aspect="auto")
            low, high = image.get_clim()
            for j in range(len(y_values)):
                for i in range(len(x_values)):
                    if grid[j][i] == grid[j][i]:
                        # White on the dark half of the colour scale.
                        dark = high > low and grid[j][i] > low + 0.6 * (high - low)
                        panel.text(i, j, for_people(grid[j][i]), ha="center",
                                   va="center", fontsize=9,
                                   color="white" if dark else "black")
            panel.set_xticks(range(len(x_values)), x_values, rotation=20, ha="right")
            panel.set_yticks(range(len(y_values)), y_values)
            panel.set_xlabel(label(x_name))
            panel.set_ylabel(label(y_name))
            panel.set_title(title)
            fig.colorbar(image, ax=panel)
        fig.tight_layout()
        fig.savefig(os.path.join(folder, "risk_map.png"), dpi=110)
        written.append("risk_map.png")
    else:
        # One axis: leaked and safe volume against it.
        x_name = axes[0]
        x = [r[x_name] for r in summary]
        fig, ax = plt.subplots(figsize=(7, 4))
        ax.plot(x, [number(r["total leaked volume (mL)"]) for r in summary], "o-",
                label="leaked volume (mL)")
        ax.plot(x, [number(r["safe volume (mL)"]) for r in summary], "s-",
                label="safe volume (mL)")
        ax.set_xlabel(label(x_name))
        ax.set_ylabel("volume (mL)")
        ax.grid(True, lw=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(folder, "risk_map.png"), dpi=110)
        written.append("risk_map.png")

print("wrote " + ", ".join(written) if written else "nothing to draw")
