"""make matrix (python/harness/run/matrix.py) and the eager variant it
measures. The matrix itself is never run here (a compare and a bench
per Python take minutes): its parts are, on real Pythons where they
find Pythons and on synthetic per-Python records where they report.
No timing is asserted: the figures below are made up."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, judged_on
from harness.run import matrix
from harness.bench.cases import models

HERE = f"{sys.version_info.major}.{sys.version_info.minor}"


def harness(*args):
    return subprocess.run([sys.executable, "-m", "harness", *args],
                          cwd=ROOT / "python", capture_output=True,
                          text=True, timeout=120)


def test_a_python_not_installed_is_one_line_and_nothing_is_written(
        tmp_path):
    done = harness("matrix", "--pythons", "3.99", "--results",
                   str(tmp_path))
    assert done.returncode == 2
    assert done.stdout.startswith("matrix: Python 3.99 skipped: cannot "
                                  "find Python 'python3.99'; tried ")
    assert done.stdout.count("\n") == 1
    assert done.stderr == ("harness: none of the Pythons asked for "
                           "(3.99) is installed; nothing run\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("pythons, why", [
    (" ", "PYTHONS is empty"),
    ("3.12 --check", 'PYTHONS: "--check" is not a Python'),
])
def test_a_bad_pythons_list_is_one_line(tmp_path, pythons, why):
    done = harness("matrix", "--pythons", pythons, "--results",
                   str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"harness: {why}")
    assert done.stderr.count("\n") == 1


def test_resolving_skips_the_missing_and_the_repeated_and_goes_on():
    said = []
    found, skipped = matrix.resolve(
        ["3.99", sys.executable, HERE],
        say=lambda line, **_: said.append(line))
    assert [v["name"] for v in found] == [sys.executable]
    assert found[0]["version"] == ".".join(
        map(str, sys.version_info[:3]))
    assert found[0]["short"] == HERE
    assert [s["name"] for s in skipped] == ["3.99", HERE]
    assert skipped[1]["why"].startswith(f"the same Python as "
                                        f"{sys.executable}")
    assert len(said) == 2 and all("\n" not in line for line in said)
    assert said[0].startswith("matrix: Python 3.99 skipped: ")


def test_the_free_threaded_question_is_asked_of_the_interpreter():
    facts = matrix.about(sys.executable)
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    import sysconfig
    assert facts["free_threaded_build"] == bool(
        sysconfig.get_config_var("Py_GIL_DISABLED"))
    assert facts["gil_enabled"] == gil


def summary_with(rows, skipped):
    return {"rows": [{"scenario": s, "variant": v, "ok": ok,
                      "contracts": {"timeline": {"verdict": verdict}}}
                     for s, v, ok, verdict in rows],
            "skipped": skipped}


def test_a_compare_run_is_counted_per_variant():
    got = matrix.verdicts(summary_with(
        [("spsc", "asyncio", True, "pass"),
         ("mpsc", "asyncio", False, "fail"),
         ("spsc", "eager", False, "unjudged")],
        ["close / shutdown skipped: shutdown needs Python 3.13 or newer, "
         "and this is Python 3.12.1"]))
    assert got["total"] == {"rows": 3, "passed": 1, "failed": 1,
                            "unjudged": 1, "skipped": 1}
    assert got["variants"]["shutdown"]["why"] == (
        "shutdown needs Python 3.13 or newer, and this is Python 3.12.1")
    assert got["variants"]["eager"]["unjudged"] == 1


def cost(median, spread=0.02, n=6):
    values = [median * (1 + spread * (k - n / 2) / n) for k in range(n)]
    return {"median_s": median, "spread": spread, "values": values}


def version(short, micro, costs, variants, free=False, notes=()):
    passed = sum(v["passed"] for v in variants.values())
    skipped = sum(v["skipped"] for v in variants.values())
    return {"name": short, "short": short, "version": f"{short}.{micro}",
            "interpreter": f"/x/python{short}",
            "implementation": "CPython", "free_threaded_build": free,
            "gil_enabled": not free,
            "compare": {"exit": 0, "run": f"{short}/compare",
                        "total": {"rows": passed, "passed": passed,
                                  "failed": 0, "unjudged": 0,
                                  "skipped": skipped},
                        "variants": variants},
            "bench": {"exit": 0, "run": f"{short}/bench", "costs": costs,
                      "notes": list(notes),
                      "langs": {"go": "go", "asyncio": "python",
                                "eager": "python"}}}


def ran(n):
    return {"rows": n, "passed": n, "failed": 0, "unjudged": 0,
            "skipped": 0, "why": ""}


def left(n, why):
    return {"rows": 0, "passed": 0, "failed": 0, "unjudged": 0,
            "skipped": n, "why": why}


FLOOR = "Floor/buffer=0/items=10000"
SPSC = "Scenario/spsc/buffer=0/items=10000"
OLD = "shutdown needs Python 3.13 or newer, and this is Python 3.11.7"


def synthetic(free=False):
    versions = [
        version("3.11", 7, {FLOOR: {"go": cost(200e-9),
                                    "asyncio": cost(500e-9)},
                            SPSC: {"asyncio": cost(600e-9)}},
                {"asyncio": ran(14), "eager": left(14, "eager needs "
                 "Python 3.12 or newer, and this is Python 3.11.7"),
                 "shutdown": left(1, OLD)},
                notes=["eager needs Python 3.12 or newer, and this is "
                       "Python 3.11.7: the eager rows are left out"]),
        version("3.13", 0, {FLOOR: {"go": cost(200e-9),
                                    "asyncio": cost(250e-9),
                                    "eager": cost(260e-9)},
                            SPSC: {"asyncio": cost(600e-9)}},
                {"asyncio": ran(14), "eager": ran(14),
                 "shutdown": ran(1)}, free=free),
    ]
    return {"kind": "matrix", "profile": "matrix",
            "pythons": ["3.11", "3.13", "3.99"],
            "skipped": [{"name": "3.99", "why": "cannot find it"}],
            "variant_order": ["asyncio", "shutdown", "eager"],
            "machine": {"cpu": "CPU", "cores": 2, "os": "Linux",
                        "go": "go1.26", "python": "3.11.7",
                        "python_implementation": "CPython"},
            "versions": versions, "changes": matrix.changes(versions)}


def test_what_changed_is_each_figure_over_the_first_pythons():
    data = synthetic()
    got = {(c["case"], c["model"]): c for c in data["changes"]}
    assert got[(FLOOR, "asyncio")]["ratio"] == pytest.approx(0.5)
    assert got[(FLOOR, "asyncio")]["significant"] is True
    assert got[(FLOOR, "asyncio")]["spread"] == pytest.approx(
        0.02 * 2 ** 0.5)
    assert got[(SPSC, "asyncio")]["ratio"] == pytest.approx(1.0)
    assert got[(SPSC, "asyncio")]["significant"] is False
    # eager has one Python only: nothing to set it against
    assert (FLOOR, "eager") not in got
    assert {c["base"] for c in data["changes"]} == {"3.11"}


def test_the_report_has_every_part_from_synthetic_pythons():
    text = matrix.markdown(synthetic())
    assert "Skipped: Python 3.99: cannot find it." in text
    assert text.count("No free-threaded build") == 1
    assert "| 3.11.7 | 14/14 | 0 | 0 | 15 | exit 0, `3.11/compare/` |" \
        in text
    assert f"| shutdown | skipped: {OLD} | 1/1 ✓ |" in text
    assert "| compare: eager | skipped: eager needs Python 3.12" in text
    assert "| bench: eager | left out: eager needs Python 3.12" in text
    assert "| floor, capacity 0 | asyncio | 500 ns ± 2% | 250 ns ± 2% |" \
        in text
    assert "| floor, capacity 0 | eager | – | 260 ns ± 2% |" in text
    assert "| floor, capacity 0 | asyncio | 0.50× ± 3% |" in text
    assert "| spsc (buffer=0) | asyncio | 1.00× ± 3% (n.s.) |" in text
    assert "| floor, capacity 0 | eager ÷ asyncio | – | 1.04× ± 3% |" \
        in text
    # rows grouped by benchmark, models in the order first measured
    at = [text.index(f"| {row} |") for row in (
        "floor, capacity 0 | go", "floor, capacity 0 | asyncio",
        "floor, capacity 0 | eager", "spsc (buffer=0) | asyncio")]
    assert at == sorted(at)
    assert "Go's own figures, the same binary in every run, moved from " \
        "1.00× to 1.00×" in text


def test_a_free_threaded_python_is_labelled_in_every_table():
    text = matrix.markdown(synthetic(free=True))
    assert "No free-threaded build" not in text
    # the tables with a column per Python, and the verdict's row
    heads = [line for line in text.splitlines()
             if line.startswith(("| variant", "| benchmark"))]
    assert len(heads) == 5
    assert all("3.13.0 free-threaded (GIL off)" in h for h in heads)
    assert "| 3.13.0 free-threaded (GIL off) | 29/29 |" in text


# The eager variant on a Python that has eager_task_factory.
def eager_python():
    for name in ("3.12", "3.13", "3.14"):
        found, why = matrix.which(name)
        if found:
            return found
    return None


EAGER = eager_python()
NO_EAGER = "no Python 3.12+ found: the eager variant is untested"


@pytest.mark.skipif(EAGER is None, reason=NO_EAGER)
def test_the_eager_loop_has_the_eager_task_factory():
    done = subprocess.run(
        [EAGER, "-c", "import asyncio\n"
         "from chankit.cli import run_loop\n"
         "async def main():\n"
         "    return asyncio.get_running_loop().get_task_factory()\n"
         "print(run_loop(main(), 'eager') is asyncio.eager_task_factory,"
         " run_loop(main(), 'asyncio'))"],
        env={"PYTHONPATH": str(ROOT / "python")}, capture_output=True,
        text=True, timeout=60)
    assert done.stdout == "True None\n", done.stderr


@pytest.mark.skipif(EAGER is None, reason=NO_EAGER)
@pytest.mark.parametrize("sid", ["spsc", "close", "errors"])
def test_the_eager_variant_holds_its_contracts_against_go(
        registry, sid, monkeypatch):
    # Through the same run-and-judge path as make compare, so that a
    # timeline a busy machine moved is run again, not failed.
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "python"))
    row = judged_on(EAGER, registry, sid, "eager",
                    {"items": 40, "delay": 0.0})
    assert row["python"]["impl"] == "eager"
    assert row["python"]["runtime"] >= "cpython-3.12"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="this Python "
                    "has eager_task_factory: nothing to refuse")
def test_an_older_python_refuses_eager_and_the_bench_leaves_it_out(
        registry):
    done = subprocess.run([sys.executable, "-m", "chankit.eager",
                           "spsc"], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"chankit: chankit.eager needs Python 3.12 "
                           f"or newer; this is Python "
                           f"{sys.version.split()[0]}\n")
    notes = []
    got = models(registry, {"models": ["asyncio", "eager"]}, notes)
    assert "eager" not in got and "asyncio" in got
    assert notes == [f"eager needs Python 3.12 or newer, and this is "
                     f"Python {sys.version.split()[0]}: the eager rows "
                     f"are left out"]


def test_the_matrix_profile_measures_eager(registry):
    from harness.bench.cases import profile
    settings = profile(registry, "matrix")
    assert "eager" in settings["models"]
    assert settings["floors"] and settings["scenarios"]
    assert json.dumps(settings)  # a plain table, as summary.json keeps
