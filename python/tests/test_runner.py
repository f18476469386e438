"""The runner reports how a program went wrong, in words, and never
leaves a process behind."""

import asyncio
import dataclasses
import json
import subprocess
import sys
import time

import psutil
import pytest

from conftest import FIXTURES
from harness.run import runner


def run(argv, timeout=20.0):
    return asyncio.run(runner.run(argv, {}, timeout))


def test_a_hung_program_is_killed_with_its_children():
    began = time.monotonic()
    r = run([sys.executable, str(FIXTURES / "hang.py")], timeout=2)
    # Killed at its timeout, not after the fixture's 600 s sleep; the
    # margin is a busy machine's, not the runner's.
    assert time.monotonic() - began < 60
    assert r.status == "hung"
    assert r.problem.startswith("hung: killed after 2 s; its last trace "
                                "lines:\n")
    assert '"op":"put","item":0' in r.problem.replace(" ", "")
    child = json.loads(r.stdout[-1])["item"]  # the fixture's child
    deadline = time.monotonic() + 30
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)


def alive(pid):
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_go_deadlock_is_named(tmp_path):
    binary = tmp_path / "deadlock"
    subprocess.run(["go", "build", "-o", str(binary),
                    str(FIXTURES / "deadlock" / "main.go")], check=True)
    r = run([str(binary)])
    assert r.status == "crashed"
    assert r.problem.startswith(
        "crashed: the Go runtime found a deadlock (exit status 2)\n")
    assert "all goroutines are asleep" in r.problem


def test_a_python_exception_is_named():
    r = run([sys.executable, "-c", "print('{}'); 1 / 0"])
    assert r.status == "crashed"
    assert r.problem.splitlines()[0] == \
        "crashed: the Python program raised ZeroDivisionError: " \
        "division by zero"


def test_stderr_on_success_is_a_problem():
    r = run([sys.executable, "-c", "import sys; sys.stderr.write('hm')"])
    assert (r.status, r.problem) == ("noisy",
                                     "exited 0 but wrote to stderr:\nhm")


@pytest.mark.parametrize("code, status", [
    ("print('not json')", "bad-trace"),
    ("print('{\"t\":0,\"actor\":\"main\",\"op\":\"start\","
     "\"scenario\":\"spsc\",\"items\":1,\"producers\":1,"
     "\"consumers\":1,\"buffer\":0,\"delay\":0,\"work\":0}')",
     "unfinished"),
])
def test_bad_or_cut_traces_are_named(code, status):
    assert run([sys.executable, "-c", code]).status == status


def test_timeout_grows_with_the_work(registry):
    small = runner.timeout_for(registry, {"items": 5, "delay": 1.0})
    big = runner.timeout_for(registry, {"items": 10**6, "delay": 0,
                                        "producers": 4})
    assert small >= 5 * 1.0 * 2 and big > small


def test_timeout_grows_with_the_actors(registry):
    """A million producers with no items took 48 s to start in
    asyncio: not a hang."""
    many = runner.timeout_for(registry, {"items": 0, "delay": 0.05,
                                         "producers": 10**6})
    assert many >= 2 * 48


def test_timeout_grows_with_what_a_scenario_costs(registry):
    params = {"items": 600, "delay": 0.05}
    stalls, plain = (runner.timeout_for(registry, params,
                                        registry.scenarios[s])
                     for s in ("timeout", "spsc"))
    # timeout's producer waits 5/3 of the delay on average
    assert stalls > 5 / 3 * 600 * 0.05 * 2 and stalls > plain
    # Not told which scenario, at least the costliest scenario's.
    assert runner.timeout_for(registry, params) >= max(
        runner.timeout_for(registry, params, s)
        for s in registry.scenarios.values())


def test_an_exception_in_a_task_group_is_named():
    code = ("import asyncio\n"
            "async def boom():\n    raise KeyError('x')\n"
            "async def main():\n"
            "    async with asyncio.TaskGroup() as g:\n"
            "        g.create_task(boom())\n"
            "asyncio.run(main())\n")
    r = run([sys.executable, "-c", code])
    assert r.problem.splitlines()[0] == \
        "crashed: the Python program raised KeyError: 'x'"


def test_a_line_too_long_is_a_bad_trace_not_a_harness_crash():
    r = run([sys.executable, "-c", "print('x' * (2 << 20))"])
    assert (r.status, r.problem) == (
        "bad-trace", f"wrote a line longer than {runner.LINE_LIMIT} "
        f"bytes; killed")


def test_a_program_that_cannot_start_is_a_crashed_run():
    r = run(["/nonexistent/chankit"])
    assert (r.status, r.problem) == (
        "crashed", "crashed: cannot start /nonexistent/chankit: No such "
        "file or directory")


def test_a_scenario_whose_cost_has_a_power_waits_its_square(registry):
    # cost = { power = 2 } (the sieve): twice the items, four times
    # the room for them.
    spsc = registry.scenarios["spsc"]
    square = dataclasses.replace(spsc, cost={"power": 2})
    per_item = registry.timeout["per_item_s"]

    def room(items):
        params = {"items": items, "delay": 0.0}
        return runner.timeout_for(registry, params, square) - \
            runner.timeout_for(registry, {**params, "items": 0}, square)
    assert room(1000) == pytest.approx(per_item * 1000 ** 2)
    assert room(2000) == pytest.approx(4 * room(1000))
