"""How long a unit of --cpu takes on this machine, in each language,
and the rounds that would make it [cpu] unit_s (scenarios.toml).

python -m harness.cpucal [--units N] [--items N]

Each language runs the parallel scenario with one worker, no delay
and --cpu N under GOMAXPROCS=1 (Go) and asyncio (Python); the time
from one item's receive to the next is that item's work. The median
over the items, divided by N, is a unit. Run it on a quiet machine;
write the rounds it prints into [cpu], then run make (which writes
go/kit/registry.go again).
"""

import argparse
import asyncio
import statistics
import sys

import numpy as np

from harness import plan, registry as registry_file, runner
from harness.errors import BadInput

PROGRAMS = {"go": "go-gomaxprocs1", "python": "asyncio"}


async def unit_s(registry, impl_id, units, items, python):
    """Seconds per unit of --cpu in one program: the median gap
    between its worker's receives, over `units`."""
    scenario = registry.scenario("parallel")
    full, _ = plan.params(scenario, {"items": items, "consumers": 1,
                                     "delay": 0.0, "cpu": units})
    impl = registry.implementations[impl_id]
    run = await runner.run(plan.command(impl, scenario, full, python),
                           impl.env,
                           runner.timeout_for(registry, full, scenario))
    if not (run.ok and run.trace):
        raise BadInput(f"{impl_id} did not run: {run.problem}")
    gets = np.sort(run.trace.t[run.trace.mask("get")])
    return statistics.median(np.diff(gets).tolist()) / units


def main(argv):
    p = argparse.ArgumentParser(prog="python -m harness.cpucal")
    p.add_argument("--units", type=int, default=50)
    p.add_argument("--items", type=int, default=20)
    args = p.parse_args(argv)
    try:
        registry = registry_file.load()
        target = registry.cpu["unit_s"]
        for lang, impl in PROGRAMS.items():
            took = asyncio.run(unit_s(registry, impl, args.units,
                                      args.items, sys.executable))
            rounds = registry.cpu[f"{lang}_rounds"]
            print(f"{lang}: a unit of {rounds} rounds takes "
                  f"{took * 1000:.3f} ms here; {lang}_rounds = "
                  f"{round(rounds * target / took, -2):.0f} would make "
                  f"it {target * 1000:g} ms")
    except BadInput as err:
        print(f"harness: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
