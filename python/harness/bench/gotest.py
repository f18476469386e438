"""The Go side: `go test -bench` over the scenarios' benchmarks
(go/kit/kitbench), the cases chosen by name with -bench, its raw
text kept as it is (the format benchstat reads), and its samples
turned into pyperf benchmarks with the shared names."""

import os
import re
import subprocess
from pathlib import PurePosixPath

import pyperf

from harness.registry import ROOT
from harness.run.runner import dies_with
from harness.pages.sources import go_files

# One result line: "Benchmark" and the case's name, the GOMAXPROCS
# suffix (absent when 1), b.N and the metrics, "value unit" pairs.
LINE = re.compile(r"^Benchmark(?P<name>\w+/\S+?)(?:-(?P<procs>\d+))?"
                  r"\s+(?P<n>\d+)\s+(?P<metrics>.*)$")
FLOORS = "./kit/kitbench"  # where BenchmarkFloor is


def pattern(names):
    """A -bench regexp that selects exactly these cases: one
    alternative per case, each element of its name anchored (go test
    matches a name element by element, split at "/", and takes "|"
    at the top as a choice between such sequences)."""
    return "|".join(
        "/".join(f"^{re.escape(part)}$"
                 for part in f"Benchmark{n}".split("/"))
        for n in names)


def packages(cases, root=ROOT):
    """The Go packages that hold the cases: kitbench for the floors,
    and the directory of the file that registers each scenario (the
    Go code says where a scenario is; see harness.pages.sources)."""
    where = go_files(root)
    out = {FLOORS for c in cases if c.kind == "floor"}
    out |= {"./" + str(PurePosixPath(where[c.scenario]).parent
                       .relative_to("go"))
            for c in cases if c.kind != "floor"}
    return sorted(out)


def command(cases, settings, cpus, rounds=1):
    """The go test command line and its environment; the profile's
    samples are shared out over `rounds` runs of it."""
    argv = ["go", "test", "-run", "^$",
            "-bench", pattern(c.name for c in cases), "-benchmem",
            "-count", str(max(1, settings["samples"] // rounds)),
            "-cpu", ",".join(map(str, cpus)),
            "-benchtime", settings["go_benchtime"], "-timeout", "0",
            "-p", "1", *packages(cases)]  # -p 1: one at a time
    return argv, {**os.environ, "GOTOOLCHAIN": "local"}


def run(cases, settings, cpus, on_line, rounds=1):
    """Run go test, handing each output line to on_line as it comes
    (and calling on_line.done() at the end); returns the whole text.
    Raises RuntimeError if go test fails."""
    argv, env = command(cases, settings, cpus, rounds)
    lines = []
    with subprocess.Popen(argv, cwd=ROOT / "go", env=env, text=True,
                          preexec_fn=dies_with(os.getpid()),
                          stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT) as proc:
        for line in proc.stdout:
            lines.append(line)
            on_line(line.rstrip("\n"))
    on_line.done()
    text = "".join(lines)
    if proc.returncode != 0:
        raise RuntimeError(f"go test failed ({proc.returncode}):\n"
                           + text[-2000:])
    return text


def parse(text, default_procs, go):
    """{model id: {name: [metrics, …]}} from go test output, for the
    Go models (plan.go_models: Model.gomaxprocs "" for the default,
    "1" for one thread): lines with -<default_procs> are the
    default's, lines without a suffix ran with GOMAXPROCS=1."""
    by_procs = {int(m.gomaxprocs or default_procs): m.id for m in go}
    out = {m.id: {} for m in go}
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        fields = m["metrics"].split()
        metrics = {unit: float(value)
                   for value, unit in zip(fields[::2], fields[1::2])}
        metrics["N"] = int(m["n"])
        procs = int(m["procs"] or 1)
        if procs not in by_procs:
            continue
        out[by_procs[procs]].setdefault(m["name"], []).append(metrics)
    if default_procs == 1:  # one line serves both
        for model in go:
            out[model.id] = out[by_procs[1]]
    return out


def suite(samples, totals, meta):
    """A pyperf BenchmarkSuite: one run per go test sample (per
    -count), its one value the time per item in seconds."""
    benchmarks = []
    for name, rows in samples.items():
        runs = [pyperf.Run([row["ns/item"] * 1e-9],
                           metadata={"name": name, "unit": "second",
                                     "loops": row["N"],
                                     "inner_loops": totals[name],
                                     **meta,
                                     "go_bytes_per_op":
                                         row.get("B/op", 0),
                                     "go_allocs_per_op":
                                         row.get("allocs/op", 0)},
                           collect_metadata=False)
                for row in rows]
        benchmarks.append(pyperf.Benchmark(runs))
    return pyperf.BenchmarkSuite(benchmarks)


def split(text, default_procs):
    """go test's text as two texts benchstat can compare: the lines
    of the GOMAXPROCS=1 runs and those of the default's, each with
    the -N suffix taken off so that the same case has the same name
    in both (benchstat pairs rows by name); the goos, pkg and cpu
    lines go to both."""
    one, default = [], []
    for line in text.splitlines(keepends=True):
        m = LINE.match(line)
        if not m:
            if re.match(r"^(goos|goarch|pkg|cpu):", line):
                one.append(line)
                default.append(line)
            continue
        procs = int(m["procs"] or 1)
        bare = re.sub(rf"-{procs}(?=\s)", "", line, count=1) \
            if m["procs"] else line
        if procs == 1:
            one.append(bare)
        if procs == default_procs:
            default.append(bare)
    return "".join(one), "".join(default)


def benchstat(old, new, folder):
    """`go tool benchstat old new` (the version go.mod pins) on two
    files of the run folder, run in the folder so that its columns
    are headed by the files' names; (ok, its output or why not)."""
    env = {**os.environ, "GOTOOLCHAIN": "local"}
    try:
        # -n: where go keeps the built tool, without running it.
        where = subprocess.run(["go", "tool", "-n", "benchstat"],
                               cwd=ROOT / "go", env=env, text=True,
                               capture_output=True, timeout=300)
        if where.returncode != 0:
            return False, where.stderr.strip()
        done = subprocess.run([where.stdout.strip(), old, new],
                              cwd=folder, env=env, text=True,
                              capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as err:
        return False, f"benchstat did not run: {err}"
    return done.returncode == 0, (done.stdout + done.stderr).strip()
