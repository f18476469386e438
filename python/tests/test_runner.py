"""The runner reports how a program went wrong, in words, and never
leaves a process behind."""

import asyncio
import subprocess
import sys
import time

import psutil
import pytest

from conftest import FIXTURES
from harness import runner


def run(argv, timeout=20.0):
    return asyncio.run(runner.run(argv, {}, timeout))


def test_a_hung_program_is_killed_with_its_children():
    began = time.monotonic()
    r = run([sys.executable, str(FIXTURES / "hang.py")], timeout=2)
    assert time.monotonic() - began < 10
    assert r.status == "hung"
    assert r.problem.startswith("hung: killed after 2 s; its last trace "
                                "lines:\n")
    assert '"op":"put","item":0' in r.problem.replace(" ", "")
    child = r.trace.events[-1].item  # the hang fixture logs its pid
    time.sleep(0.2)
    assert not psutil.pid_exists(child) or \
        psutil.Process(child).status() == psutil.STATUS_ZOMBIE


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
     "\"consumers\":1,\"buffer\":0,\"delay\":0}')", "unfinished"),
])
def test_bad_or_cut_traces_are_named(code, status):
    assert run([sys.executable, "-c", code]).status == status


def test_timeout_grows_with_the_work(registry):
    small = runner.timeout_for(registry, {"items": 5, "delay": 1.0})
    big = runner.timeout_for(registry, {"items": 10**6, "delay": 0,
                                        "producers": 4})
    assert small >= 5 * 1.0 * 2 and big > small
