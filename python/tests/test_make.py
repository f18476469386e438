"""The Makefile's face: `make` alone lists every target, one line each;
any value a user gives reaches the harness whole, and a bad one, or a
Python that is not there, is one line."""

import re
import tomllib
import subprocess

import pytest

from conftest import ROOT


def test_make_alone_lists_every_target():
    done = subprocess.run(["make", "--no-print-directory", "-C",
                           str(ROOT)], capture_output=True, text=True)
    listed = re.findall(r"^  make (\S+) ", done.stdout, re.M)
    phony = re.search(r"^\.PHONY: (.*)$",
                      (ROOT / "Makefile").read_text(), re.M).group(1)
    assert done.returncode == 0
    assert listed == phony.split()


def make(*args):
    return subprocess.run(["make", "--no-print-directory", "-C",
                           str(ROOT), *args], capture_output=True,
                          text=True, timeout=600)


def test_help_tells_of_python():
    assert "PYTHON=" in make().stdout


def test_a_newline_in_a_make_variable_cannot_split_the_recipe(tmp_path):
    """Under make -i a recipe split at the newline would run the rest
    as a command of its own; quoted, it is one bad scenario name."""
    marker = tmp_path / "ran"
    done = make("-i", "compare", f"SCENARIO=nope\ntouch {marker}",
                f"ITEMS=1\ntouch {marker}")
    assert not marker.exists()
    assert done.stderr.splitlines()[0] == \
        f'harness: --items: "1\\x0atouch {marker}" is not a whole number'


def test_quotes_and_backslashes_reach_the_harness_as_they_are():
    done = make("compare", "SCENARIO=it's a \\n 'test'")
    assert done.stderr.splitlines()[0].startswith(
        "harness: unknown scenario \"it's a \\n 'test'\" (known: ")


def test_an_empty_name_in_scenario_is_one_line():
    done = make("compare", "SCENARIO=,")
    assert done.returncode != 0
    assert done.stderr.splitlines()[0] == \
        'harness: --scenario: "," has an empty name'


@pytest.mark.parametrize("python, line", [
    ("", "python/venv: PYTHON is empty: name an interpreter, e.g. "),
    ("python3.99x", "python/venv: cannot find Python 'python3.99x'; "
     "tried python3.99x on PATH (not there); "),
])
def test_a_python_that_is_not_there_is_one_line(python, line):
    done = make("setup", f"PYTHON={python}")
    assert done.returncode != 0
    assert done.stderr.splitlines()[0].startswith(line)
    assert not [p for p in ROOT.glob(".venv-*") if p.suffix != ".lock"
                and "3.99" in p.name]


FLAGS = [name for name in tomllib.loads(
    (ROOT / "scenarios.toml").read_text())["flags"]
    if name != "every_scenario"]


@pytest.mark.parametrize("name", FLAGS)
def test_every_registry_flag_is_a_make_knob(name):
    """The Makefile reads the flag names from the registry: each one,
    in capitals, reaches the harness (here, a value it refuses)."""
    done = make("compare", f"{name.upper()}=bad")
    assert done.returncode == 2
    assert done.stderr.startswith(f"harness: --{name}: "), done.stderr
