"""docs/adding-a-scenario.md's steps are all the steps.

A copy of this checkout gets two throwaway scenarios, added by those
steps alone: the two program files, the Go import line and a registry
entry (plus the registry's bench line). `echo` is spsc under another
name, declared dearer per item than its items say (`cost`), so the
tests must shrink it; `drop` is pitfall under another name: it loses
items on purpose, which the Go test must learn from the registry.
Then the copy's own harness and tests must take both up: compare,
the scenario tests, go test, pages, scale and bench. No harness or
test file of the copy is touched.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

ECHO = """
[scenarios.echo]
scale = true
description = "a throwaway copy of spsc, added by a test"
params = { items = 6, buffer = 0, delay = 0.02 }
cost = { volume = 400 }
oracle = "counting"
contracts = ["exactly_once", "fifo_per_producer", "same_sequence",
             "no_leaks", "timeline"]
variants = ["asyncio", "gomaxprocs1"]
"""

LEFT_OUT = 'echo = "a throwaway scenario of the tests"\n'


def tracked(root):
    """The files of this checkout a clone would have (and any new
    ones not yet committed), relative to root."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others",
         "--exclude-standard"], cwd=root, capture_output=True,
        check=True).stdout
    return [p for p in out.decode().split("\0")
            if p and (root / p).is_file()]


def twin(text, old, new):
    """A program file under another scenario id."""
    return re.sub(rf"\b{old}\b", new, text)


def add_scenarios(copy):
    """The documented steps, for echo (from spsc) and drop (from
    pitfall)."""
    for old, new in (("spsc", "echo"), ("pitfall", "drop")):
        (copy / "go" / new).mkdir()
        src = (ROOT / "go" / old / f"{old}.go").read_text()
        (copy / "go" / new / f"{new}.go").write_text(twin(src, old, new))
        py = (ROOT / "python/chankit/aio" / f"{old}.py").read_text()
        (copy / "python/chankit/aio" / f"{new}.py").write_text(
            twin(py, old, new))
    main = copy / "go/cmd/chankit/main.go"
    main.write_text(main.read_text().replace(
        '\t_ "chankit/spsc"\n',
        '\t_ "chankit/drop"\n\t_ "chankit/echo"\n\t_ "chankit/spsc"\n'))
    toml = copy / "scenarios.toml"
    text = toml.read_text()
    drop = re.search(r"\n\[scenarios\.pitfall\]\n.*?\n\n", text,
                     re.S)[0].replace("pitfall", "drop")
    text = text.replace("[bench.left_out]\n",
                        "[bench.left_out]\n" + LEFT_OUT
                        + LEFT_OUT.replace("echo", "drop"))
    toml.write_text(text + ECHO + drop)


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The checkout with both scenarios added and its Go program
    built, and the environment that runs the copy's Python."""
    root = tmp_path_factory.mktemp("added") / "kit"
    for rel in tracked(ROOT):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, root / rel)
    add_scenarios(root)
    # This venv's chankit and harness are installed from ROOT;
    # PYTHONPATH puts the copy's first, for the copy's runs and for
    # every program they start.
    env = {**os.environ, "PYTHONPATH": str(root / "python")}
    for argv, cwd in (
            ([sys.executable, "-m", "harness.gogen"], root),
            (["go", "build", "-o", str(root / "build/chankit"),
              "./cmd/chankit"], root / "go")):
        done = subprocess.run(argv, cwd=cwd, env=env, text=True,
                              capture_output=True, timeout=300)
        assert done.returncode == 0, done.stderr
    return root, env


def run(copy, *argv, timeout=300):
    root, env = copy
    return subprocess.run(argv, cwd=root, env=env, text=True,
                          capture_output=True, timeout=timeout)


def harness(copy, *argv):
    root, _ = copy
    return run(copy, sys.executable, "-m", "harness", *argv,
               f"--results={root / 'results'}")


def test_the_programs_run_them(copy):
    root, _ = copy
    for argv in ([str(root / "build/chankit")],
                 [sys.executable, "-m", "chankit.aio"]):
        done = run(copy, *argv, "echo", "--items=3", "--delay=0")
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == \
            ["Got", "number", "0", "Got", "number", "1",
             "Got", "number", "2"]


def test_compare_runs_and_judges_them(copy):
    done = harness(copy, "compare", "--scenario=echo,drop")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PASS" in done.stdout
    # Both scenarios have rows, drop's loss as the registry expects.
    assert re.search(r"^\s*echo\b", done.stdout, re.M), done.stdout
    assert re.search(r"^\s*drop\b.*known", done.stdout, re.M), \
        done.stdout


def test_the_copys_tests_cover_them(copy):
    root, _ = copy
    done = run(copy, sys.executable, "-m", "pytest", "-q",
               "-p", "no:cacheprovider", "-k", "echo or drop",
               "python/tests/test_scenarios.py", timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed and int(passed[1]) >= 4, done.stdout[-2000:]


def test_go_test_runs_them(copy):
    root, env = copy
    done = subprocess.run(
        ["go", "test", "-count=1", "-run",
         "TestEveryScenario/(echo|drop)$", "-v", "./cmd/chankit"],
        cwd=root / "go", env=env, text=True, capture_output=True,
        timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    for sid in ("echo", "drop"):
        assert f"--- PASS: TestEveryScenario/{sid}" in done.stdout


def test_pages_scale_and_bench_follow(copy):
    root, _ = copy
    assert harness(copy, "compare", "--scenario=echo",
                   "--items=3").returncode == 0
    site = root / "site"
    done = harness(copy, "pages", f"--out={site}")
    assert done.returncode == 0, done.stderr
    assert "echo" in (site / "index.html").read_text()
    assert any("echo" in p.name for p in site.iterdir())
    done = harness(copy, "scale", "--scenario=echo", "--items=200",
                   "--actors=2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "echo" in done.stdout
    # Left out of the bench, with the registry's reason.
    done = harness(copy, "bench", "--profile=smoke", "--scenario=echo")
    assert done.returncode == 2
    assert "a throwaway scenario of the tests" in done.stderr
