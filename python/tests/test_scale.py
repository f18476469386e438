"""make scale, small: every run delivers every item, both languages
report a peak memory of their own (not the harness's), and a run that
delivers too little fails."""

import subprocess
import sys

from conftest import ROOT
from harness.run import plan
from harness.run.scale import cases, delivered, measure


def test_scale_delivers_everything_and_saves_a_run(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "harness", "scale", "--items", "2000",
         "--actors", "50", "--scenario", "mpsc,pipeline", "--results",
         str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
        timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| mpsc | 50 producers × 40 |" in done.stdout
    assert "| pipeline | 50 consumers, 2,000 items |" in done.stdout
    assert len(list(tmp_path.iterdir())) == 1


def test_a_scenario_the_registry_leaves_out_is_refused(tmp_path,
                                                       registry):
    """scale = true marks what make scale measures; asked for another
    by name, it says so instead of running it (pitfall's slow consumer
    at a million items would take hours)."""
    assert not registry.scenarios["pitfall"].scale
    done = subprocess.run(
        [sys.executable, "-m", "harness", "scale", "--scenario",
         "spsc,pitfall", "--results", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("harness: make scale does not run "
                                  "pitfall: scenarios.toml leaves it out")
    assert list(tmp_path.iterdir()) == []


def test_peak_memory_is_the_programs_own(registry):
    spsc = registry.scenarios["spsc"]
    full, _ = plan.params(spsc, {"items": 200000, "delay": 0.0})
    go = plan.command(registry.implementations["go"], spsc, full,
                      sys.executable, trace=False)
    # A program that holds 200 MiB must report at least that; the Go
    # program, a few MiB, far less than this Python harness.
    hog = [sys.executable, "-c", "import time; b = bytearray(200 << 20);"
           " b[::4096] = b'x' * len(b[::4096]); time.sleep(0.3)"]
    assert measure(hog, {}, 60)["maxrss_mib"] >= 200
    assert 0.5 < measure(go, {}, 60)["maxrss_mib"] < 20


def test_a_short_delivery_or_a_crash_is_not_ok():
    short = measure([sys.executable, "-c", "print('Got number 1')"], {},
                    60)
    assert (short["lines"], delivered(short, 1), delivered(short, 2)) \
        == (1, True, False)
    crash = measure([sys.executable, "-c", "print(1); 1/0"], {}, 60)
    assert not delivered(crash, 1) and "ZeroDivisionError" in \
        crash["stderr"]


def test_cases_follow_the_knobs_a_scenario_takes(registry):
    names = {sid: [label for label, _ in
                   cases(registry, registry.scenarios[sid], 1000, 10)]
             for sid in ("spsc", "mpsc", "workers")}
    assert names == {
        "spsc": ["1,000 items"],
        "mpsc": ["1,000 items", "10 producers × 100"],
        "workers": ["1,000 items", "10 consumers, 1,000 items"]}
