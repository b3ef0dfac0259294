#!/usr/bin/env python3
"""Faults from outside the case: what a run does when the machine fails it.

1. A file-size limit (RLIMIT_FSIZE, as a quota or a full disk does) reached
   mid-run, on 1 and 2 ranks (only the writing rank fails): exit code 5 within a bounded time, a message
   naming the file and the reason, no half-written (.tmp) file, and every
   file written before complete (each .vtu/.vtp closed, every file a .pvd
   names present).
2. SIGKILL while a checkpoint is being written: the previous checkpoint
   survives, and the same command resumes from it and finishes with the
   result of an uninterrupted run.
3. A linear solve that cannot converge (too few iterations allowed; it fails
   at the first step, the case offers no later trigger): exit code 2, a
   message naming the solve, the step and the time, report.json records the
   failure, the outputs before it (geometry, statistics) complete.

Usage: fault_injection.py CEMENTFLOW MPIEXEC
"""
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

from run_comparison import compare_results, read_results

cementflow, mpiexec = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="cementflow-faults-")
case = ["--set", "Geometry/Cell size=2", "--set", "Injection/Volume=0.6",
        "--set", "Output/Volume between outputs=0.1"]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def command(ranks, output, extra=()):
    line = [cementflow, "run", "--output", output, *case, *extra]
    return [mpiexec, "-np", str(ranks)] + line if ranks > 1 else line


def files_under(folder):
    for root, _, names in os.walk(folder):
        for name in names:
            yield os.path.join(root, name)


def outputs_complete(folder):
    """Problems with the files of an output folder: temporary files left,
    VTK files not closed, .pvd entries without their file."""
    problems = []
    for path in files_under(folder):
        if path.endswith(".tmp"):
            problems.append("left behind: " + path)
        if path.endswith((".vtu", ".vtp", ".pvtu")):
            with open(path, "rb") as f:
                f.seek(max(0, os.path.getsize(path) - 64))
                if b"</VTKFile>" not in f.read():
                    problems.append("not closed: " + path)
        if path.endswith(".pvd"):
            for entry in ElementTree.parse(path).findall(".//DataSet"):
                named = os.path.join(os.path.dirname(path), entry.get("file"))
                if not os.path.exists(named):
                    problems.append(f"{path} names missing {named}")
    return problems


# 1. File-size limit. It is set on the running ranks (prlimit) once they
# have started (MPI's own shared-memory files are larger) and after the
# first output of the fields, between that output's size and the next's,
# so that the run fails part-way with earlier outputs written.
reference = os.path.join(work, "reference")
done = subprocess.run(command(1, reference), capture_output=True, text=True,
                      timeout=300)
check(done.returncode == 0, "the case runs without a limit")
sizes = sorted(os.path.getsize(p) for p in files_under(reference)
               if p.endswith(".vtu"))
first_output = os.path.getsize(
    os.path.join(reference, "solution", "solution_00000.0.vtu"))
limit = (first_output + sizes[-1]) // 2
check(first_output < limit < sizes[1], f"the limit ({limit} B) lies between "
      f"the first output ({first_output} B) and the later ones")


