"""One scenario of the kit, as `make compare` runs it, per item.

The scenario's own main (<package>/<scenario>.py: PACKAGE is the one
the registry's command for the model runs, -m chankit.aio) with the
tracer off and no pause (delay and work 0), ITEMS items per producer:
the time per item that crossed the queue (pyperf's inner_loops is
TOTAL, items × producers where there are several). A main that is a
coroutine runs on LOOP (asyncio, or uvloop), or on trio where its
package says so (chankit.trio); threads' and processes' are plain
functions.
"""

import importlib
import inspect

from _common import loop_factory, metadata, on_trio, runner, trio_timer
from chankit.cli import Config, scenario_package
from chankit.trace import Mode, Tracer

if __name__ == "__main__":
    r, args = runner({"name": str, "model": str, "package": str,
                      "loop": str, "scenario": str, "items": int,
                      "producers": int, "consumers": int,
                      "buffer": int, "total": int})
    module = importlib.import_module(
        f"{scenario_package(args.package)}.{args.scenario}")
    cfg = Config(items=args.items, producers=args.producers,
                 consumers=args.consumers, buffer=args.buffer,
                 delay=0.0, work=0.0)
    trace = Tracer(Mode.OFF)
    about = dict(inner_loops=args.total, metadata=metadata(args))
    if on_trio(args.package):
        r.bench_time_func(args.name, trio_timer, module.main, cfg,
                          trace, **about)
    elif inspect.iscoroutinefunction(module.main):
        r.bench_async_func(args.name, module.main, cfg, trace,
                           loop_factory=loop_factory(args.loop,
                                                     args.package),
                           **about)
    else:
        r.bench_func(args.name, module.main, cfg, trace, **about)
