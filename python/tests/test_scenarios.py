"""Every scenario, in every implementation its variants use, driven
through the harness: each run ends cleanly (exit 0, nothing on
stderr, an end event) and every row holds the scenario's contracts."""

import sys

import pytest

from chankit.cli import run_loop
from harness.run import plan, runner
from harness.registry import load
from harness.run.compare import run_and_judge

# Parameter sets that stress different paths: unbuffered hand-off,
# a one-slot buffer, a large buffer, many producers, and pacing. A
# unit of CPU work per item, where a scenario takes it, runs the
# computation without making a run long enough to time a speedup
# (test_cpu.py judges those on synthetic traces).
CASES = {
    "unbuffered": {"items": 200, "delay": 0.0, "buffer": 0, "work": 0.0,
                   "cpu": 1},
    "buffer-1": {"items": 200, "delay": 0.0, "buffer": 1, "work": 0.0,
                 "cpu": 1},
    "buffer-100": {"items": 2000, "delay": 0.0, "buffer": 100,
                   "work": 0.0, "cpu": 0},
    "many": {"items": 50, "delay": 0.0, "producers": 16, "consumers": 8,
             "work": 0.0, "cpu": 1},
    "paced": {"items": 4, "delay": 0.02, "buffer": 2, "work": 0.01,
              "cpu": 1},
}


# A run the registry's cost model (runner.timeout_for: `cost` in
# scenarios.toml) gives longer than this is run with fewer items: a
# scenario that is not linear in items says so once, in the registry,
# and its cases here shrink to fit.
BUDGET_S = 20.0


def fitted(registry, scenario, checked):
    """The case's parameters, items halved until the run fits."""
    while checked.get("items", 0) > 1:
        full, _ = plan.params(scenario, checked)
        if runner.timeout_for(registry, full, scenario) <= BUDGET_S:
            break
        checked = {**checked, "items": checked["items"] // 2}
    return checked


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("scenario", sorted(load().scenarios))
def test_every_variant_holds_its_contracts(registry, scenario, case):
    selection = plan.select(registry, [scenario], [])
    checked = fitted(registry, registry.scenarios[scenario],
                     {k: v for k, v in CASES[case].items()
                      if k in registry.scenarios[scenario].takes})
    plan.fit(registry, selection, checked)  # this Python, these counts
    table, _ = run_loop(run_and_judge(
        registry, selection, checked, sys.executable,
        lambda *a, **k: 0))
    for row in table:
        for side in ("go", "python"):
            assert row[side]["status"] == "ok", \
                f"{row[side]['impl']}: {row[side]['problem']}"
    broken = [(row["variant"], f"{v.contract}: {v.violations}")
              for row in table for v in row["verdicts"]
              if not v.ok and v.status != "unjudged"]
    assert not broken
    # A timeline the machine was too busy to judge is not a pass, and
    # not a failure of the scenario either: say so, do not guess.
    unjudged = [v.violations[0] for row in table
                for v in row["verdicts"] if v.status == "unjudged"]
    if unjudged:
        pytest.skip(unjudged[0])


def test_a_costly_scenario_runs_fewer_items(registry):
    """A scenario whose registry entry declares a high cost per item
    (not linear in items, say) is tested with fewer, not timed out."""
    import dataclasses
    spsc = registry.scenarios["spsc"]
    costly = dataclasses.replace(spsc, cost={"volume": 1000.0})
    case = {"items": 2000, "delay": 0.0, "buffer": 0}
    assert fitted(registry, spsc, case) == case
    fewer = fitted(registry, costly, case)
    assert 1 <= fewer["items"] < 2000
    full, _ = plan.params(costly, fewer)
    assert runner.timeout_for(registry, full, costly) <= BUDGET_S
