"""The blog post's main returns once the producer is done. When the
consumer is behind, the items still queued are lost, and the harness
must say so; the kit's version of the program must not lose them."""

import asyncio
import sys

from harness.check import contracts
from harness.run import plan, runner

def trace_of(argv):
    run = asyncio.run(runner.run(argv, {}, 30))
    assert run.ok, run.problem
    return run.trace


def test_the_posts_main_loses_the_consumers_backlog(registry):
    """The pitfall scenario is the post's main with a consumer that
    works on each item: both languages lose what it had not taken."""
    pitfall = registry.scenarios["pitfall"]
    full, _ = plan.params(pitfall, {})
    go, py = (trace_of(plan.command(registry.implementations[name],
                                    pitfall, full, sys.executable))
              for name in ("go", "asyncio"))
    verdicts = {v.contract: v for v in
                contracts.check(registry, pitfall, go, py)}
    lost = verdicts["exactly_once"].violations
    for label in ("go", "python/asyncio"):
        assert f"item 4 from producer-0 was sent but never received " \
            f"({label})" in lost
    assert verdicts["exactly_once"].status == "fail"
    assert verdicts["exactly_once"].ok  # the registry expects it
    # The consumer is still at work when main returns: a leak.
    assert (go.running, py.running) == (1, 1)
    assert verdicts["no_leaks"].status == "fail"


def test_the_kits_programs_keep_the_last_item(registry):
    spsc = registry.scenarios["spsc"]
    full, _ = plan.params(spsc, {"items": 5, "delay": 0.0, "buffer": 0})
    for name in ("go", "asyncio", "threads", "processes"):
        impl = registry.implementations[name]
        argv = plan.command(impl, spsc, full, sys.executable)
        trace = trace_of(argv)
        got = [e.item for e in trace.ops("get")]
        assert got == [0, 1, 2, 3, 4], name
        assert trace.running == 0, name  # nothing left behind


def test_a_run_that_will_take_hours_is_named_before_it_starts(
        registry):
    """pitfall keeps its slow consumer (0.06 s an item) whatever ITEMS
    says: at a million items that is 16.7 hours, said up front."""
    selection = plan.select(registry, ["pitfall", "spsc"], [])
    assert plan.long_runs(selection, {"items": 1_000_000,
                                      "delay": 0.0}) == [
        "pitfall takes at least 16.7 h at these parameters (1,000,000 "
        "items, 0.06 s each); Ctrl-C stops it, SCENARIO= leaves it out"]
    assert plan.long_runs(selection, {"items": 1000}) == []
