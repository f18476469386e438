"""What the benchmark programs share: a pyperf Runner that hands the
program's own flags on to the worker processes it starts, and the
event loop of each asyncio model. Run one by hand, for instance:

    .venv/bin/python python/bench/bm_floor.py --model asyncio \\
        --package chankit.aio --loop asyncio --buffer 0 \\
        --items 10000 --total 10000 --name Floor/buffer=0/items=10000 \\
        -o floor.json
"""

import asyncio
import importlib
import time

import pyperf

from chankit.cli import task_factory


def runner(flags):
    """A pyperf Runner with these extra flags: {name: type}. Each is
    passed on to the workers, which parse the same command line."""
    def forward(cmd, args):
        for flag in flags:
            cmd += [f"--{flag}", str(getattr(args, flag))]

    r = pyperf.Runner(add_cmdline_args=forward)
    for flag, kind in flags.items():
        r.argparser.add_argument(f"--{flag}", type=kind, required=True)
    return r, r.parse_args()


def loop_factory(loop, package="chankit.aio"):
    """The event loop a model's coroutines run on: asyncio's own, or
    uvloop's (--loop, which make bench takes from the registry), with
    the task factory the model's programs use (chankit/cli.py's, by
    the MODEL of --package: chankit.eager's tasks start eagerly)."""
    if loop == "uvloop":
        import uvloop  # optional: make bench skips uvloop without it
        make = uvloop.new_event_loop
    elif loop == "asyncio":
        make = asyncio.new_event_loop
    else:
        raise SystemExit(f"unknown event loop {loop!r} (asyncio, uvloop)")
    factory = task_factory(importlib.import_module(package).MODEL)

    def new():
        made = make()
        made.set_task_factory(factory)
        return made
    return new


def on_trio(package):
    """Whether a model's coroutines run on trio's loop, not asyncio's
    (its package says LOOP = "trio", as chankit.cli reads it)."""
    module = importlib.import_module(package)
    return getattr(module, "LOOP", "asyncio") == "trio"


def trio_timer(loops, func, *args):
    """pyperf's time function for a trio coroutine: one trio.run, in
    which func(*args) runs `loops` times, timed inside the loop as
    pyperf's bench_async_func times an asyncio one."""
    import trio

    async def timed():
        start = time.perf_counter()
        for _ in range(loops):
            await func(*args)
        return time.perf_counter() - start

    return trio.run(timed)


def metadata(args, **more):
    """What was run, stored with the values (pyperf metadata)."""
    given = {k: v for k, v in vars(args).items()
             if k in ("model", "package", "loop", "scenario", "items",
                     "producers", "consumers", "buffer", "total",
                     "variant")}
    return {f"chankit_{k}": v for k, v in {**given, **more}.items()}
