#!/usr/bin/env python3
"""Setting of the cement in the bone with Heat and cure: the default case
(3 mL at 3 mL/min, 7 min after mixing, Borzacchiello 1998 listing 1),
followed for 25 minutes after the injection.

  bench-23C, bench-37C: bone, cement and the surroundings at 23 or 37 C,
      no perfusion. Nicholas 2007 measured the setting time halved from
      23 to 37 C (physics-reference.md 16.2);
  in-vivo: cement from a 23 C syringe into perfused bone at 37 C;
  chilled: the same cement pre-cooled to 4 C (Lai 2012: handling time
      8.5 -> 15.2 min at 22 -> 4 C).

The setting time is ISO 5833's: the time after mixing at which the
temperature at the cement's centre first reaches halfway from the
surroundings to its peak. Writes setting.csv and the temperatures over time,
setting_curves.csv, here; plot_setting.py draws them.

Usage: setting.py [CEMENTFLOW] [MPIEXEC] [RANKS] [--reuse]
  --reuse: read the outputs of an earlier run in /tmp instead of running.
"""
import csv
import os
import sys

from heat_runs import run_case

here = os.path.dirname(os.path.abspath(__file__))
cementflow = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "--reuse" else os.path.join(here, "../../build/cementflow")
mpiexec = sys.argv[2] if len(sys.argv) > 2 else "mpirun"
ranks = int(sys.argv[3]) if len(sys.argv) > 3 else 2
reuse = "--reuse" in sys.argv
start_after_mixing = 7.0  # min, the default case's
common = ["Heat and cure/Enabled=true", "Injection/Follow after injection=1500",
          "Numerics/Maximum time step=10", "Output/Write fields=false"]
cases = {
    "bench-23C": (23, ["Heat and cure/Body temperature=23",
                       "Heat and cure/Syringe temperature=23",
                       "Heat and cure/Perfusion rate=0"]),
    "bench-37C": (37, ["Heat and cure/Body temperature=37",
                       "Heat and cure/Syringe temperature=37",
                       "Heat and cure/Perfusion rate=0"]),
    "in-vivo": (37, ["Heat and cure/Syringe temperature=23"]),
    "chilled": (37, ["Heat and cure/Syringe temperature=4"]),
}


def column(stats, name):
    return [float(r[name]) for r in stats]


def first_crossing(times, values, level):
    for i in range(1, len(values)):
        if values[i - 1] < level <= values[i]:
            w = (level - values[i - 1]) / (values[i] - values[i - 1])
            return times[i - 1] + w * (times[i] - times[i - 1])
    return float("nan")


rows, curves = [], {}
for name, (surroundings, settings) in cases.items():
    output = os.path.join("/tmp", "cementflow-setting-" + name)
    if reuse:
        with open(os.path.join(output, "statistics.csv")) as f:
            stats, wall = list(csv.DictReader(f)), float("nan")
    else:
        stats, wall = run_case(cementflow, mpiexec, ranks, output,
                               common + settings)
    t = column(stats, "time (s)")
    centre = column(stats, "temperature at the cement's centre (C)")
    tip = column(stats, "temperature at the needle tip (C)")
    wall_temperature = column(stats, "max temperature at the posterior wall (C)")
    cure = column(stats, "degree of cure at the cement's centre")
    pressure = column(stats, "injection pressure (kPa)")
    viscosity = column(stats, "cement viscosity at tip (Pa s)")
    injected = column(stats, "injected volume (mL)")
    injecting = [i for i in range(len(t)) if injected[i] < injected[-1] * (1 - 1e-9)]
    end_of_injection = (injecting[-1] + 1) if injecting else 0
    peak = max(centre)
    setting_s = first_crossing(t, centre, 0.5 * (surroundings + peak))
    half_cure_s = first_crossing(t, cure, 0.5 * cure[-1])
    row = {
        "case": name,
        "surroundings (C)": surroundings,
        "peak at the centre (C)": peak,
        "peak at the tip (C)": max(tip),
        "setting time (min after mixing)": start_after_mixing + setting_s / 60,
        "half of the final cure at the centre (min after mixing)":
            start_after_mixing + half_cure_s / 60,
        "final cure at the centre": cure[-1],
        "largest injection pressure (kPa)": max(pressure[:end_of_injection + 1]),
        "viscosity at the tip at the end of the injection (Pa s)":
            viscosity[end_of_injection],
        "wall time (s)": wall,
    }
    rows.append(row)
    curves[name] = (t, centre, tip, wall_temperature)
    print(", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}"
                    for k, v in row.items()), flush=True)

with open(os.path.join(here, "setting.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
by_name = {r["case"]: r for r in rows}
ratio = (by_name["bench-23C"]["setting time (min after mixing)"] /
         by_name["bench-37C"]["setting time (min after mixing)"])
print(f"setting time 23 C / 37 C: {ratio:.3f} (Nicholas 2007: 2)")

with open(os.path.join(here, "setting_curves.csv"), "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["case", "time after mixing (min)", "cement's centre (C)",
                     "needle tip (C)", "posterior wall, hottest cell (C)"])
    for name, (t, centre, tip, wall_temperature) in curves.items():
        for i in range(len(t)):
            writer.writerow([name, start_after_mixing + t[i] / 60, centre[i],
                             tip[i], wall_temperature[i]])
