"""make bench: real go test output becomes pyperf files that pyperf
compare_to accepts beside Python's, a tiny real run leaves a complete
folder whose report has the tables, and bad input is one clean line.
No timing is asserted: machines are noisy."""

import json
import os
import subprocess
import sys

import pyperf
import pytest

from conftest import FIXTURES, ROOT
from harness.bench import gotest, plan

GO_TEXT = (FIXTURES / "go-bench.txt").read_text()
NAMES = {"floor/cap=0", "scenario/spsc", "sweep/spsc/buffer=0",
         "sweep/spsc/buffer=1", "sweep/spsc/items=100",
         "sweep/spsc/items=1000"}


def test_go_text_becomes_pyperf_files_compare_to_reads(tmp_path):
    samples = gotest.parse(GO_TEXT, default_procs=2)
    # The -2 lines are default GOMAXPROCS, lines with no suffix 1.
    assert set(samples["go"]) == set(samples["go-gomaxprocs1"]) == NAMES
    assert all(len(rows) == 2 for rows in samples["go"].values())
    totals = {name: 1000 for name in NAMES}
    go = gotest.suite(samples["go"], totals, {"gomaxprocs": 2})
    go.dump(str(tmp_path / "go.json"))
    # The Python side, as pyperf writes it: the same names.
    python = pyperf.BenchmarkSuite([pyperf.Benchmark([pyperf.Run(
        [1e-6, 1.1e-6], metadata={"name": name, "unit": "second"},
        collect_metadata=False)]) for name in sorted(NAMES)])
    python.dump(str(tmp_path / "python.json"))
    loaded = pyperf.BenchmarkSuite.load(str(tmp_path / "go.json"))
    spsc = loaded.get_benchmark("scenario/spsc")
    assert sorted(spsc.get_values()) == pytest.approx([206.0e-9,
                                                       235.5e-9])
    done = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", "go.json",
         "python.json", "--table"], cwd=tmp_path, capture_output=True,
        text=True)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines()
            if line.startswith("| ") and "slower" in line]
    assert {row.split("|")[1].strip() for row in rows} == \
        NAMES | {"Geometric mean"}


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
    assert "[  1/" in done.stdout and "floor/cap=0" in done.stdout
    (run,) = tmp_path.iterdir()
    files = {p.name for p in run.iterdir()}
    assert {"go-bench.txt", "go.json", "go-gomaxprocs1.json",
            "python.json", "python-threads.json", "summary.json",
            "report.md", "scenarios.png", "capacity.png", "items.png",
            "memory.png"} <= files
    summary = json.loads((run / "summary.json").read_text())
    assert summary["kind"] == "bench" and summary["failures"] == []
    for impl in ("go", "asyncio"):
        names = pyperf.BenchmarkSuite.load(
            str(run / plan.FILES[impl])).get_benchmark_names()
        assert {"floor/cap=0", "scenario/spsc", "process/startup"} \
            <= set(names)
    report = (run / "report.md").read_text()
    for part in ("## Floors", "## spsc against its floor",
                 "asyncio × floor", "asyncio ÷ Go", "## Sweeps",
                 "## How to make Python faster", "## Whole programs",
                 "## Memory against concurrency",
                 "compare_to go.json python.json", "Machine: "):
        assert part in report, part
    assert "BenchmarkSPSC/scenario/spsc" in \
        (run / "go-bench.txt").read_text()


def test_go_benchmarks_read_their_cases_from_the_environment():
    cases = [plan.Case("floor/cap=1", "floor", "floor",
                       {"items": 50, "producers": 1, "consumers": 1,
                        "buffer": 1}, 50, plan.GO)]
    settings = {"samples": 1, "go_benchtime": "1x"}
    argv, env = gotest.command(cases, settings, [1])
    done = subprocess.run(argv, cwd=ROOT / "go", capture_output=True,
                          text=True, env={**env, **{
                              k: v for k, v in os.environ.items()
                              if k == "PATH"}}, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    parsed = gotest.parse(done.stdout, default_procs=1)
    assert list(parsed["go"]) == ["floor/cap=1"]
