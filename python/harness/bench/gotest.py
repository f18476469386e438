"""The Go side: `go test -bench` over the scenarios' benchmarks, its
raw text kept as it is (the format benchstat reads), and its samples
turned into pyperf benchmarks with the shared names."""

import json
import os
import re
import subprocess

import pyperf

from harness.bench.plan import GO
from harness.registry import ROOT
from harness.runner import dies_with

# One result line: name, GOMAXPROCS suffix (absent when 1), b.N and
# the metrics, "value unit" pairs.
LINE = re.compile(r"^Benchmark\w+/(?P<name>\S+?)(?:-(?P<procs>\d+))?"
                  r"\s+(?P<n>\d+)\s+(?P<metrics>.*)$")


def command(cases, settings, cpus, rounds=1):
    """The go test command line and its environment; the profile's
    samples are shared out over `rounds` runs of it."""
    packages = ["./kit/kitbench"] + sorted(
        {f"./{c.scenario}" for c in cases if c.scenario != "floor"})
    argv = ["go", "test", "-run", "^$", "-bench", ".", "-benchmem",
            "-count", str(max(1, settings["samples"] // rounds)),
            "-cpu", ",".join(map(str, cpus)),
            "-benchtime", settings["go_benchtime"], "-timeout", "0",
            "-p", "1", *packages]  # -p 1: one benchmark at a time
    spec = [{"name": c.name, "scenario": c.scenario, "total": c.total,
             **c.params} for c in cases]
    env = {**os.environ, "GOTOOLCHAIN": "local",
           "CHANKIT_BENCH_CASES": json.dumps(spec)}
    return argv, env


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


def parse(text, default_procs):
    """{implementation: {name: [(ns per item, metrics), …]}} from go
    test output: lines with -<default_procs> are "go", lines without
    a suffix ran with GOMAXPROCS=1."""
    out = {impl: {} for impl in GO}
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        fields = m["metrics"].split()
        metrics = {unit: float(value)
                   for value, unit in zip(fields[::2], fields[1::2])}
        procs = int(m["procs"] or 1)
        metrics["N"] = int(m["n"])
        impl = "go-gomaxprocs1" if procs == 1 else "go"
        if procs not in (1, default_procs):
            continue
        out[impl].setdefault(m["name"], []).append(metrics)
    if default_procs == 1:
        out["go"] = out["go-gomaxprocs1"]
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
