"""make compare as a user meets it: the table, the exit status, the
results folder, and what happens on bad input, on an expected or an
unexpected failure, on a crash, and on Ctrl-C."""

import json
import signal
import subprocess
import sys
import time

import psutil
import pytest

from conftest import ROOT
from test_flags import KNOWN
from harness.check.contracts import CONTRACTS
from harness.registry import REGISTRY, load

REGISTRY_DATA = load()

QUICK = ["--items", "3", "--delay", "0.01"]


def harness(*args, **kw):
    return subprocess.run([sys.executable, "-m", "harness", *args],
                          capture_output=True, text=True, timeout=120,
                          cwd=ROOT, **kw)


def folders(base):
    return sorted(p.name for p in base.iterdir()) if base.exists() else []


def test_compare_prints_the_table_and_saves_the_run(tmp_path):
    done = harness("compare", "--results", str(tmp_path), *QUICK)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    header = next(line for line in done.stdout.splitlines()
                  if line.startswith("scenario"))
    assert header.split()[:5] == ["scenario", "variant", "Go", "Python",
                                  "contracts"]
    # The table and its notes fit a terminal of 100 columns (the last
    # line names the run folder, as long as its path is).
    lines = done.stdout.splitlines()
    table = lines[lines.index(header):-1]
    assert max(map(len, table)) <= 100, max(table, key=len)
    cells = [line.split()[:2] for line in done.stdout.splitlines()]
    assert ["spsc", "processes"] in cells
    runnable = {v.id for v in REGISTRY_DATA.variants.values()
                if all(sys.version_info >=
                       REGISTRY_DATA.implementations[i].needs_python
                       for i in (v.go, v.python))}
    rows = sum(len(set(s.variants) & runnable)
               for s in REGISTRY_DATA.scenarios.values())
    assert done.stdout.rstrip().splitlines()[-1].startswith(
        f"PASS: all {rows} rows hold their contracts; results in ")
    [run] = folders(tmp_path)
    saved = tmp_path / run
    summary = json.loads((saved / "summary.json").read_text())
    assert summary["schema"] == 1 and summary["ok"] is True
    assert {"os", "cpu", "cores", "go", "python"} <= set(summary["machine"])
    assert len(summary["rows"]) == rows
    row = summary["rows"][0]
    assert row["contracts"]["exactly_once"]["verdict"] == "pass"
    assert row["params"]["items"] == 3
    for r in summary["rows"]:
        for side in ("go", "python"):
            trace = saved / r[side]["trace"]
            assert trace.read_text().splitlines()[0].startswith('{"t":')
    # report.md keeps a column per contract.
    promised = {c for s in REGISTRY_DATA.scenarios.values()
                for c in s.contracts}
    report = (saved / "report.md").read_text()
    assert "| spsc | asyncio |" in report
    assert "| scenario | variant | Go | Python | " + " | ".join(
        c for c in CONTRACTS if c in promised) + " |" in report


def test_runs_never_overwrite_each_other(tmp_path):
    for _ in range(2):
        assert harness("compare", "--results", str(tmp_path),
                       "--scenario", "spsc", "--variant", "asyncio",
                       *QUICK).returncode == 0
    names = folders(tmp_path)
    assert len(names) == 2 and not any(n.startswith(".") for n in names)


def test_bad_input_is_one_line_status_2_and_saves_nothing(tmp_path):
    for args, message in [
        (["--items", "-1"], "harness: --items: must be at least 0, got -1"),
        (["--scenario", "nope"],
         f'harness: unknown scenario "nope" (known: {KNOWN})'),
        (["--delay", "x"],
         'harness: --delay: "x" is not a number of seconds'),
        (["--variant", "gpu"], 'harness: unknown variant "gpu" (known: '
         f'{", ".join(REGISTRY_DATA.variants)})'),
        (["--scenario", "spsc", "--producers", "3"],
         "harness: --producers does not apply to spsc"),
        (["--frobnicate"], "harness: unrecognized arguments: "
         "--frobnicate"),
    ]:
        done = harness("compare", "--results", str(tmp_path), *args)
        assert (done.returncode, done.stderr) == (2, message + "\n")
    assert folders(tmp_path) == []


def edited_registry(tmp_path, old, new, extra=""):
    """The real registry with one edit, and extra entries after it."""
    text = REGISTRY.read_text()
    assert old in text
    path = tmp_path / "scenarios.toml"
    path.write_text(text.replace(old, new, 1) + extra)
    return path


PITFALL = ["--scenario", "pitfall", "--variant", "asyncio"]


def test_an_unexpected_loss_fails_with_reasons(tmp_path):
    """pitfall without its expected failure: a loss is a failure."""
    registry = edited_registry(
        tmp_path, "expected_failures.exactly_once", "# (removed)")
    done = harness("compare", "--registry", str(registry), *PITFALL,
                   "--results", str(tmp_path / "r"))
    assert done.returncode == 1
    assert "pitfall / asyncio: exactly_once violated" in done.stdout
    assert "item 2 from producer-0 was sent but never received " \
        "(python/asyncio)" in done.stdout
    assert "FAIL: 1 of 1 row broke a contract" in done.stdout


def test_an_expected_failure_is_labelled_and_passes(tmp_path):
    done = harness("compare", *PITFALL, "--results", str(tmp_path))
    assert done.returncode == 0, done.stdout
    assert "✗ known" in done.stdout
    assert "pitfall / asyncio: exactly_once fails as expected: main " \
        "returns when the producer is done" in done.stdout
    assert "item 4 from producer-0 was sent but never received " \
        "(go)" in done.stdout  # the lost items are listed


