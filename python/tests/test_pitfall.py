"""The blog post's main returns once the producer is done. When the
consumer is behind, the items still queued are lost, and the harness
must say so; the kit's version of the program must not lose them."""

import asyncio
import os
import sys

from conftest import FIXTURES
from harness import contracts, plan, runner

FLAGS = ["spsc", "--items", "5", "--delay", "0.01", "--trace"]


def trace_of(argv, env=None):
    run = asyncio.run(runner.run(argv, env or {}, 30))
    assert run.ok, run.problem
    return run.trace


def test_the_posts_main_loses_the_last_item(registry):
    env = {"PYTHONPATH": f"{FIXTURES}{os.pathsep}"
                         f"{os.environ.get('PYTHONPATH', '')}"}
    post = trace_of([sys.executable, "-m", "seedpost", *FLAGS], env)
    kit = trace_of([sys.executable, "-m", "chankit.aio", *FLAGS])
    spsc = registry.scenarios["spsc"]
    verdicts = {v.contract: v for v in
                contracts.check(registry, spsc, kit, post)}
    lost = verdicts["exactly_once"].violations
    assert "item 4 from producer-0 was sent but never received " \
        "(python/asyncio)" in lost
    assert not verdicts["exactly_once"].ok
    assert [v.contract for v in contracts.check(registry, spsc, kit, kit)
            if not v.ok] == []


def test_the_kits_programs_keep_the_last_item(registry):
    spsc = registry.scenarios["spsc"]
    full, _ = plan.params(spsc, {"items": 5, "delay": 0.0, "buffer": 0})
    for name in ("go", "asyncio", "threads", "processes"):
        impl = registry.implementations[name]
        argv = plan.command(impl, spsc, full, sys.executable)
        got = [e.item for e in trace_of(argv).ops("get")]
        assert got == [0, 1, 2, 3, 4], name
