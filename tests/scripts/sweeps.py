#!/usr/bin/env python3
"""cementflow sweep: a small grid on two ranks with one failing case, a
resumed sweep after a kill, a small Monte Carlo ensemble that draws the
same cases on one and on two ranks, the same ensemble run as three slices
(--shard) and collected (--collect), --cases, and a sweep file run from
another folder.

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


def run(path, ranks, args_after=(), **kwargs):
    command = [mpiexec, "-np", str(ranks), cementflow, "sweep", path, *args_after]
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
    started = [d for d in os.listdir(folder) if os.path.exists(
        os.path.join(folder, d, "sweep-case.txt"))] if os.path.isdir(folder) else []
    done = [d for d in started if os.path.exists(os.path.join(folder, d, "sweep-status.txt"))]
    # Two cases finished and a third one running.
    if len(done) >= 2 and len(started) > len(done):
        break
    time.sleep(0.05)
process.send_signal(signal.SIGKILL)
process.wait()
finished = sorted(d for d in os.listdir(folder)
                  if os.path.exists(os.path.join(folder, d, "sweep-status.txt")))
stamps = {d: os.path.getmtime(os.path.join(folder, d, "sweep-status.txt")) for d in finished}
check(2 <= len(finished) < 6, f"the kill left a partial sweep ({finished})")
# The case the kill interrupted is reported as such, not as "not run".
run(slow, 1, args_after=["--collect"])
statuses = [r["status"] for r in summary("resume")]
check(sum(s.startswith("interrupted: the process ended") for s in statuses) == 1 and
      statuses.count("completed") == len(finished),
      f"a collect after the kill names the interrupted case ({statuses})")
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

# 4. The ensemble as three slices of a job array, then collected: the same
#    summary as one sweep (wall times aside).
def comparable(rows):
    return [{k: v for k, v in r.items() if k != "wall time (s)"} for r in rows]


sharded = sweep_file("sharded", body)
outputs = [run(sharded, 1, args_after=["--shard", f"{i}/3"]) for i in (1, 2)]
check(all(r.returncode == 0 for r in outputs), "slices 1/3 and 2/3 run")
check(not os.path.exists(os.path.join(work, "sharded", "summary.csv")),
      "a slice leaves the summary to --collect")
early = run(sharded, 1, args_after=["--collect"])
check(early.returncode == 0 and "not run (or run with other settings): 3, 4." in early.stdout,
      f"a collect before the last slice lists the missing cases: {early.stdout[-300:]}")
check([r["status"] for r in summary("sharded")] == ["completed"] * 2 + ["not run"] * 2,
      "the early summary marks the missing cases (slices of 1, 1 and 2 cases)")
check(run(sharded, 1, args_after=["--shard", "3/3"]).returncode == 0, "slice 3/3 runs")
collected = run(sharded, 1, args_after=["--collect"])
check(collected.returncode == 0 and "4 of 4 cases completed" in collected.stdout,
      f"the collect counts every case: {collected.stdout[-300:]}")
check(comparable(summary("sharded")) == comparable(summary("ensemble1")),
      "three slices and a collect give the summary of one sweep")
with open(os.path.join(work, "sharded", "probabilities.csv")) as f, \
        open(os.path.join(work, "ensemble1", "probabilities.csv")) as g:
    check(f.read() == g.read(), "and the same probabilities")

# 5. --cases runs a range; a range beyond the sweep is an input error.
ranged = sweep_file("ranged", body)
result = run(ranged, 1, args_after=["--cases", "2-3"])
done = sorted(d for d in os.listdir(os.path.join(work, "ranged"))
              if os.path.exists(os.path.join(work, "ranged", d, "sweep-status.txt")))
check(result.returncode == 0 and done == ["case-0002", "case-0003"],
      f"--cases 2-3 runs cases 2 and 3 only ({done})")
for bad, words in (("3-9", "the sweep has 4 cases"), ("x", "a range K-L"),
                   ("0/2", "must be 1 to N")):
    option = "--shard" if "/" in bad else "--cases"
    result = run(ranged, 1, args_after=[option, bad])
    check(result.returncode == 1 and words in result.stderr,
          f"{option} {bad} is an input error naming the problem: {result.stderr.strip()[-200:]}")

# 6. From another folder: the base case is found beside the sweep file.
beside = os.path.join(work, "beside.prm")
with open(beside, "w") as f:
    f.write("subsection Sweep\n  set Base case = base.prm\n"
            f"  set Output directory = {os.path.join(work, 'beside')}\n"
            "  set Parameter 1 = Injection/Rate\n  set Values 1 = 2\nend\n")
result = subprocess.run([cementflow, "sweep", beside], capture_output=True, text=True,
                        timeout=600, cwd="/")
check(result.returncode == 0 and summary("beside")[0]["status"] == "completed",
      f"a sweep run from / finds its base case beside the file: {result.stderr[-300:]}")

# 7. The plots know the units of the swept parameters.
with open(os.path.join(work, "grid", "units.csv")) as f:
    units = {r["parameter"]: r["unit"] for r in csv.DictReader(f)}
check(units == {"Needle/Tip offset along trajectory": "mm", "Injection/Rate": "mL/min"},
      f"units.csv gives the units ({units})")

# 8. SIGUSR1 (a batch system's warning) stops a sweep on two ranks with
#    checkpoints of the running cases, exit code 4; run again, they resume.
stoppable = sweep_file("stoppable", """  set Type = grid
  set Settings = Geometry/Cell size=0.75; Numerics/Time stepping=fixed volume; Numerics/Volume per time step=0.002
  set Parameter 1 = Injection/Rate
  set Values 1 = 1; 2; 3; 4
""")
folder = os.path.join(work, "stoppable")
process = subprocess.Popen([mpiexec, "-np", "2", cementflow, "sweep", stoppable],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
deadline = time.time() + 300
while time.time() < deadline:
    running = [d for d in os.listdir(folder)
               if os.path.exists(os.path.join(folder, d, "log.txt.tmp"))] \
        if os.path.isdir(folder) else []
    if running:
        break
    time.sleep(0.02)
# Into the time steps of the first cases: 150 fixed steps, about 2 s each
# (adaptive steps would end them within the 0.3 s).
time.sleep(0.3)
process.send_signal(signal.SIGUSR1)
stdout, stderr = process.communicate(timeout=300)
checkpointed = sorted(d for d in os.listdir(folder)
                      if os.path.isdir(os.path.join(folder, d, "checkpoint")))
check(process.returncode == 4 and "stopped on a signal" in stderr,
      f"the signal stops the sweep with exit code 4 ({process.returncode}): {stderr[-300:]}")
check(len(checkpointed) >= 1, f"the running cases left checkpoints ({checkpointed})")
result = run(stoppable, 2)
check(result.returncode == 0, f"the sweep runs again: {result.stderr[-300:]}")
rows = summary("stoppable")
check([r["status"] for r in rows] == ["completed"] * 4 and
      all(r["injected volume (mL)"] == "0.3" for r in rows),
      "every case completes with its 0.3 mL")
check(all("Resumed from" in open(os.path.join(folder, d, "log.txt")).read()
          for d in checkpointed), "the checkpointed cases resumed")

if failures:
    print("\n".join("FAILED: " + f for f in failures))
    sys.exit(1)
