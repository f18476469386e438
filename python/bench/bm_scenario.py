"""One scenario of the kit, as `make compare` runs it, per item.

The scenario's own main (chankit/<package>/<scenario>.py) with the
tracer off and no pause (delay and work 0), ITEMS items per producer:
the time per item that crossed the queue (pyperf's inner_loops is
TOTAL, items × producers where there are several).
"""

import importlib

from _common import loop_factory, metadata, runner
from chankit.cli import Config
from chankit.trace import Mode, Tracer

# Where each model's scenarios live.
PACKAGES = {"asyncio": "aio", "uvloop": "aio", "threads": "threads",
            "processes": "processes", "handoff": "handoff"}


if __name__ == "__main__":
    r, args = runner({"name": str, "model": str, "scenario": str,
                      "items": int, "producers": int,
                      "consumers": int, "buffer": int, "total": int})
    module = importlib.import_module(
        f"chankit.{PACKAGES[args.model]}.{args.scenario}")
    cfg = Config(items=args.items, producers=args.producers,
                 consumers=args.consumers, buffer=args.buffer,
                 delay=0.0, work=0.0)
    trace = Tracer(Mode.OFF)
    loop = loop_factory(args.model)
    about = dict(inner_loops=args.total, metadata=metadata(args))
    if loop:
        r.bench_async_func(args.name, module.main, cfg, trace,
                           loop_factory=loop, **about)
    else:
        r.bench_func(args.name, module.main, cfg, trace, **about)
