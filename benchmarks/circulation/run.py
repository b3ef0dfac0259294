#!/usr/bin/python3
"""The circulation at rest and under venous loads, against
physics-reference.md 14, and the intravertebral pressure of an injection
against the cadaver metastasis model (JOSR 2015;10:20).

Runs build/cementflow on the default lumbar body (2 mm cells), perfused and
drained by its veins, exit zones off:
  1. resting state, prone and supine: mean intraosseous pressure (IOP) over
     the plexus, arterial inflow, blood flow per vein;
  2. narrowed veins (every radius scaled by 1, 0.5, 0.35, 0.3, 0.25): the
     IOP as the drainage closes, the supply calibrated to the measured
     blood flow; once the veins cannot carry it below the supply pressure
     the run stops with an input error, which the table records;
  3. a Valsalva episode (supine, plexus raised by 10.9 kPa to 12 kPa for
     10 s, 1 s ramps) while 0.05 mL are in and the cement is followed: the
     IOP's time course;
  4. 3 mL at 3 mL/min of the low-, medium- and high-viscosity cements: the
     largest tip pressure (intravertebral pressure), and the cement in and
     through the veins.
Writes results.md (the tables) and circulation.csv (the Valsalva course).

Usage: run.py [CEMENTFLOW] [MPIEXEC RANKS]
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "../.."))
cementflow = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(root, "build/cementflow")
launcher = sys.argv[2:4] if len(sys.argv) > 3 else []
work = tempfile.mkdtemp(prefix="cementflow-circulation-")
base = ["Geometry/Cell size=2", "Exit zones/Names=", "Perfusion/Enabled=true",
        "Veins/Source=parameters", "Output/Write fields=false"]
radii = {"basivertebral vein": 0.75, "left segmental vein": 0.4,
         "right segmental vein": 0.4}


def run(name, settings, may_fail=False):
    folder = os.path.join(work, name)
    command = launcher[:1] + (["-np", launcher[1]] if launcher else []) + \
        [cementflow, "run", "--output", folder]
    for s in base + settings:
        command += ["--set", s]
    done = subprocess.run(command, capture_output=True, text=True, cwd=root)
    if done.returncode != 0:
        if may_fail:
            return None, done.stderr
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    with open(os.path.join(folder, "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(folder, "statistics.csv")) as f:
        rows = list(csv.DictReader(f))
    return report, rows


lines = []
out = lines.append
out("## Resting state\n")
out("| posture | plexus (kPa) | mean IOP (kPa) | IOP - plexus (kPa) | arterial inflow (mL/min) | basivertebral / segmental blood flow (mL/min) |")
out("|---|---|---|---|---|---|")
for posture in ("prone", "supine"):
    report, _ = run("rest-" + posture, ["Injection/Volume=0.01",
                                        f"Venous plexus/Posture={posture}"])
    c = report["circulation"]
    veins = c["veins"]
    out(f"| {posture} | {c['resting_plexus_pressure_kPa']:.3f} | "
        f"{c['resting_intraosseous_pressure_kPa']:.3f} | "
        f"{c['resting_intraosseous_pressure_kPa'] - c['resting_plexus_pressure_kPa']:.4f} | "
        f"{c['resting_arterial_inflow_mL_per_min']:.2f} | "
        f"{veins['basivertebral vein']['resting_blood_flow_mL_per_min']:.2f} / "
        f"{veins['left segmental vein']['resting_blood_flow_mL_per_min']:.2f}, "
        f"{veins['right segmental vein']['resting_blood_flow_mL_per_min']:.2f} |")

out("\n## Narrowed veins (prone)\n")
out("| vein radii x | basivertebral radius (mm) | mean IOP (kPa) | IOP (mmHg) |")
out("|---|---|---|---|")
for scale in (1, 0.5, 0.35, 0.3, 0.25):
    settings = ["Injection/Volume=0.01"] + [
        f"Veins/{name}/Radius={radius * scale:g}" for name, radius in radii.items()]
    report, error = run(f"narrow-{scale}", settings, may_fail=True)
    if report is None:
        reached = error.split("at rest the marrow reaches ")[1].split(" kPa")[0] \
            if "at rest the marrow reaches" in error else "?"
        out(f"| {scale:g} | {0.75 * scale:.3f} | input error: the veins cannot "
            f"drain the blood flow below the supply pressure (marrow at "
            f"{float(reached):.2f} kPa) | |")
        continue
    iop = report["circulation"]["resting_intraosseous_pressure_kPa"]
    out(f"| {scale:g} | {0.75 * scale:.3f} | {iop:.3f} | {iop / 0.133322:.1f} |")

out("\n## Valsalva episode (supine, plexus +10.9 kPa for 10 s from t = 10 s)\n")
report, rows = run("valsalva", ["Injection/Volume=0.05",
                                "Injection/Follow after injection=40",
                                "Venous plexus/Posture=supine",
                                "Venous plexus/Episodes=10, 10, 10.88",
                                "Numerics/Maximum time step=0.5"])
with open(os.path.join(here, "circulation.csv"), "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["time (s)", "plexus pressure (kPa)",
                     "intraosseous pressure (kPa)", "arterial inflow (mL/min)"])
    for r in rows:
        writer.writerow([r["time (s)"], r["plexus pressure (kPa)"],
                         r["intraosseous pressure (kPa)"],
                         r["arterial inflow (mL/min)"]])
peak = max(rows, key=lambda r: float(r["intraosseous pressure (kPa)"]))
out(f"peak plexus {max(float(r['plexus pressure (kPa)']) for r in rows):.2f} kPa; "
    f"peak mean IOP {float(peak['intraosseous pressure (kPa)']):.2f} kPa at "
    f"t = {float(peak['time (s)']):.1f} s; arterial inflow then "
    f"{float(peak['arterial inflow (mL/min)']):.2f} mL/min; IOP at t = 35 s "
    + f"{[float(r['intraosseous pressure (kPa)']) for r in rows if float(r['time (s)']) >= 35][0]:.3f} kPa\n")

out("\n## Injection, 3 mL at 3 mL/min (prone)\n")
out("| cement | largest tip pressure (kPa) | cement in veins at the end (mL) | leaked through veins (mL) | wall time (s) |")
out("|---|---|---|---|---|")
for cement in ("low", "medium", "high"):
    report, rows = run("inject-" + cement,
                       [f"Cement/Name=generic-{cement}-viscosity", "Injection/Volume=3"])
    c = report["circulation"]
    vein_leak = sum(v["leaked_mL"] for v in c["veins"].values())
    out(f"| generic-{cement}-viscosity | {report['max_tip_pressure_kPa']:.2f} | "
        f"{c['cement_in_veins_mL']:.4f} | {vein_leak:.5f} | {report['wall_time_s']:.1f} |")

text = "\n".join(lines) + "\n"
with open(os.path.join(here, "results.md"), "w") as f:
    f.write(text)
print(text)
