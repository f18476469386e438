"""The Python side: each case is one pyperf program run
(python/bench/bm_*.py), appending its benchmark to the
implementation's JSON file; whole programs are timed the same way,
Go's included, with pyperf's bench_command."""

import json
import os
import subprocess
import sys

import pyperf

from harness.run import plan as run_plan
from harness.bench.cases import FASTER
from harness.registry import ROOT
from harness.run.runner import dies_with

PROGRAMS = ROOT / "python" / "bench"


def pyperf_flags(settings, rounds=1):
    """The profile's pyperf settings as pyperf's own flags, its
    processes shared out over `rounds` runs."""
    p = settings["pyperf"]
    flags = ["--processes", str(max(1, p["processes"] // rounds)),
             "--values", str(p["values"]),
             "--warmups", str(p["warmups"])]
    if "loops" in p:
        flags += ["--loops", str(p["loops"])]
    if "min_time" in p:
        flags += ["--min-time", str(p["min_time"])]
    return flags


def program_argv(registry, case, model, python):
    """The kit's program for a whole-process case, without tracing:
    the registry's command and environment for the model."""
    impl = registry.implementations[model.id]
    s = registry.scenario(case.scenario)
    full, _ = run_plan.params(s, {"items": case.params["items"],
                                  "delay": 0.0})
    argv = run_plan.command(impl, s, full, python, trace=False)
    return ["env", *(f"{k}={v}" for k, v in impl.env.items()), *argv] \
        if impl.env else argv


def loops(path, name):
    """The loops pyperf chose for a benchmark in an earlier round."""
    if not path.exists():
        return None
    suite = pyperf.BenchmarkSuite.load(str(path))
    if name not in suite.get_benchmark_names():
        return None
    return suite.get_benchmark(name).get_runs()[-1].get_loops()


# A fixed-size program runs for seconds, up to a minute or more: each
# of its processes is one run of it, no warm-up, no calibration.
ONE_RUN = ["--values", "1", "--warmups", "0", "--loops", "1"]


def argv(registry, case, model, settings, folder, python, rounds=1,
         processes=None):
    """The pyperf command for one case in one model. processes: a
    fixed-size case's runs in this round (cases.runs_in_round)."""
    out = folder / model.file
    common = ["--name", case.name, "--append", str(out), "--quiet"]
    if case.kind == "fixed":
        common += ["--processes", str(processes), *ONE_RUN]
    else:
        common += pyperf_flags(settings, rounds)
        if (known := loops(out, case.name)) is not None:
            common += ["--loops", str(known)]
    p = case.params
    if case.kind in ("process", "fixed"):
        cmd = program_argv(registry, case, model, python)
        return [python, str(PROGRAMS / "bm_process.py"),
                "--argv", json.dumps(cmd), *common]
    if case.kind == "faster":
        return [python, str(PROGRAMS / "bm_faster.py"), "--variant",
                FASTER[case.value], "--items", str(p["items"]),
                "--total", str(case.total), *common]
    # The model's package and loop come from the registry (cases.py),
    # so the programs keep no table of models.
    shape = ["--model", model.id, "--package", model.package,
             "--loop", model.loop or "asyncio",
             "--items", str(p["items"]), "--buffer", str(p["buffer"]),
             "--total", str(case.total)]
    if case.kind == "floor":
        return [python, str(PROGRAMS / "bm_floor.py"), *shape, *common]
    return [python, str(PROGRAMS / "bm_scenario.py"), *shape,
            "--scenario", case.scenario,
            "--producers", str(p["producers"]),
            "--consumers", str(p["consumers"]), *common]


def run(cmd):
    """Run one pyperf program; returns (ok, its output)."""
    done = subprocess.run(cmd, capture_output=True, text=True,
                          cwd=PROGRAMS, preexec_fn=dies_with(os.getpid()))
    return done.returncode == 0, (done.stdout + done.stderr).strip()


def python():
    return sys.executable
