#!/usr/bin/env python3
"""cementflow sweep: a small grid on two ranks with one failing case, a
resumed sweep after a kill, and a small Monte Carlo ensemble that draws the
same cases on one and on two ranks.

Usage: sweeps.py CEMENTFLOW MPIEXEC SOURCE_DIR
"""
import csv
import os
import signal
import subprocess
import sys
import tempfile
import time

cementflow, mpiexec, source = sys.argv[1], sys.argv[2], sys.argv[3]
work = tempfile.mkdtemp(prefix="cementflow-sweeps-")
failures = []

# A small, fast case: a 12 mm box of bone, open walls, 0.3 mL.
base = os.path.join(work, "base.prm")
with open(os.path.join(source, "params/box.prm")) as box, open(base, "w") as f:
    f.write(box.read())
    f.write("""
subsection Geometry
  set Cell size = 1.5
  subsection Box
    set Size = 12, 12, 12
  end
end
subsection Injection
  set Volume = 0.3
end
subsection Output
  set Write fields = false
end
""")


def sweep_file(name, body):
    path = os.path.join(work, name + ".prm")
    with open(path, "w") as f:
        f.write(f"subsection Sweep\n  set Base case = {base}\n"
                f"  set Output directory = {os.path.join(work, name)}\n{body}end\n")
    return path


def run(path, ranks, **kwargs):
    command = [mpiexec, "-np", str(ranks), cementflow, "sweep", path]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)


def summary(name):
    with open(os.path.join(work, name, "summary.csv")) as f:
        return list(csv.DictReader(f))


def check(condition, message):
    if not condition:
        failures.append(message)
    else:
        print("ok: " + message)


# 1. A 2 x 2 grid on two ranks; one value puts the tip outside the bone.
grid = sweep_file("grid", """  set Type = grid
  set Parameter 1 = Needle/Tip offset along trajectory
  set Values 1 = 0; 30
  set Parameter 2 = Injection/Rate
  set Values 2 = 2; 4
""")
result = run(grid, 2)
check(result.returncode == 0, f"a grid with a failing case exits 0 ({result.returncode}): {result.stderr}")
rows = summary("grid")
check(len(rows) == 4, f"the grid summary has 4 rows ({len(rows)})")
statuses = [r["status"] for r in rows]
check(statuses.count("completed") == 2, f"two cases complete ({statuses})")
check(sum(s.startswith("input error: Needle/Tip") for s in statuses) == 2,
      f"the tip outside the bone is reported per case ({statuses})")
check(all(r["injected volume (mL)"] == "0.3" for r in rows if r["status"] == "completed"),
      "completed cases injected 0.3 mL")
check(os.path.exists(os.path.join(work, "grid", "risk_map.png")) or
      "matplotlib" in open(os.path.join(work, "grid", "plots.log")).read(),
      "the risk map is drawn (or its absence explained)")

# 2. A sweep killed after its first cases resumes without redoing them.
slow = sweep_file("resume", """  set Type = grid
  set Parameter 1 = Injection/Rate
  set Values 1 = 1; 1.5; 2; 2.5; 3; 3.5
""")
process = subprocess.Popen([cementflow, "sweep", slow], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
folder = os.path.join(work, "resume")
deadline = time.time() + 300
while time.time() < deadline:
    done = [d for d in os.listdir(folder) if os.path.exists(
        os.path.join(folder, d, "sweep-status.txt"))] if os.path.isdir(folder) else []
    if len(done) >= 2:
        break
    time.sleep(0.05)
process.send_signal(signal.SIGKILL)
process.wait()
finished = sorted(d for d in os.listdir(folder)
                  if os.path.exists(os.path.join(folder, d, "sweep-status.txt")))
stamps = {d: os.path.getmtime(os.path.join(folder, d, "sweep-status.txt")) for d in finished}
check(2 <= len(finished) < 6, f"the kill left a partial sweep ({finished})")
result = run(slow, 1)
check(result.returncode == 0, "the resumed sweep finishes")
check(all(os.path.getmtime(os.path.join(folder, d, "sweep-status.txt")) == stamps[d]
          for d in finished), "cases finished before the kill are not run again")
check(result.stdout.count("already done") == len(finished),
      f"the resumed sweep says which cases it skipped ({result.stdout.count('already done')})")
rows = summary("resume")
check(len(rows) == 6 and all(r["status"] == "completed" for r in rows),
      "after resuming every case is complete")

# 3. A small ensemble: the same draws on one and two ranks.
body = """  set Type = monte carlo
  set Samples = 4
  set Seed = 7
  set Variable 1 = Needle/Tip offset across trajectory
  set Distribution 1 = normal(0, 1)
  set Variable 2 = Needle/Tip[2]
  set Distribution 2 = uniform(-1, 1)
"""
one = sweep_file("ensemble1", body)
two = sweep_file("ensemble2", body)
check(run(one, 1).returncode == 0 and run(two, 2).returncode == 0, "the ensembles run")
rows1, rows2 = summary("ensemble1"), summary("ensemble2")
columns = ["Needle/Tip offset across trajectory", "Needle/Tip[2]"]
check([[r[c] for c in columns] for r in rows1] == [[r[c] for c in columns] for r in rows2],
      "one and two ranks draw the same samples")
check(len({r["Needle/Tip[2]"] for r in rows1}) == 4, "the samples differ from each other")
with open(os.path.join(work, "ensemble2", "probabilities.csv")) as f:
    probabilities = list(csv.DictReader(f))
check(probabilities[0]["event"] == "any leak" and probabilities[0]["cases"] == "4",
      "probabilities.csv counts the 4 cases")
p, low, high = (float(probabilities[0][k]) for k in ("probability", "95% low", "95% high"))
check(0 <= low <= p <= high <= 1, f"the Wilson interval brackets the estimate ({low}, {p}, {high})")

if failures:
    print("\n".join("FAILED: " + f for f in failures))
    sys.exit(1)
