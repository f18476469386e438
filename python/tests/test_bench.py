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
from harness.bench import cases, gotest
from harness.registry import load

GO_TEXT = (FIXTURES / "go-bench.txt").read_text()
# The smoke profile's Go cases, as go test ran them for the fixture.
NAMES = {"Floor/buffer=0/items=1000",
         "Scenario/spsc/buffer=0/items=1000",
         "Scenario/spsc/buffer=1/items=1000",
         "Scenario/spsc/buffer=0/items=100"}
REGISTRY = load()
GO = cases.go_models(REGISTRY)


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
    assert cases.name("floor", "floor", p) == "Floor/buffer=0/items=10"
    assert cases.name("scenario", "mpsc", p, REGISTRY.scenario(
        "mpsc").params) == "Scenario/mpsc/producers=2/buffer=0/items=10"
    assert cases.name("scenario", "workers", p, REGISTRY.scenario(
        "workers").params) == \
        "Scenario/workers/consumers=4/buffer=0/items=10"


def test_the_models_come_from_the_registry():
    models = cases.models(REGISTRY, {"models": ["asyncio", "uvloop",
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
    assert "uvloop" in cases.PACKAGES and "uvlop" not in cases.PACKAGES


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
            "memory.png", "sieve.png"} <= files
    summary = json.loads((run / "summary.json").read_text())
    assert summary["kind"] == "bench" and summary["failures"] == []
    for impl in ("go", "asyncio"):
        names = pyperf.BenchmarkSuite.load(
            str(run / summary["models"][impl]["file"])
        ).get_benchmark_names()
        assert {"Floor/buffer=0/items=1000",
                "Scenario/spsc/buffer=0/items=1000",
                "Process/spsc/items=0",
                "Fixed/sieve/buffer=0/items=40"} <= set(names)
    # The sieve's fixed sizes, in trio too: one run each in smoke.
    trio = pyperf.BenchmarkSuite.load(str(run / summary["models"][
        "trio"]["file"])).get_benchmark("Fixed/sieve/buffer=0/items=40")
    assert len(trio.get_runs()) == 1
    report = (run / "report.md").read_text()
    for part in ("## Floors", "## spsc against its floor",
                 "asyncio × floor", "asyncio ÷ Go", "## Sweeps",
                 "## How to make Python faster", "## Whole programs",
                 "## sieve: whole programs at fixed sizes",
                 "## Memory against concurrency",
                 "compare_to go.json python.json", "Machine: ",
                 "## benchstat", "sec/item"):
        assert part in report, part
    # compare_to pairs Go's spsc with asyncio's: one row, both sides.
    assert "| Scenario/spsc/buffer=1/items=1000 |" in report
    assert "BenchmarkScenario/spsc/buffer=0/items=1000" in \
        (run / "go-bench.txt").read_text()


# --- the report, on synthetic pyperf files ----------------------------------
# No measuring: each figure is built from samples chosen to make (or
# not make) the condition a part of the report is about.

from harness.bench import tables  # noqa: E402

CHECKS = load().bench["checks"]
QUIET = (0.99, 1.0, 1.01, 1.0, 0.995, 1.005, 1.0, 0.99, 1.01, 1.0)


def samples(median_ns, spread=0.0):
    """Ten values (seconds) with that median whose MAD is about
    spread × median."""
    if spread:
        shape = (1 - spread, 1 + spread) * 5
    else:
        shape = QUIET
    return [median_ns * 1e-9 * x for x in shape]


def synthetic(tmp_path, go, py, go1=None):
    """A run folder with Go and asyncio pyperf files and a summary:
    go, py: {case name: samples}. The cases: floors at 0, 1, 100;
    spsc, mpsc, backpressure (buffer 2) and rendezvous; the faster
    variants."""
    def case(name, kind, sid, buffer, value=0):
        return {"name": name, "kind": kind, "scenario": sid,
                "params": {"items": 1000, "producers": 1,
                           "consumers": 1, "buffer": buffer},
                "total": 1000, "impls": ["go", "asyncio"],
                "knob": "variant" if kind == "faster" else "",
                "value": value}
    cs = [case(f"Floor/buffer={b}/items=1000", "floor", "floor", b)
          for b in (0, 1, 100)]
    cs += [case(f"Scenario/{s}/buffer={b}/items=1000", "scenario", s, b)
           for s, b in (("spsc", 0), ("mpsc", 0), ("backpressure", 2),
                        ("rendezvous", 0))]
    cs += [case(f"Faster/spsc/{v}/items=1000", "faster", "spsc", 0, i)
           for i, v in enumerate(cases.FASTER)]
    models = {"go": {"lang": "go", "label": "Go", "file": "go.json",
                     "package": ""},
              "asyncio": {"lang": "python", "label": "asyncio",
                          "file": "python.json",
                          "package": "chankit.aio"}}
    for impl, data in (("go", go), ("asyncio", py)):
        pyperf.BenchmarkSuite([pyperf.Benchmark([pyperf.Run(
            [v], metadata={"name": name, "unit": "second"},
            collect_metadata=False) for v in values])
            for name, values in data.items()]).dump(
            str(tmp_path / models[impl]["file"]), replace=True)
    summary = {"started": "2026-01-01T00:00:00+00:00",
               "finished": "2026-01-01T00:05:00+00:00",
               "command": ["python -m harness", "bench"],
               "machine": {"cpu": "test", "cores": 2, "os": "Linux",
                           "go": "go1", "python": "3.11",
                           "python_implementation": "CPython"},
               "profile": "quick", "packages": {}, "notes": [],
               "failures": [], "models": models, "cases": cs,
               "memory": {"scenario": "mpsc", "knob": "producers",
                          "items": 1000, "models": ["go", "asyncio"],
                          "rows": []}}
    settings = {"pyperf": {"processes": 10, "values": 1, "warmups": 1},
                "items": 1000, "samples": 10, "go_benchtime": "1x",
                "checks": CHECKS, "left_out": {}}
    return tables.markdown(tmp_path, summary, settings, [])


# Go and asyncio at their reference run's medians, quiet and sane.
GO_NS = {"Floor/buffer=0/items=1000": 167, "Floor/buffer=1/items=1000": 119,
      "Floor/buffer=100/items=1000": 54,
      "Scenario/spsc/buffer=0/items=1000": 168,
      "Scenario/mpsc/buffer=0/items=1000": 170,
      "Scenario/backpressure/buffer=2/items=1000": 125,
      "Scenario/rendezvous/buffer=0/items=1000": 170}
PY_NS = {"Floor/buffer=0/items=1000": 440, "Floor/buffer=1/items=1000": 5770,
      "Floor/buffer=100/items=1000": 580,
      "Scenario/spsc/buffer=0/items=1000": 504,
      "Scenario/mpsc/buffer=0/items=1000": 680,
      "Scenario/backpressure/buffer=2/items=1000": 6000,
      "Scenario/rendezvous/buffer=0/items=1000": 6090,
      "Faster/spsc/nowait/items=1000": 270,
      "Faster/spsc/batch/items=1000": 200}


def report(tmp_path, go=None, py=None, spread=None):
    """The report of the reference medians with changes: go, py
    {name: median ns}; spread {(impl, name): MAD share}."""
    spread = spread or {}
    g = {n: samples(m, spread.get(("go", n), 0))
         for n, m in (GO_NS | (go or {})).items()}
    p = {n: samples(m, spread.get(("asyncio", n), 0))
         for n, m in (PY_NS | (py or {})).items()}
    return synthetic(tmp_path, g, p)


def tables_of(text):
    """Every markdown table of a report: (header, rows of cells)."""
    out, rows = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
        elif rows:
            out.append((rows[0], rows[2:]))
            rows = []
    return out


def section(text, heading):
    return text.split(heading, 1)[1].split("\n## ", 1)[0]


def test_the_report_leads_with_the_answer(tmp_path):
    text = report(tmp_path)
    # The headline is the first section, before any other table.
    assert text.index("## The answer") < text.index("## Floors")
    head, rows = tables_of(section(text, "## The answer"))[0]
    assert head == ["hand-off", "Go", "asyncio", "asyncio ÷ Go",
                    "÷ within the spreads"]
    by = {row[0].split(":")[0]: row for row in rows}
    assert by["capacity 0"][1:4] == ["167 ns ± 0%", "440 ns ± 0%",
                                     "2.63×"]
    assert by["capacity 1"][3] == "48.5×"
    assert by["capacity 100"][3] == "10.7×"
    # The range over the scenarios at buffer 0 whose asyncio queue is
    # unbounded: spsc 504/168 = 3.00×, mpsc 680/170 = 4.00×.
    zero = by["the 2 scenarios at buffer 0 (spsc, mpsc)"]
    assert zero[1:4] == ["168–170 ns", "504–680 ns",
                         "3.00× (spsc) to 4.00× (mpsc)"]
    low, high = (float(x) for x in zero[4].rstrip("×").split("–"))
    assert low < 3.00 and high > 4.00
    words = section(text, "## The answer")
    assert "asyncio ÷ Go, per item: 2.63× where its put never waits" \
        in words
    assert "asyncio pays most where every send waits" in words
    # rendezvous is at buffer 0 but its asyncio queue holds 1: said.
    assert "rendezvous is at buffer 0 but not in the range" in words


def test_every_column_of_times_has_one_unit(tmp_path):
    # A column whose figures run from 24.9 ns to 5.77 µs.
    text = report(tmp_path, py={"Floor/buffer=1/items=1000": 1770,
                                "Faster/spsc/batch/items=1000": 24.9})
    seen = 0
    for head, rows in tables_of(text):
        for col in zip(*rows):
            units = {c.split()[1] for c in col
                     if c.split()[1:2] and c.split()[1] in
                     ("ns", "µs", "ms")}
            assert len(units) <= 1, (head, col)
            seen += bool(units)
    assert seen > 5
    floors = dict((r[0], r) for r in tables_of(
        section(text, "## Floors"))[0][1])
    # The asyncio column's median is 580 ns: all in ns.
    assert floors["1"][2] == "1,770 ns ± 0%"


def test_no_warning_on_a_quiet_run(tmp_path):
    text = report(tmp_path)
    assert "Warning" not in text


def test_a_go_spsc_off_its_floor_warns(tmp_path):
    text = report(tmp_path, go={"Scenario/spsc/buffer=0/items=1000": 200})
    top = text.split("## The answer")[0]
    assert "**Warning: this run's self-checks failed, so its figures " \
           "may be unreliable.**" in top
    assert "Go: spsc is +19.8% against its floor (cap=0)" in top
    assert "spread" not in top.split("**Warning")[1]


def test_a_wide_spread_in_the_headline_warns(tmp_path):
    name = "Floor/buffer=1/items=1000"
    text = report(tmp_path, spread={("asyncio", name): 0.3})
    top = text.split("## The answer")[0]
    assert "1 of the headline's figures spread more than ±10%: " \
           "asyncio, cap=1 ±30%." in top
    assert "spsc is" not in top


def test_below_its_floor_is_explained_only_when_it_is(tmp_path):
    why = "more than the floor it is set against"
    # backpressure (buffer 2) costs less than asyncio's cap=1 floor.
    text = report(tmp_path, py={
        "Scenario/backpressure/buffer=2/items=1000": 3830})
    scen = section(text, "## Scenarios")
    row = next(r for r in tables_of(scen)[0][1]
               if r[0] == "backpressure")
    assert row[5] == "0.66× (cap=1) [1]"
    assert f"[1] below 1: backpressure's queue holds 2, {why}" in scen
    # Above its floor: no mark, no note.
    text = report(tmp_path)
    scen = section(text, "## Scenarios")
    assert why not in scen and "[1]" not in scen


def test_gap_closed_over_100_percent_is_explained_only_when_it_is(
        tmp_path):
    over = "over 100%: the change makes asyncio faster than Go's spsc"
    text = report(tmp_path, py={"Faster/spsc/batch/items=1000": 24.9})
    faster = section(text, "## How to make Python faster")
    row = next(r for r in tables_of(faster)[0][1]
               if r[0].startswith("batch"))
    assert row[3] == "143% [1]" and over in faster
    faster = section(report(tmp_path), "## How to make Python faster")
    assert over not in faster and "[1]" not in faster


def test_not_significant_is_explained_only_when_shown(tmp_path):
    legend = "\"(n.s.)\": pyperf's t-test"
    assert legend not in report(tmp_path)
    # Go and asyncio's cap=100 floors, the same up to noise.
    name = "Floor/buffer=100/items=1000"
    text = report(tmp_path, py={name: 54},
                  spread={("go", name): 0.2, ("asyncio", name): 0.2})
    floors = section(text, "## Floors")
    assert "(n.s.)" in floors and legend in floors
    assert legend in section(text, "## The answer")


def test_the_load_around_the_run_is_in_the_head(tmp_path):
    from harness.bench.data import machine_load
    before = machine_load()
    assert len(before["loadavg"]) == 3
    after = {"loadavg": [2.0, 1.5, 1.0],
             "cpu_s": {"user": 100.0, "idle": 100.0, "steal": 10.0}}
    before = {"loadavg": [0.5, 0.4, 0.3],
              "cpu_s": {"user": 50.0, "idle": 50.0, "steal": 0.0}}
    line = tables.load_line({"load": {"before": before, "after": after},
                             "machine": {"cores": 2}})
    assert line == ("Load: load average (1, 5, 15 minutes) 0.5, 0.4, "
                    "0.3 before the run, 2.0, 1.5, 1.0 after, on 2 "
                    "cores; CPU steal 9.1% of the CPU time during the "
                    "run (/proc/stat).")
    assert "not recorded" in tables.load_line({})


# --- whole programs at fixed sizes (the sieve) ------------------------------

def sieve_run(tmp_path, go, py):
    """A run folder's Results and cases for the sieve at N = 1,000 and
    4,000: go, py {N: median seconds per run}, three quiet runs each."""
    from harness.bench.data import Results
    from harness.check.oracles import HANDOFFS
    models = {"go": {"lang": "go", "label": "Go", "file": "go.json",
                     "package": ""},
              "asyncio": {"lang": "python", "label": "asyncio",
                          "file": "python.json",
                          "package": "chankit.aio"}}
    cs = [{"name": f"Fixed/sieve/buffer=0/items={n}", "kind": "fixed",
           "scenario": "sieve", "total": n, "impls": ["go", "asyncio"],
           "params": {"items": n, "producers": 1, "consumers": 1,
                      "buffer": 0}, "knob": "items", "value": n,
           "handoffs": HANDOFFS["primes"]({"items": n})}
          for n in (1000, 4000)]
    for impl, data in (("go", go), ("asyncio", py)):
        pyperf.BenchmarkSuite([pyperf.Benchmark([pyperf.Run(
            [s * x], metadata={"name": f"Fixed/sieve/buffer=0/items={n}",
                               "unit": "second"},
            collect_metadata=False) for x in (0.99, 1.0, 1.01)])
            for n, s in data.items()]).dump(
            str(tmp_path / models[impl]["file"]), replace=True)
    return Results(tmp_path, models), cs


PUBLISHED = {"sieve": {"source": "a benchmark site", "items": 1000,
                       "seconds": {"Go": 0.056, "CPython 3.10": 0.91}}}


def test_the_sieve_is_timed_per_run_per_prime_and_per_hand_off(tmp_path):
    r, cs = sieve_run(tmp_path, {1000: 0.16, 4000: 2.56},
                      {1000: 1.6, 4000: 25.6})
    text = "\n".join(tables.fixed_section(r, cs, {}))
    assert "3 times" in text
    assert "517,383 at N = 1,000; 8,103,906 at N = 4,000" in text
    small, big = (dict((row[0], row) for row in rows)
                  for head, rows in tables_of(text))
    # Each column in the one unit its median calls for.
    assert small["Go"][1:4] == ["0.160 s ± 1%", "0.160 ms", "0.309 µs"]
    assert small["asyncio"][1:5] == ["1.60 s ± 1%", "1.60 ms",
                                     "3.09 µs", "10.00×"]
    # Four times the primes, sixteen times the work: the square.
    assert big["Go"][5] == big["asyncio"][5] == "16.00×"
    assert big["asyncio"][4] == "10.00×"


def test_published_figures_stand_apart_from_the_kit_s(tmp_path):
    r, cs = sieve_run(tmp_path, {1000: 0.16, 4000: 2.56},
                      {1000: 1.6, 4000: 25.6})
    text = "\n".join(tables.fixed_section(r, cs, {"published":
                                                  PUBLISHED}))
    mine, theirs, later = tables_of(text)
    # Beside the size they were published for, in a table of their
    # own, labelled, and never divided into the kit's figures.
    assert text.index("### N = 1,000") < text.index("Published "
                                                    "elsewhere") \
        < text.index("### N = 4,000")
    assert "on other hardware" in text and "a benchmark site" in text
    assert theirs[0] == ["program", "per run", "per item"]
    assert [row[:2] for row in theirs[1]] == [
        ["Go (published)", "56.0 ms"],
        ["CPython 3.10 (published)", "910 ms"]]
    assert not any("published" in row[0] for row in mine[1] + later[1])
    elsewhere = PUBLISHED["sieve"] | {"items": 2000}
    assert "Published" not in "\n".join(tables.fixed_section(
        r, cs, {"published": {"sieve": elsewhere}}))


@pytest.mark.parametrize("runs, rounds", [(3, 5), (5, 5), (7, 3),
                                          (1, 1), (2, 1)])
def test_a_fixed_size_run_s_runs_are_shared_out_over_the_rounds(
        runs, rounds):
    case = cases.Case("Fixed/sieve/buffer=0/items=10", "fixed", "sieve",
                      {}, 10, (), runs=runs)
    each = [cases.runs_in_round(case, n, rounds)
            for n in range(1, rounds + 1)]
    assert sum(each) == runs and max(each) - min(each) <= 1


def test_the_sieve_is_benchmarked_at_its_fixed_sizes_alone():
    settings = cases.profile(REGISTRY, "quick")
    measured = cases.models(REGISTRY, settings, [])
    todo = cases.cases(REGISTRY, settings, ["sieve"], measured)
    fixed = [c for c in todo if c.kind == "fixed"]
    assert [c.name for c in fixed] == [
        "Fixed/sieve/buffer=0/items=1000",
        "Fixed/sieve/buffer=0/items=4000"]
    assert not any(c.scenario == "sieve" and c.kind != "fixed"
                   for c in todo)
    # Every program the registry has the sieve in, Go's and Python's.
    assert {"go", "go-gomaxprocs1", "asyncio", "trio"} <= \
        set(fixed[0].impls)
    assert fixed[1].handoffs == 8_103_906


def test_a_hung_benchmark_is_killed_with_all_it_started(tmp_path):
    """A pyperf program that outlives its time fails, and leaves no
    process behind: not its own, not the worker it started."""
    import psutil
    from harness.bench import pyrun
    pidfile = tmp_path / "worker.pid"
    hang = ("import subprocess, sys, time\n"
            "w = subprocess.Popen([sys.executable, '-c', "
            "'import time; time.sleep(600)'])\n"
            f"with open({str(pidfile)!r}, 'w') as f:\n"
            "    f.write(str(w.pid))\n"
            "print('started', flush=True)\n"
            "time.sleep(600)\n")
    ok, text = pyrun.run([sys.executable, "-c", hang], 5)
    assert not ok
    assert text.startswith("started") and \
        "hung: still running after 5 s" in text
    worker = int(pidfile.read_text())
    try:
        assert not pyrun.alive(psutil.Process(worker))
    except psutil.NoSuchProcess:
        pass  # gone, and reaped


@pytest.mark.parametrize("profile", ["quick", "full"])
def test_every_pyperf_program_has_a_time_limit_a_slow_run_fits(profile):
    """The limit grows with the runs a program makes, leaves room for
    the slowest real run (trio's sieve at 4,000 primes: about 70 s
    on a quiet machine), and a floor's stays short."""
    from harness.bench import pyrun
    settings = cases.profile(REGISTRY, profile)
    measured = cases.models(REGISTRY, settings, [])
    for case in cases.cases(REGISTRY, settings, [], measured):
        one, three = (pyrun.timeout(REGISTRY, case, settings, k)
                      for k in (1, 3))
        assert one < three < float("inf")
        if case.kind == "floor":
            # A floor is linear, whatever the dearest scenario is.
            assert three < 900, case.name
        if case.name == "Fixed/sieve/buffer=0/items=4000":
            assert one >= 10 * 70
