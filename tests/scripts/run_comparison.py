"""Compares the results of two runs of the same case (report.json and every
row of statistics.csv) to a relative tolerance; used by the tests that
check that a result does not depend on the number of ranks or on a restart.
"""
import csv
import json
import os
import signal
import subprocess
import sys

# Statistics that count work or round-off, not results, and may differ
# between runs.
WORK_COLUMNS = ("iterations", "sweeps", "AMG", "mass balance", "imbalance")


def read_results(output):
    """report.json and the rows of statistics.csv of an output folder."""
    with open(os.path.join(output, "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(output, "statistics.csv")) as f:
        rows = list(csv.DictReader(f))
    return report, rows


def compare_results(first, second, keys, relative_tolerance, names):
    """Failures (a list of messages) and the largest relative difference over
    the statistics; first and second come from read_results, names label
    them in the messages."""
    (report1, rows1), (report2, rows2) = first, second
    failures = []

    def compare(label, one, two, scale):
        if abs(one - two) > relative_tolerance * scale:
            failures.append(f"{label}: {one} {names[0]}, {two} {names[1]}")

    for key in keys:
        compare(key, report1[key], report2[key], abs(report1[key]))
    for zone, volume in report1["leaked_volume_mL"].items():
        compare("leaked " + zone, volume, report2["leaked_volume_mL"][zone],
                report1["injected_volume_mL"])
    for report in (report1, report2):
        if report["mass_balance_relative_error"] > 1e-10:
            failures.append(
                f"mass balance {report['mass_balance_relative_error']}")

    if len(rows1) != len(rows2):
        failures.append(f"{len(rows1)} statistics rows {names[0]}, "
                        f"{len(rows2)} {names[1]}")
    largest = 0.0
    for row1, row2 in zip(rows1, rows2):
        for column in row1:
            if any(word in column for word in WORK_COLUMNS):
                continue
            one, two = float(row1[column]), float(row2[column])
            # Volumes to the injected scale; pressures and forces that are
            # round-off once the needle closed, to 1 mPa and 1 uN.
            floor = 1.0 if "(mL)" in column else 1e-6 if (
                "(kPa)" in column or "(N)" in column) else 1e-300
            scale = max(abs(one), floor)
            largest = max(largest, abs(one - two) / scale)
            compare(f"{column} at t = {row1['time (s)']}", one, two, scale)
    return failures, largest


def stop_after_first_checkpoint(command):
    """Runs @p command on one rank and sends it SIGUSR1 once it has written
    its first periodic checkpoint, as a batch scheduler does before the end
    of an allocation; exits unless the run then stops with exit code 4.
    Returns the run's standard error."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if line.startswith("Checkpoint written"):
            process.send_signal(signal.SIGUSR1)
            break
    _, stderr = process.communicate(timeout=600)
    if process.returncode != 4:
        sys.exit(f"a run stopped by SIGUSR1 exited with {process.returncode}, "
                 f"expected 4:\n{stderr}")
    return stderr
