"""python -m harness bench: every case in Go, then in each Python
model, then whole programs and memory; then the report and plots,
all into one run folder (results/README.md, "bench runs")."""

import importlib.metadata
import os
import time

from harness import plan as run_plan
from harness import report, results
from harness.bench import gotest, pyrun, tables
from harness.bench.plan import FILES, GO, cases, memory_points
from harness.results import RunFolder, dump
from harness.scale import measure

# Package versions worth knowing beside the numbers.
PACKAGES = ("pyperf", "matplotlib", "numpy", "uvloop", "psutil")


class Progress:
    """Which benchmark, how many are left, how long so far."""

    def __init__(self, total, say):
        self.total, self.done, self.say = total, 0, say
        self.began = time.monotonic()

    def step(self, what, result=""):
        self.done += 1
        spent = int(time.monotonic() - self.began)
        self.say(f"  [{self.done:>3}/{self.total} {spent // 60:>2}m"
                 f"{spent % 60:02d}s] {what}{'  ' + result if result else ''}",
                 flush=True)


def versions():
    out = {}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def bench(registry, settings, chosen, argv, base, say=print):
    """The whole command; 0 when every benchmark ran."""
    notes, failures = [], []
    todo = cases(registry, settings, chosen, notes)
    go_cases = [c for c in todo if c.kind in ("floor", "scenario",
                                              "sweep")]
    cpus = sorted({1, os.cpu_count() or 1})
    py_runs = [(c, i) for c in todo for i in c.impls
               if c.kind == "process" or i not in GO]
    points = list(memory_points(registry, settings))
    rounds = settings.get("go_rounds", 1)
    py_rounds = settings.get("py_rounds", 1)
    progress = Progress(len(go_cases) * len(cpus) * rounds
                        + len(py_runs) * py_rounds + 2 * len(points),
                        say)
    for note in notes:
        say(f"note: {note}")
    say(f"make bench, profile {settings['profile']}: "
        f"{progress.total} benchmarks")
    with RunFolder(base) as out:
        folder = out.partial
        # The samples of each Go benchmark are taken in rounds, each
        # a whole go test over every case, so that a burst of load
        # from elsewhere spreads over all benchmarks instead of
        # biasing the one that ran during it.
        raw = "".join(
            gotest.run(go_cases, settings, cpus,
                       go_progress(progress, f"{n}/{rounds}"), rounds)
            for n in range(1, rounds + 1))
        out.write("go-bench.txt", raw)
        samples = gotest.parse(raw, max(cpus))
        totals = {c.name: c.total for c in go_cases}
        for impl in GO:
            meta = {"gomaxprocs": 1 if impl != "go" else max(cpus),
                    "go_benchtime": settings["go_benchtime"]}
            gotest.suite(samples[impl], totals, meta).dump(
                str(folder / FILES[impl]))
        # Python's samples come in rounds too, each round a pass
        # over every benchmark that appends its runs to the file;
        # the first round calibrates pyperf's loops, later ones
        # reuse them.
        for n in range(1, py_rounds + 1):
            for case, impl in py_runs:
                if f"{impl} {case.name}" in " ".join(failures):
                    continue
                cmd = pyrun.argv(registry, case, impl, settings, folder,
                                 pyrun.python(), py_rounds)
                ok, text = pyrun.run(cmd)
                last = text.splitlines()[-1] if text else ""
                progress.step(f"py round {n}/{py_rounds} {impl:<15} "
                              f"{case.name}", last.split(": ", 1)[-1]
                              if ok else "FAILED")
                if not ok:
                    failures.append(f"{impl} {case.name}: {last}")
        memory = measure_memory(registry, settings, points, progress)
        summary = {**report.header("bench", out, argv),
                   "profile": settings["profile"],
                   "settings": {k: v for k, v in settings.items()
                                if k != "left_out"},
                   "packages": versions(), "notes": notes,
                   "failures": failures, "memory": memory,
                   "cases": [{"name": c.name, "kind": c.kind,
                              "scenario": c.scenario, "params": c.params,
                              "total": c.total, "impls": list(c.impls),
                              "knob": c.knob, "value": c.value}
                             for c in todo]}
        out.write("summary.json", dump(summary))
        # matplotlib (and numpy) only here: the other commands,
        # compare and check-traces among them, never load them.
        from harness.bench import plots
        made = plots.draw(folder, summary)
        out.write("report.md", tables.markdown(folder, summary, settings,
                                               made))
    say("")
    say(f"{'PASS' if not failures else 'FAIL'}: report in "
        f"{results.shown(out.path)}report.md; compare with "
        f".venv/bin/python -m pyperf compare_to "
        f"{results.shown(out.path)}go.json "
        f"{results.shown(out.path)}python.json --table")
    for failure in failures:
        say(f"  failed: {failure}")
    return 0 if not failures else 1


def go_progress(progress, round_):
    """A step each time a Go benchmark has its samples of a round:
    its lines come one after another."""
    last = [None]

    def on_line(line):
        m = gotest.LINE.match(line)
        if not m:
            return
        if last[0] != (m["name"], m["procs"]) and last[0] is not None:
            progress.step(*last[1])
        fields = m["metrics"].split()
        per = dict(zip(fields[1::2], fields[::2])).get("ns/item")
        last[0] = (m["name"], m["procs"])
        last[1:] = [(f"go round {round_} GOMAXPROCS={m['procs'] or 1}"
                     f" {m['name']}", f"last sample {per} ns/item")]

    def done():
        if last[0] is not None:
            progress.step(*last[1])
    on_line.done = done
    return on_line


def measure_memory(registry, settings, points, progress):
    """Peak RSS of the whole Go and asyncio programs per point."""
    m = settings["memory"]
    s = registry.scenario(m["scenario"])
    rows = []
    for value, params in points:
        row = {"value": value, "params": params}
        for impl in ("go", "asyncio"):
            full, _ = run_plan.params(s, {**params, "delay": 0.0})
            cmd = run_plan.command(registry.implementations[impl], s,
                                   full, pyrun.python(), trace=False)
            got = measure(cmd, registry.implementations[impl].env, 600)
            row[impl] = got
            progress.step(f"memory {impl:<8} {m['knob']}={value}",
                          f"{got['maxrss_mib']:.1f} MiB")
        rows.append(row)
    return {"scenario": m["scenario"], "knob": m["knob"],
            "items": m["items"], "rows": rows}
