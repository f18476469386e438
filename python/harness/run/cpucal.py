"""How long a unit of --cpu takes on this machine, in each language,
and the rounds that would make it [cpu] unit_s (scenarios.toml).

python -m harness.run.cpucal [--units N] [--items N]

Each language runs the parallel scenario with one worker and no
delay, under GOMAXPROCS=1 (Go) and asyncio (Python): once with
--cpu N and once with --cpu 0. The CPU time the first took beyond
the second, over items × N, is a unit. CPU time, not wall time, so a
busy machine does not make a unit look longer; write the rounds it
prints into [cpu], then run make (which writes go/kit/registry.go
again).
"""

import argparse
import os
import subprocess
import sys

from harness import registry as registry_file
from harness.run import plan
from harness.errors import BadInput

PROGRAMS = {"go": "go-gomaxprocs1", "python": "asyncio"}


def cpu_s(registry, impl_id, units, items, python):
    """The CPU seconds (user and system) one run took."""
    scenario = registry.scenario("parallel")
    full, _ = plan.params(scenario, {"items": items, "consumers": 1,
                                     "delay": 0.0, "cpu": units})
    impl = registry.implementations[impl_id]
    argv = plan.command(impl, scenario, full, python, trace=False)
    before = os.times()
    done = subprocess.run(argv, env=os.environ | impl.env,
                          stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    after = os.times()
    if done.returncode != 0:
        raise BadInput(f"{impl_id} did not run: {done.stderr.strip()}")
    return (after.children_user - before.children_user +
            after.children_system - before.children_system)


def unit_s(registry, impl_id, units, items, python):
    """CPU seconds per unit of --cpu in one program."""
    work = cpu_s(registry, impl_id, units, items, python)
    idle = cpu_s(registry, impl_id, 0, items, python)
    return (work - idle) / (units * items)


def main(argv):
    p = argparse.ArgumentParser(prog="python -m harness.run.cpucal")
    p.add_argument("--units", type=int, default=100)
    p.add_argument("--items", type=int, default=20)
    args = p.parse_args(argv)
    try:
        registry = registry_file.load()
        target = registry.cpu["unit_s"]
        for lang, impl in PROGRAMS.items():
            took = unit_s(registry, impl, args.units, args.items,
                          sys.executable)
            rounds = registry.cpu[f"{lang}_rounds"]
            print(f"{lang}: a unit of {rounds} rounds takes "
                  f"{took * 1000:.3f} ms of CPU here; {lang}_rounds = "
                  f"{round(rounds * target / took, -2):.0f} would make "
                  f"it {target * 1000:g} ms")
    except BadInput as err:
        print(f"harness: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
