"""make bench: real go test output becomes pyperf files that pyperf
compare_to accepts beside Python's, a tiny real run leaves a complete
folder whose report has the tables, and bad input is one clean line.
No timing is asserted: machines are noisy."""

import json
import subprocess
import sys

import pyperf
import pytest

from conftest import FIXTURES, ROOT
from harness.bench import gotest, plan
from harness.registry import load

GO_TEXT = (FIXTURES / "go-bench.txt").read_text()
# The smoke profile's Go cases, as go test ran them for the fixture.
NAMES = {"Floor/buffer=0/items=1000",
         "Scenario/spsc/buffer=0/items=1000",
         "Scenario/spsc/buffer=1/items=1000",
         "Scenario/spsc/buffer=0/items=100"}
REGISTRY = load()
GO = plan.go_models(REGISTRY)


def test_go_text_becomes_pyperf_files_compare_to_reads(tmp_path):
    samples = gotest.parse(GO_TEXT, 2, GO)
    # The -2 lines are default GOMAXPROCS, lines with no suffix 1.
    assert set(samples["go"]) == set(samples["go-gomaxprocs1"]) == NAMES
    assert all(len(rows) == 2 for rows in samples["go"].values())
    totals = {name: 1000 for name in NAMES}
    go = gotest.suite(samples["go"], totals, {"gomaxprocs": 2})
    go.dump(str(tmp_path / "go.json"))
    # The Python side, as pyperf writes it: the same names.
    python = pyperf.BenchmarkSuite([pyperf.Benchmark([pyperf.Run(
        [1e-3, 1.01e-3], metadata={"name": name, "unit": "second"},
        collect_metadata=False)]) for name in sorted(NAMES)])
    python.dump(str(tmp_path / "python.json"))
    loaded = pyperf.BenchmarkSuite.load(str(tmp_path / "go.json"))
    spsc = loaded.get_benchmark("Scenario/spsc/buffer=0/items=1000")
    assert sorted(spsc.get_values()) == pytest.approx([168.5e-9,
                                                       172.1e-9])
    done = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", "go.json",
         "python.json", "--table"], cwd=tmp_path, capture_output=True,
        text=True)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines()
            if line.startswith("| ") and "slower" in line]
    assert {row.split("|")[1].strip() for row in rows} == \
        NAMES | {"Geometric mean"}


def test_benchstat_reads_the_go_text_split_by_gomaxprocs(tmp_path):
    one, default = gotest.split(GO_TEXT, 2)
    # The suffix is gone, so a case has one name on both sides.
    for text in (one, default):
        assert {m["name"] for m in map(gotest.LINE.match,
                                       text.splitlines()) if m} == NAMES
        assert "-2 " not in text and "pkg: chankit/spsc" in text
    (tmp_path / "a.txt").write_text(one)
    (tmp_path / "b.txt").write_text(default)
    ok, text = gotest.benchstat("a.txt", "b.txt", tmp_path)
    assert ok, text
    assert "sec/item" in text and "Scenario/spsc/buffer=1/items=1000" \
        in text


def test_the_names_are_the_same_in_both_languages():
    """The one naming scheme: a case's name is its parameters, the
    producers and consumers only where the scenario takes them."""
    p = {"items": 10, "producers": 2, "consumers": 4, "buffer": 0}
    assert plan.name("floor", "floor", p) == "Floor/buffer=0/items=10"
    assert plan.name("scenario", "mpsc", p, REGISTRY.scenario(
        "mpsc").params) == "Scenario/mpsc/producers=2/buffer=0/items=10"
    assert plan.name("scenario", "workers", p, REGISTRY.scenario(
        "workers").params) == \
        "Scenario/workers/consumers=4/buffer=0/items=10"


def test_the_models_come_from_the_registry():
    models = plan.models(REGISTRY, {"models": ["asyncio", "uvloop",
                                               "threads"]}, [])
    assert [m.file for m in models.values()][:2] == \
        ["go.json", "go-gomaxprocs1.json"]
    assert models["go-gomaxprocs1"].gomaxprocs == "1"
    assert models["asyncio"].file == "python.json"
    assert models["asyncio"].package == "chankit.aio"
    assert models["threads"].label == \
        REGISTRY.implementations["threads"].label
    if "uvloop" in models:
        assert models["uvloop"].package == "chankit.aio"
        assert models["uvloop"].loop == "uvloop"
    assert "uvloop" in plan.PACKAGES and "uvlop" not in plan.PACKAGES


def bench(*args, results):
    return subprocess.run(
        [sys.executable, "-m", "harness", "bench", *args, "--results",
         str(results)], capture_output=True, text=True, cwd=ROOT,
        timeout=300)


@pytest.mark.parametrize("args, message", [
    (["--profile", "nope"], 'unknown profile "nope"'),
    (["--profile", "smoke", "--scenario", "spcs"],
     'unknown scenario "spcs"'),
    (["--profile", "smoke", "--scenario", "pitfall"],
     "pitfall is not benchmarked"),
])
def test_bad_input_is_one_line_and_nothing_saved(tmp_path, args,
                                                 message):
    done = bench(*args, results=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_smoke_run_leaves_a_complete_folder(tmp_path):
    done = bench("--profile", "smoke", results=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    # Progress: which benchmark, how far along.
    assert "[  1/" in done.stdout and \
        "Floor/buffer=0/items=1000" in done.stdout
    (run,) = tmp_path.iterdir()
    files = {p.name for p in run.iterdir()}
    assert {"go-bench.txt", "go.json", "go-gomaxprocs1.json",
            "python.json", "python-threads.json", "summary.json",
            "benchstat.txt", "go-bench-gomaxprocs1.txt",
            "go-bench-default.txt",
            "report.md", "scenarios.png", "capacity.png", "items.png",
            "memory.png"} <= files
    summary = json.loads((run / "summary.json").read_text())
    assert summary["kind"] == "bench" and summary["failures"] == []
    for impl in ("go", "asyncio"):
        names = pyperf.BenchmarkSuite.load(
            str(run / summary["models"][impl]["file"])
        ).get_benchmark_names()
        assert {"Floor/buffer=0/items=1000",
                "Scenario/spsc/buffer=0/items=1000",
                "Process/spsc/items=0"} <= set(names)
    report = (run / "report.md").read_text()
    for part in ("## Floors", "## spsc against its floor",
                 "asyncio × floor", "asyncio ÷ Go", "## Sweeps",
                 "## How to make Python faster", "## Whole programs",
                 "## Memory against concurrency",
                 "compare_to go.json python.json", "Machine: ",
                 "## benchstat", "sec/item"):
        assert part in report, part
    # compare_to pairs Go's spsc with asyncio's: one row, both sides.
    assert "| Scenario/spsc/buffer=1/items=1000 |" in report
    assert "BenchmarkScenario/spsc/buffer=0/items=1000" in \
        (run / "go-bench.txt").read_text()
