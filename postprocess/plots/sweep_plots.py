#!/usr/bin/python3
"""Pictures of a cementflow sweep, from the files it wrote:

    sweep_plots.py SWEEP_FOLDER [MAP_X MAP_Y]

A grid sweep (summary.csv) gets risk maps against two of its axes (MAP_X,
MAP_Y, counted from 1): the leaked volume, the safe volume and the leak
probability (the share of cases with a leak, over the other axes), each
cell of the map one combination. A Monte Carlo ensemble
(probabilities.csv, convergence.csv) gets bars of the probability of a
leak, in any zone and per leak class, with 95 % Wilson intervals, and the
convergence of the estimate with the number of samples. Needs matplotlib
(Debian: python3-matplotlib).
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


summary = read("summary.csv")
probabilities = read("probabilities.csv")
written = []

if probabilities:
    fig, ax = plt.subplots(figsize=(7, 4))
    events = [r["event"] for r in probabilities]
    p = [number(r["probability"]) for r in probabilities]
    low = [max(0.0, pi - number(r["95% low"])) for pi, r in zip(p, probabilities)]
    high = [max(0.0, number(r["95% high"]) - pi) for pi, r in zip(p, probabilities)]
    ax.bar(events, p, yerr=[low, high], capsize=5, color="#4477aa")
    ax.set_ylim(0, 1)
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
            for j in range(len(y_values)):
                for i in range(len(x_values)):
                    if grid[j][i] == grid[j][i]:
                        panel.text(i, j, f"{grid[j][i]:.2g}", ha="center",
                                   va="center", fontsize=8)
            panel.set_xticks(range(len(x_values)), x_values, rotation=20, ha="right")
            panel.set_yticks(range(len(y_values)), y_values)
            panel.set_xlabel(x_name)
            panel.set_ylabel(y_name)
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
        ax.set_xlabel(x_name)
        ax.grid(True, lw=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(folder, "risk_map.png"), dpi=110)
        written.append("risk_map.png")

print("wrote " + ", ".join(written) if written else "nothing to draw")