def ranks_of(process):
    """The cementflow processes of a run: the process or mpirun's
    children."""
    found = [process.pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == process.pid:
                    found.append(int(entry))
            except (OSError, IndexError):
                pass
    return found


for ranks in (1, 2):
    output = os.path.join(work, f"limited-{ranks}")
    start = time.time()
    process = subprocess.Popen(command(ranks, output), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    first = os.path.join(output, "solution", "solution_00000.pvtu")
    while process.poll() is None and not os.path.exists(first):
        time.sleep(0.001)
    for pid in ranks_of(process):
        try:
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (limit, limit))
        except ProcessLookupError:
            pass
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        check(False, f"{ranks} rank(s): stops within 120 s at the limit")
        continue
    seconds = time.time() - start
    check(process.returncode == 5, f"{ranks} rank(s): exit code 5 at the "
          f"file-size limit (got {process.returncode}, {seconds:.1f} s)")
    check("the output could not be written" in stderr and
          "File too large" in stderr and "<" + output in stderr,
          f"{ranks} rank(s): the message names the file and the reason:\n"
          + stderr[-600:])
    check("internal error" not in stderr,
          f"{ranks} rank(s): not reported as an internal error")
    problems = outputs_complete(output)
    check(not problems, f"{ranks} rank(s): the outputs before are complete "
          + "; ".join(problems[:3]))
    written = [p for p in files_under(output) if p.endswith(".vtu")]
    check(len(written) >= 1, f"{ranks} rank(s): outputs were written before "
          f"the limit ({len(written)} .vtu files)")


# 2. SIGKILL while a checkpoint is written. With a checkpoint every step,
# the kill is sent as soon as checkpoint-new appears, once an earlier
# checkpoint is complete; a kill that came too late is tried again. The
# resumed run solves its first pressure from another start than the
# uninterrupted one, and the adaptive time steps carry that difference on:
# tight solver tolerances, as in checkpoint_restart.py, keep it below the
# comparison's 1e-6.
settings = ["--set", "Checkpoints/Every steps=1",
            "--set", "Numerics/Pressure tolerance=1e-11",
            "--set", "Numerics/Flux tolerance=1e-12"]
uninterrupted = os.path.join(work, "uninterrupted")
subprocess.run(command(1, uninterrupted, settings), capture_output=True,
               timeout=300, check=True)
killed_mid_write = False
for attempt in range(8):
    output = os.path.join(work, f"killed-{attempt}")
    process = subprocess.Popen(command(1, output, settings),
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    fresh = os.path.join(output, "checkpoint-new")
    previous = os.path.join(output, "checkpoint", "complete")
    armed = False
    while process.poll() is None:
        armed = armed or os.path.exists(previous)
        if armed and os.path.exists(fresh):
            process.send_signal(signal.SIGKILL)
            break
    process.wait()
    if process.returncode == -signal.SIGKILL and os.path.exists(fresh) and \
            not os.path.exists(os.path.join(fresh, "complete")):
        killed_mid_write = True
        break
check(killed_mid_write, f"killed while a checkpoint was being written "
      f"(attempts: {attempt + 1})")
if killed_mid_write:
    check(os.path.exists(previous) or os.path.exists(
        os.path.join(output, "checkpoint-old", "complete")),
        "the previous checkpoint survives the kill")
    done = subprocess.run(command(1, output, settings), capture_output=True,
                          text=True, timeout=300)
    check(done.returncode == 0 and "Resumed from" in done.stdout,
          "the same command resumes from the previous checkpoint")
    if done.returncode == 0:
        differences = compare_results(
            read_results(uninterrupted), read_results(output),
            ["injected_volume_mL", "max_tip_pressure_kPa"], 1e-6,
            ("uninterrupted", "resumed"))[0]
        check(not differences, "the resumed run ends as the uninterrupted "
              "one: " + "; ".join(differences[:3]))
        check(not os.path.exists(fresh), "no half-written checkpoint left")


# 3. A linear solve that cannot converge: 3 iterations where 7 are needed.
output = os.path.join(work, "diverging")
done = subprocess.run(
    command(1, output, ["--set", "Numerics/Maximum linear iterations=3"]),
    capture_output=True, text=True, timeout=300)
check(done.returncode == 2, f"a failing solve exits with 2 "
      f"(got {done.returncode}):\n{done.stderr[-400:]}")
check("the simulation failed" in done.stderr and "At time step" in
      done.stderr and "pressure solve" in done.stderr,
      "the message names the solve, the step and the time:\n" + done.stderr[-400:])
with open(os.path.join(output, "report.json")) as f:
    status = json.load(f).get("status", "")
check(status.startswith("failed"), f"report.json records it ({status[:80]})")
problems = outputs_complete(output)
check(not problems, "the outputs before the failure are complete "
      + "; ".join(problems[:3]))

if failures:
    sys.exit(f"{len(failures)} fault-injection check(s) failed")
print("all fault-injection checks passed")
