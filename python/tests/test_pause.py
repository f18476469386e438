"""chankit/pause.py: a delay of 0 is no pause at all, and every
scenario pauses through it rather than testing the delay itself."""

import asyncio
import re
from pathlib import Path

import pytest

from chankit import pause as kit

CHANKIT = Path(kit.__file__).parent


@pytest.mark.parametrize("pause, seconds, hands_over", [
    (kit.pause, 0, False),
    (kit.pause, 0.0, False),
    (kit.pause, 0.001, True),
    (kit.pause_cancellable, 0, True),
])
def test_only_a_real_pause_hands_the_loop_over(pause, seconds,
                                               hands_over):
    async def scenario():
        ran = []

        async def other():
            ran.append(True)

        task = asyncio.create_task(other())
        await pause(seconds)
        handed_over = bool(ran)
        await task
        return handed_over
    assert asyncio.run(scenario()) is hands_over


def test_pause_of_0_works_on_every_loop():
    # The done future pause(0) hands back is made on the first loop;
    # a later loop, once the first is closed, awaits it the same way.
    async def twice():
        await kit.pause(0)
        await kit.pause(0.0)
        return "done"
    assert [asyncio.run(twice()) for _ in range(3)] == ["done"] * 3


def test_pause_sync_of_0_does_not_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr(kit.time, "sleep", slept.append)
    kit.pause_sync(0)
    kit.pause_sync(0.25)
    assert slept == [0.25]


def test_no_scenario_tests_the_delay_or_sleeps_itself():
    """The delay-0 rule is kit.pause's alone: a scenario that tested
    cfg.delay or cfg.work, or slept on them, would make its own."""
    scenarios = [path for path in CHANKIT.glob("*/*.py")
                 if not path.name.startswith("_")]
    assert len(scenarios) > 20
    for path in scenarios:
        text = path.read_text()
        assert not re.search(r"\bif cfg\.", text), path
        assert not re.search(r"sleep\(cfg\.", text), path