def test_a_crash_is_reported_not_raised(tmp_path):
    registry = edited_registry(
        tmp_path, 'variants = ["asyncio", "gomaxprocs1", "threads", '
        '"processes", "eager",\n            "trio", "anyio"]\n'
        'demo = "the post\'s first',
        'variants = ["boom"]\ndemo = "the post\'s first', """
[implementations.boom]
lang = "python"
label = "a program that raises"
command = ["{python}", "-c", "1/0"]

[variants.boom]
go = "go"
python = "boom"
""")
    done = harness("compare", "--registry", str(registry), "--scenario",
                   "spsc", "--results", str(tmp_path / "r"), *QUICK)
    assert done.returncode == 1 and done.stderr == ""
    assert "spsc / boom: boom crashed: the Python program raised " \
        "ZeroDivisionError: division by zero" in done.stdout
    row = next(line.split() for line in done.stdout.splitlines()
               if line.split()[:2] == ["spsc", "boom"])
    go_wall, py_wall = row[2:4], row[4]
    assert go_wall[1] in ("s", "ms") and py_wall == "crashed"
    assert "no trace to check" not in done.stdout


def test_a_broken_registry_is_bad_input(tmp_path):
    path = tmp_path / "scenarios.toml"
    path.write_text(REGISTRY.read_text().replace('"timeline"]',
                                                 '"timelyness"]', 1))
    done = harness("compare", "--registry", str(path))
    assert done.returncode == 2
    assert done.stderr == (f"harness: {path}: scenario spsc names "
                           f"unknown contract timelyness\n")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_kills_the_programs_and_keeps_nothing(tmp_path, signum):
    proc = subprocess.Popen(
        [sys.executable, "-m", "harness", "compare", "--results",
         str(tmp_path), "--items", "40", "--delay", "0.25"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, preexec_fn=foreground)
    me = psutil.Process(proc.pid)
    # Wait for a program to be running: a child of the harness that
    # is no longer the harness's fork but the program it exec'ed.
    children = until(lambda: [c for c in me.children(recursive=True)
                              if execed(c, me)])
    assert children, "no program started"
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    *debug, last = err.splitlines() or [""]
    assert last == "harness: interrupted; its programs were killed " \
        "and no partial results were left"
    # A signal that comes while the harness is still starting the
    # program finds it in asyncio's hands, and asyncio's debug mode
    # (make test's) says that it killed it: that, and nothing else.
    assert all(line.startswith("Close running child process: kill ")
               for line in debug), err
    assert list(tmp_path.iterdir()) == []
    # A SIGKILL takes effect when the kernel gets to it: on a busy
    # machine, maybe not at once.
    until(lambda: not any(map(still_running, children)))
    assert [c for c in children if still_running(c)] == []


def foreground():
    """SIGINT as a terminal's foreground job has it: Python's default,
    even where this test run was started in the background, which
    leaves SIGINT ignored for its children (and the harness keeps a
    SIGINT ignored from the start ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def until(get, seconds=30):
    """Call get() until it returns something true, or for `seconds`;
    return what it returned last. A busy machine is slow, not wrong."""
    deadline = time.monotonic() + seconds
    while not (got := get()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return got


def execed(child, parent):
    try:
        return child.cmdline() != parent.cmdline()
    except psutil.Error:  # gone already, or not to be read
        return False


def still_running(process):
    try:
        return process.is_running() and \
            process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_a_scenario_named_twice_runs_once(tmp_path):
    done = harness("compare", "--results", str(tmp_path), "--scenario",
                   "spsc,spsc", "--variant", "asyncio", *QUICK)
    assert done.returncode == 0
    table = done.stdout.split("\n\n")[1].splitlines()
    assert [line.split()[:2] for line in table].count(
        ["spsc", "asyncio"]) == 1


def test_a_model_that_cannot_run_that_many_is_skipped_with_a_note(
        tmp_path):
    done = harness("compare", "--results", str(tmp_path), "--scenario",
                   "mpsc", "--producers", "300", "--items", "2",
                   "--delay", "0")
    assert done.returncode == 0, done.stdout
    assert "note: mpsc / processes skipped: processes runs at most 256 " \
        "producers" in done.stdout
    cells = [line.split()[:2] for line in done.stdout.splitlines()]
    assert ["mpsc", "processes"] not in cells


def test_an_expected_difference_is_labelled_only_where_expected(
        tmp_path):
    done = harness("compare", "--scenario", "rendezvous", "--results",
                   str(tmp_path))
    assert done.returncode == 0, done.stdout
    cells = {tuple(line.split()[:2]): line.split("  ")[-1]
             for line in done.stdout.splitlines()}
    assert cells["rendezvous", "asyncio"].endswith("≠ known: timeline")
    assert cells["rendezvous", "handoff"].startswith("✓ all")
    assert "rendezvous / asyncio: timeline differs as expected: a queue " \
        "of one is not a rendezvous" in done.stdout
    assert "rendezvous / handoff" not in done.stdout


def test_an_unexpected_difference_fails(tmp_path):
    registry = edited_registry(tmp_path, 'variants = ["asyncio", '
                               '"gomaxprocs1", "eager"], when',
                               'variants = ["gomaxprocs1", "eager"], '
                               'when')
    # A consumer's work of 0.4 s puts the producer 400 ms ahead: far
    # beyond what a busy machine's noise could excuse, so the row is
    # a ✗ on any machine, never "could not be judged".
    done = harness("compare", "--registry", str(registry), "--scenario",
                   "rendezvous", "--variant", "asyncio", "--items", "3",
                   "--work", "0.4", "--results", str(tmp_path / "r"))
    assert done.returncode == 1, done.stdout
    assert "rendezvous / asyncio: timeline violated" in done.stdout
    # the timeline names the first item the producer ran ahead with
    assert "producer-0 sent item 1 at 0.4" in done.stdout
