"""Shared fixtures: where the programs are, and how to run one."""

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from harness.run import plan
from harness import registry as registry_file

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GO_BIN = ROOT / "build" / "chankit"

def programs():
    """Each program that runs the scenarios, by implementation id, as
    the registry declares it: one per command (go-gomaxprocs1 is go's
    binary with an environment), and those this Python runs (shutdown
    needs 3.13: test_newer_python.py runs it there)."""
    found = {}
    for impl in registry_file.load().implementations.values():
        argv = plan.program(impl, sys.executable)
        if argv not in found.values() and \
                sys.version_info >= impl.needs_python:
            found[impl.id] = argv
    return found


PROGRAMS = programs()


def pytest_sessionstart(session):
    if not GO_BIN.exists():
        pytest.exit(f"{GO_BIN} is missing: run the tests with `make test`",
                    returncode=2)


def run_program(impl, *args, timeout=60):
    """Run one program to its end; return the CompletedProcess."""
    return subprocess.run([*PROGRAMS[impl], *args], capture_output=True,
                          text=True, timeout=timeout)


def judged_on(python, registry, sid, variant, checked):
    """One scenario in one variant, its Python programs run by another
    interpreter, judged through the path make compare takes (so that
    a timeline a busy machine moved is run again, not failed): its
    row, once every contract holds. One still unjudged is a skip with
    its reason. The caller sets PYTHONPATH to the kit's python/."""
    from chankit.cli import run_loop
    from harness.run.compare import run_and_judge
    selection = plan.select(registry, [sid], [variant])
    table, _ = run_loop(run_and_judge(registry, selection, checked,
                                      python, lambda *a, **k: 0))
    [row] = table
    assert row["python"]["status"] == "ok", row["python"]["problem"]
    broken = [(v.contract, v.violations) for v in row["verdicts"]
              if not v.ok and v.status != "unjudged"]
    assert broken == []
    unjudged = [v.violations[0] for v in row["verdicts"]
                if v.status == "unjudged"]
    if unjudged:
        pytest.skip(unjudged[0])
    return row


@pytest.fixture(scope="session")
def registry():
    return registry_file.load()


@pytest.fixture(autouse=True)
def asyncio_errors_fail(caplog):
    """asyncio reports "Task was destroyed but it is pending" and
    unretrieved task exceptions through logging, not warnings: turn
    them into failures too."""
    yield
    errors = [r for r in caplog.get_records("call")
              if r.name == "asyncio" and r.levelno >= logging.ERROR]
    assert not errors, errors[0].getMessage()
