"""python -m harness bench: every case in Go, then in each Python
model, then whole programs and memory; then the report and plots,
all into one run folder (results/README.md, "A bench run")."""

import importlib.metadata
import os
import time

from harness.run import plan as run_plan
from harness.report import render, results
from harness.bench import gotest, pyrun, tables
from harness.bench.data import machine_load
from harness.bench.cases import cases, go_cases, memory_points, models
from harness.report.results import RunFolder, dump
from harness.run.scale import measure

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
    failed = set()  # (model, case name): not run again in later rounds
    measured = models(registry, settings, notes)
    todo = cases(registry, settings, chosen, measured)
    go = [m for m in measured.values() if m.lang == "go"]
    in_go = go_cases(todo)
    cpus = sorted({1, os.cpu_count() or 1})
    # Each (case, model) once: a sweep's point at the scenario's own
    # parameters is the scenario's case, measured once.
    # Whole programs (process, fixed) are timed by pyperf in Go too.
    py_runs = list({(c.name, i): (c, i) for c in todo for i in c.impls
                    if c.kind in ("process", "fixed")
                    or measured[i].lang != "go"}.values())
    points = list(memory_points(registry, settings))
    rounds = settings.get("go_rounds", 1)
    py_rounds = settings.get("py_rounds", 1)

    def processes(case, n):
        return pyrun.processes(settings, case, n, py_rounds)
    progress = Progress(len(in_go) * len(cpus) * rounds
                        + sum(processes(c, n) > 0 for c, _ in py_runs
                              for n in range(1, py_rounds + 1))
                        + 2 * len(points), say)
    for note in notes:
        say(f"note: {note}")
    say(f"make bench, profile {settings['profile']}: "
        f"{progress.total} benchmarks")
    with RunFolder(base) as out:
        folder = out.partial
        # The machine's load around the run, for the report's head:
        # the two cores are shared, and load moves the figures.
        load = {"before": machine_load()}
        # The samples of each Go benchmark are taken in rounds, each
        # a whole go test over every case, so that a burst of load
        # from elsewhere spreads over all benchmarks instead of
        # biasing the one that ran during it.
        raw = "".join(
            gotest.run(in_go, settings, cpus,
                       go_progress(progress, f"{n}/{rounds}"), rounds)
            for n in range(1, rounds + 1))
        out.write("go-bench.txt", raw)
        samples = gotest.parse(raw, max(cpus), go)
        failures += [f"go {c.name}: no such benchmark in go test's "
                     f"output (go/kit/kitbench/registry.go lacks "
                     f"it: run make)"
                     for c in in_go if c.name not in samples[go[0].id]]
        totals = {c.name: c.total for c in in_go}
        for model in go:
            meta = {"gomaxprocs": int(model.gomaxprocs or max(cpus)),
                    "go_benchtime": settings["go_benchtime"]}
            gotest.suite(samples[model.id], totals, meta).dump(
                str(folder / model.file))
        go_vs_go = go_against_go(raw, max(cpus), folder, out)
        # Python's samples come in rounds too, each round a pass
        # over every benchmark that appends its runs to the file;
        # the first round calibrates pyperf's loops, later ones
        # reuse them.
        for n in range(1, py_rounds + 1):
            for case, impl in py_runs:
                many = processes(case, n)
                if (impl, case.name) in failed or not many:
                    continue
                cmd = pyrun.argv(registry, case, measured[impl],
                                 settings, folder, pyrun.python(), many)
                ok, text = pyrun.run(cmd, pyrun.timeout(
                    registry, case, settings, many))
                last = text.splitlines()[-1] if text else ""
                progress.step(f"py round {n}/{py_rounds} {impl:<15} "
                              f"{case.name}", last.split(": ", 1)[-1]
                              if ok else "FAILED")
                if not ok:
                    failures.append(f"{impl} {case.name}: {last}")
                    failed.add((impl, case.name))
        memory = measure_memory(registry, settings, points, progress,
                                measured)
        load["after"] = machine_load()
        summary = {**render.header("bench", out, argv),
                   "profile": settings["profile"],
                   "settings": settings, "load": load,
                   "packages": versions(), "notes": notes,
                   "failures": failures, "memory": memory,
                   "benchstat": go_vs_go,
                   "models": {m.id: {"lang": m.lang, "label": m.label,
                                     "file": m.file,
                                     "package": m.package}
                              for m in measured.values()},
                   "cases": [{"name": c.name, "kind": c.kind,
                              "scenario": c.scenario, "params": c.params,
                              "total": c.total, "impls": list(c.impls),
                              "knob": c.knob, "value": c.value,
                              "handoffs": c.handoffs}
                             for c in todo]}
        out.write("summary.json", dump(summary))
        # matplotlib (and numpy) only here: the other commands,
        # compare and check-traces among them, never load them.
        from harness.bench import plots
        made = plots.draw(folder, summary)
        out.write("report.md", tables.markdown(folder, summary, settings,
                                               made))
    pair = [go[0].file] + [m.file for m in measured.values()
                           if m.lang == "python"][:1]
    say("")
    say(f"{'PASS' if not failures else 'FAIL'}: report in "
        f"{results.shown(out.path)}report.md; compare with "
        f".venv/bin/python -m pyperf compare_to "
        + " ".join(f"{results.shown(out.path)}{f}" for f in pair)
        + " --table")
    if go_vs_go.get("file"):
        say(f"Go against Go: {results.shown(out.path)}"
            f"{go_vs_go['file']}")
    for failure in failures:
        say(f"  failed: {failure}")
    return 0 if not failures else 1


# benchstat's inputs and output in the run folder: GOMAXPROCS=1 is
# the old side, the default the new, so its "vs base" column is what
# more threads change.
BENCHSTAT = ("go-bench-gomaxprocs1.txt", "go-bench-default.txt",
             "benchstat.txt")


def go_against_go(raw, procs, folder, out):
    """benchstat on Go alone: GOMAXPROCS=1 against the default, each
    case by name. {"file", "old", "new", "procs"}, or {"why"} where
    there is nothing to compare (one core) or benchstat failed."""
    if procs == 1:
        return {"why": "one core: GOMAXPROCS=1 is the default, so "
                       "there is no Go-against-Go comparison"}
    old, new, name = BENCHSTAT
    one, default = gotest.split(raw, procs)
    out.write(old, one)
    out.write(new, default)
    ok, text = gotest.benchstat(old, new, folder)
    if not ok:
        return {"why": f"go tool benchstat failed: {text[-500:]}"}
    out.write(name, text + "\n")
    return {"file": name, "old": old, "new": new, "procs": procs}


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


def measure_memory(registry, settings, points, progress, measured):
    """Peak RSS of the whole programs per point: the default Go and
    the first Python model (the compare_to pair)."""
    m = settings["memory"]
    s = registry.scenario(m["scenario"])
    pair = [next(i for i in measured.values() if i.lang == lang).id
            for lang in ("go", "python")]
    rows = []
    for value, params in points:
        row = {"value": value, "params": params}
        for impl in pair:
            full, _ = run_plan.params(s, {**params, "delay": 0.0})
            cmd = run_plan.command(registry.implementations[impl], s,
                                   full, pyrun.python(), trace=False)
            got = measure(cmd, registry.implementations[impl].env, 600)
            row[impl] = got
            progress.step(f"memory {impl:<8} {m['knob']}={value}",
                          f"{got['maxrss_mib']:.1f} MiB")
        rows.append(row)
    return {"scenario": m["scenario"], "knob": m["knob"],
            "items": m["items"], "models": pair, "rows": rows}
