#!/usr/bin/env python3
"""Vertebroplasty temperatures with Heat and cure, against the measured
peaks of physics-reference.md 16.3: the default case (L5-like body, 11 G
needle, 3 mL/min, cement from a 23 C syringe 7 min after mixing), followed
for 15 minutes after the injection.

  bath-6mL, bath-10mL: no perfusion, 37 C beyond the exits (Belkoff &
      Molloy 2003, cadaver bodies in a 37 C bath, 6 and 10 mL: centre
      49-112 C, > 50 C for 0-8 min);
  perfused-4mL: Pennes perfusion 3e-3 1/s (in vivo: Aebli 2006, sheep,
      4 mL, centre 43.3 +- 6.9 C; Anselmetti 2009, 22 lumbar bodies, group
      means 86.7, 60.5, 44.8 C);
  bath-6mL-cp630: the specific heat of the published FE models;
  bath-6mL-listing2, bath-6mL-li2003: the other published kinetics (heat of
      reaction 123 and 100 J/g).

Usage: run.py [CEMENTFLOW] [MPIEXEC] [RANKS]; writes results.csv here.
"""
import csv
import json
import os
import sys

from heat_runs import run_case

here = os.path.dirname(os.path.abspath(__file__))
cementflow = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../build/cementflow")
mpiexec = sys.argv[2] if len(sys.argv) > 2 else "mpirun"
ranks = int(sys.argv[3]) if len(sys.argv) > 3 else 2
common = ["Heat and cure/Enabled=true", "Injection/Follow after injection=900",
          "Numerics/Maximum time step=10", "Output/Write fields=false"]
cases = {
    "bath-6mL": ["Injection/Volume=6", "Heat and cure/Perfusion rate=0"],
    "bath-10mL": ["Injection/Volume=10", "Heat and cure/Perfusion rate=0"],
    "perfused-4mL": ["Injection/Volume=4"],
    "bath-6mL-cp630": ["Injection/Volume=6", "Heat and cure/Perfusion rate=0",
                       "Heat and cure/Cement specific heat=630"],
    # The heat of reaction and the kinetics: listing 2 releases 123 J/g
    # instead of 100 and cures faster; Li 2003 has the same H, a stronger
    # temperature dependence and no glass limit.
    "bath-6mL-listing2": ["Injection/Volume=6", "Heat and cure/Perfusion rate=0",
                          "Heat and cure/Kinetics=borzacchiello 1998 listing 2"],
    "bath-6mL-li2003": ["Injection/Volume=6", "Heat and cure/Perfusion rate=0",
                        "Heat and cure/Kinetics=li 2003"],
    # H alone: listing 1 with listing 2's heat of reaction.
    "bath-6mL-H123": ["Injection/Volume=6", "Heat and cure/Perfusion rate=0",
                      "Heat and cure/Heat of reaction=123"],
}
rows = []
for name, settings in cases.items():
    output = os.path.join("/tmp", "cementflow-heat-" + name)
    stats, wall = run_case(cementflow, mpiexec, ranks, output, common + settings)
    with open(os.path.join(output, "report.json")) as f:
        anterior = json.load(f)["heat"]["regions"]["anterior wall"]
    hottest = max(stats, key=lambda r: float(r["max temperature (C)"]))
    last = stats[-1]
    row = {
        "case": name,
        "injected (mL)": float(last["injected volume (mL)"]),
        "peak temperature (C)": float(last["peak temperature so far (C)"]),
        "peak at (min after injection start)": float(hottest["time (s)"]) / 60,
        "longest time above 50 C (min)": float(last["longest time above 50 C (s)"]) / 60,
        "max CEM43 outside the cement (min)": float(last["max CEM43 outside the cement (min)"]),
        "max CEM43 at endplates (min)": float(last["max CEM43 at endplates (min)"]),
        "posterior wall peak (C)":
            float(last["peak temperature at the posterior wall so far (C)"]),
        "posterior wall above 45 C (min)":
            float(last["longest time above 45 C at the posterior wall (s)"]) / 60,
        "posterior wall CEM43 (min)": float(last["max CEM43 at the posterior wall (min)"]),
        "anterior wall peak (C)": anterior["peak_temperature_C"],
        "anterior wall above 50 C (min)": anterior["time_above_50C_s"] / 60,
        "max degree of cure": float(last["max degree of cure"]),
        "temperature at the end (C)": float(last["max temperature (C)"]),
        "wall time (s)": wall,
    }
    rows.append(row)
    print(", ".join(f"{k} {v:.3g}" if isinstance(v, float) else f"{k} {v}"
                    for k, v in row.items()), flush=True)
with open(os.path.join(here, "results.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
