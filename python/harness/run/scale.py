"""make scale: each scenario marked `scale = true` in the registry,
run with a million items and with ten thousand producers or
consumers, in Go and in asyncio, without tracing. It measures wall
time and peak memory, and checks that the consumers received every
item, by counting the lines of their "Got number N" output.

Peak memory is the program's VmHWM from /proc/<pid>/status, read
every 10 ms until it exits: wait4's ru_maxrss would not do, because
it survives fork and exec, so a child of the harness would report at
least the harness's own 23 MiB."""

import os
import signal
import subprocess
import tempfile
import threading
import time

from harness.run import plan
from harness.report import render, results
from harness.report.results import RunFolder, dump
from harness.run.runner import dies_with

PAIR = ("go", "asyncio")  # what a goroutine costs against a task


def cases(registry, scenario, items, actors):
    """The runs of one scenario: (label, parameters) pairs."""
    quiet = {"delay": 0.0, "work": 0.0}
    producers = scenario.params.get("producers", 1)
    out = [(f"{items:,} items", {**quiet,
                                 "items": items // producers})]
    if "producers" in scenario.takes:
        out.append((f"{actors:,} producers × {items // actors:,}",
                    {**quiet, "producers": actors,
                     "items": items // actors}))
    if "consumers" in scenario.takes:
        out.append((f"{actors:,} consumers, {items:,} items",
                    {**quiet, "consumers": actors, "items": items}))
    return out


def measure(argv, env, timeout):
    """Run a program with its output counted, not kept; returns wall
    time, peak RSS in MiB, the lines it wrote and how it ended."""
    with tempfile.TemporaryFile() as errors:
        began = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                stderr=errors, start_new_session=True,
                                preexec_fn=dies_with(os.getpid()),
                                env={**os.environ, **env})
        timer = threading.Timer(timeout, os.killpg,
                                (proc.pid, signal.SIGKILL))
        timer.start()
        peak, done = [0], threading.Event()
        watcher = threading.Thread(target=watch, args=(proc.pid, peak,
                                                       done))
        watcher.start()
        try:
            lines = sum(1 for _ in proc.stdout)
            _, status, _ = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - began
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            done.set()
            watcher.join()
            timer.cancel()
            proc.stdout.close()
            if proc.returncode is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace").strip()
    return {"wall_s": round(wall, 3),
            "maxrss_mib": round(peak[0] / 1024, 1),
            "lines": lines, "exit_code": proc.returncode,
            "stderr": stderr[-500:]}


def delivered(m, expected):
    """A clean exit, and one output line per item the consumers got."""
    return m["exit_code"] == 0 and m["lines"] == expected


def watch(pid, peak, done):
    """Keep the largest VmHWM (kB) seen until the program is gone."""
    while not done.is_set():
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            return
        done.wait(0.01)


def scale(registry, selection, items, actors, python, argv, base,
          say=print):
    """The whole command; 0 when every run delivered every item."""
    rows = []
    with RunFolder(base) as out:
        say(f"  {'scenario':<13}{'run':<36}{'program':<9}"
            f"{'wall':>10} {'peak RSS':>12}  delivered")
        for s in selection.scenarios:
            for label, given in cases(registry, s, items, actors):
                full, _ = plan.params(s, given)
                expected = full["items"] * full["producers"]
                row = {"scenario": s.id, "case": label, "params": full}
                for impl in PAIR:
                    i = registry.implementations[impl]
                    cmd = plan.command(i, s, full, python, trace=False)
                    say(f"  {s.id:<13}{label:<36}{impl:<9}", end="")
                    m = measure(cmd, i.env, timeout=600)
                    m["ok"] = delivered(m, expected)
                    say(f"{m['wall_s']:8.2f} s {m['maxrss_mib']:8.1f} MiB"
                        f"  {'ok' if m['ok'] else 'FAILED'}")
                    row[impl] = m
                row["expected_lines"] = expected
                rows.append(row)
        summary = {**render.header("scale", out, argv),
                   "ok": all(r[i]["ok"] for r in rows for i in PAIR),
                   "rows": rows}
        out.write("summary.json", dump(summary))
        out.write("report.md", markdown(summary))
    say("")
    say(markdown(summary, title=False))
    say(f"{'PASS' if summary['ok'] else 'FAIL'}: results in "
        f"{results.shown(out.path)}")
    return 0 if summary["ok"] else 1


def markdown(summary, title=True):
    head = ["scenario", "run", "Go time", "Go peak RSS", "Python time",
            "Python peak RSS", "all delivered"]
    text = [f"# chankit scale, {summary['started']}", ""] if title else []
    rows = [[r["scenario"], r["case"], f"{go['wall_s']:.2f} s",
             f"{go['maxrss_mib']:.0f} MiB", f"{py['wall_s']:.2f} s",
             f"{py['maxrss_mib']:.0f} MiB",
             "✓" if go["ok"] and py["ok"] else "✗"]
            for r in summary["rows"]
            for go, py in [(r["go"], r["asyncio"])]]
    text += render.md_table(head, rows)
    if title:
        text += ["", f"{render.machine_line(summary['machine'])} No "
                 f"tracing; output counted, not kept. Python is asyncio; "
                 f"Go uses default GOMAXPROCS.", ""]
    return "\n".join(text)
