"""The Python side: each case is one pyperf program run
(python/bench/bm_*.py), appending its benchmark to the
implementation's JSON file; whole programs are timed the same way,
Go's included, with pyperf's bench_command."""

import json
import os
import subprocess
import sys
import time
import types

import psutil
import pyperf

from harness.run import plan as run_plan
from harness.bench.cases import FASTER, runs_in_round
from harness.registry import ROOT
from harness.run.runner import dies_with, timeout_for

PROGRAMS = ROOT / "python" / "bench"


def processes(settings, case, n, rounds):
    """The pyperf processes of a case in round n of `rounds`: a
    fixed-size case's share of its runs (0: it sits the round out),
    any other's share of the profile's processes."""
    if case.kind == "fixed":
        return runs_in_round(case, n, rounds)
    return max(1, settings["pyperf"]["processes"] // rounds)


def pyperf_flags(settings, processes):
    """The profile's pyperf settings as pyperf's own flags."""
    p = settings["pyperf"]
    flags = ["--processes", str(processes),
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


def argv(registry, case, model, settings, folder, python, processes):
    """The pyperf command for one case in one model, in `processes`
    processes (processes() gives them)."""
    out = folder / model.file
    common = ["--name", case.name, "--append", str(out), "--quiet"]
    if case.kind == "fixed":
        common += ["--processes", str(processes), *ONE_RUN]
    else:
        common += pyperf_flags(settings, processes)
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


# A floor is one channel and two actors: its cost per item is linear,
# whatever the costliest scenario declares.
FLOOR = types.SimpleNamespace(cost={})
# pyperf's own start and calibration, per process.
PYPERF_S = 30.0


def timeout(registry, case, settings, processes):
    """Seconds after which one pyperf program counts as hung: for
    each of its processes, and one more that calibrates, the
    registry's hang timeout for one run of the case (what make
    compare allows its programs, scaled by the scenario's cost) for
    each value and warm-up it takes, and pyperf's own time; doubled
    for a busy machine."""
    s = FLOOR if case.kind == "floor" else \
        registry.scenario(case.scenario)
    per = timeout_for(registry, {**case.params, "delay": 0.0}, s)
    p = settings["pyperf"]
    takes = 1 if case.kind == "fixed" else p["values"] + p["warmups"]
    return 2 * (processes + 1) * (takes * per + PYPERF_S)


def run(cmd, limit):
    """Run one pyperf program; returns (ok, its output). One still
    running after `limit` seconds is killed with every process it
    started (pyperf's workers, the program they time), and fails."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            cwd=PROGRAMS,
                            preexec_fn=dies_with(os.getpid()))
    try:
        out, _ = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        out, _ = proc.communicate()
        return False, (f"{out.strip()}\nhung: still running after "
                       f"{limit:.0f} s, killed with every process it "
                       f"started").strip()
    except BaseException:
        kill_tree(proc)
        raise
    return proc.returncode == 0, out.strip()


def kill_tree(proc):
    """SIGKILL a program and every process below it, none left behind
    as an orphan: each one found is stopped (SIGSTOP) before its
    children are looked up, so none can start another unseen; then
    all are killed, and waited for until each is gone (or a zombie
    for whoever reaps it)."""
    tree = {}
    todo = [proc.pid]
    while todo:
        try:
            p = psutil.Process(todo.pop())
            p.suspend()
            tree[p.pid] = p
            todo += [c.pid for c in p.children() if c.pid not in tree]
        except psutil.Error:
            pass
    for p in tree.values():
        try:
            p.kill()
        except psutil.Error:
            pass
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(map(alive, tree.values())):
        time.sleep(0.01)


def alive(p):
    """Whether a process still runs: not gone, not a zombie."""
    try:
        return p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def python():
    return sys.executable
