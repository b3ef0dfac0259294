#!/usr/bin/python3
"""Trends on the default case: each generic cement of the library, injected
5, 7 or 9 minutes after mixing. Writes trends.csv and prints a Markdown
table of the peak injection pressure, the peak tip pressure, the cement
viscosity at the tip at the end, and the cloud's radius of gyration.

Usage: run.py [CEMENTFLOW] [extra --set options ...]
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
cementflow = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../build/cementflow")
extra = sys.argv[2:]
cements = ["generic-low-viscosity", "generic-medium-viscosity", "generic-high-viscosity"]
delays = ["5", "7", "9"]

rows = []
work = tempfile.mkdtemp(prefix="cementflow-trends-")
for cement in cements:
    for delay in delays:
        output = os.path.join(work, f"{cement}-{delay}")
        command = [cementflow, "run", "--output", output,
                   "--set", f"Cement/Name={cement}",
                   "--set", f"Injection/Start after mixing={delay}",
                   "--set", "Output/Write fields=false"] + extra
        subprocess.run(command, check=True, capture_output=True)
        with open(os.path.join(output, "report.json")) as f:
            report = json.load(f)
        rows.append({
            "cement": cement,
            "start after mixing (min)": delay,
            "max injection pressure (kPa)": report["max_injection_pressure_kPa"],
            "max tip pressure (kPa)": report["max_tip_pressure_kPa"],
            "cement viscosity at tip (Pa s)": report["cement_viscosity_at_tip_Pa_s"],
            "cloud radius of gyration (mm)": report["cement_cloud_radius_mm"],
            "leaked (mL)": report["total_leaked_volume_mL"],
            "wall time (s)": report["wall_time_s"],
        })
        print(f"done: {cement}, {delay} min", file=sys.stderr)

with open(os.path.join(here, "trends.csv"), "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)

print("| cement | start (min after mixing) | peak injection pressure (kPa) | peak tip pressure (kPa) | viscosity at tip at the end (Pa s) | cloud radius of gyration (mm) | leaked (mL) |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['cement']} | {r['start after mixing (min)']} | "
          f"{r['max injection pressure (kPa)']:.0f} | {r['max tip pressure (kPa)']:.2f} | "
          f"{r['cement viscosity at tip (Pa s)']:.0f} | "
          f"{r['cloud radius of gyration (mm)']:.3f} | {r['leaked (mL)']:.3g} |")
