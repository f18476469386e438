"""make pages on a run folder someone sent: it reads only regular
files inside the folder, of a bounded size, and a summary.json whose
fields have the types results/README.md gives them. Anything else is
one line on stderr, `harness: …`, status 2, and no site written: not
a traceback, not a hang, and never another file's contents on a
page."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from harness.pages import website, runfolder
from harness.errors import BadInput

REFERENCE = ROOT / "results" / "reference"
SECRET = "the contents of a file outside the run folder"
TRACE = "traces/spsc.go.jsonl"


@pytest.fixture
def run(tmp_path):
    folder = tmp_path / "run"
    shutil.copytree(REFERENCE, folder)
    return folder


@pytest.fixture
def secret(tmp_path):
    outside = tmp_path / "secret.jsonl"
    outside.write_text(SECRET + "\n")
    return outside


def edit(run, change):
    """summary.json rewritten by change(summary)."""
    path = run / "summary.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def first(data, scenario="spsc"):
    return next(r for r in data["rows"] if r["scenario"] == scenario)


def harness(run, out):
    return subprocess.run(
        [sys.executable, "-m", "harness", "pages", "--run", str(run),
         "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=120)


def refused(run, *words):
    """make pages on run: one line naming words, status 2, and
    nothing written where the site would go, hidden or not."""
    home = run.parent / "site-home"
    home.mkdir()
    done = harness(run, home / "pages")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("harness: "), done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert SECRET not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr
    assert list(home.iterdir()) == []
    return done.stderr


# A file the run folder names must be inside it.

@pytest.mark.parametrize("path", ["../../../../../etc/passwd",
                                  "/etc/passwd", "traces/../../x.jsonl",
                                  "traces/a\nb/../../../../etc/passwd",
                                  ""])
def test_a_trace_path_out_of_the_folder_is_refused(run, path):
    edit(run, lambda d: first(d)["go"].update(trace=path))
    refused(run, "not a path inside the run folder" if path
            else "cannot name a file")


def test_a_symlink_out_of_the_folder_is_refused(run, secret):
    (run / TRACE).unlink()
    (run / TRACE).symlink_to(secret)
    refused(run, "leads outside the run folder")


def test_a_symlinked_traces_folder_is_refused(run, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (run / "traces").rename(elsewhere)
    (run / "traces").symlink_to(elsewhere)
    refused(run, "leads outside the run folder")


def test_a_symlinked_summary_is_refused(run, tmp_path):
    (run / "summary.json").rename(tmp_path / "summary.json")
    (run / "summary.json").symlink_to(tmp_path / "summary.json")
    refused(run, "summary.json leads outside the run folder")


def test_a_symlink_loop_is_refused(run):
    (run / TRACE).unlink()
    (run / TRACE).symlink_to(run / TRACE)
    refused(run, "cannot follow its symlinks")


def test_a_symlink_within_the_folder_is_read(registry, run, tmp_path):
    (run / TRACE).rename(run / "traces" / "moved.jsonl")
    (run / TRACE).symlink_to("moved.jsonl")
    website.build(registry, run, tmp_path / "site")
    spsc = (tmp_path / "site" / "spsc.html").read_text()
    assert '"scenario":"spsc","lang":"go"' in spsc


# Only regular files, of a bounded size, are read.

def test_a_fifo_trace_is_refused_at_once(run):
    (run / TRACE).unlink()
    os.mkfifo(run / TRACE)
    refused(run, "is a FIFO, not a regular file")


def test_a_fifo_summary_is_refused_at_once(run):
    (run / "summary.json").unlink()
    os.mkfifo(run / "summary.json")
    refused(run, "summary.json is a FIFO")


def test_a_link_to_a_device_is_refused(run):
    (run / TRACE).unlink()
    (run / TRACE).symlink_to("/dev/zero")
    refused(run, "leads outside the run folder")


def test_a_device_in_the_folder_is_refused(run):
    (run / TRACE).unlink()
    try:  # /dev/zero's numbers; needs CAP_MKNOD
        os.mknod(run / TRACE, 0o600 | 0o020000, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("cannot make a device here")
    refused(run, "is a character device, not a regular file")


def test_devices_are_refused_before_they_are_opened():
    for name in ("zero", "null"):
        with pytest.raises(BadInput, match="a character device"):
            runfolder.opened("/dev", name, 100)


def test_a_directory_as_a_trace_is_refused(run):
    (run / TRACE).unlink()
    (run / TRACE).mkdir()
    refused(run, "is a directory, not a regular file")


def test_a_trace_over_the_limit_is_refused(run):
    with open(run / TRACE, "ab") as f:  # sparse: nothing is written
        f.truncate(runfolder.TRACE_LIMIT + 1)
    refused(run, "over the 2.00 GiB the pages read")


def test_a_summary_over_the_limit_is_refused(run):
    with open(run / "summary.json", "ab") as f:
        f.truncate(runfolder.SUMMARY_LIMIT + 1)
    refused(run, "over the 64.0 MiB the pages read")


def test_a_missing_trace_is_said_on_the_page(registry, run, tmp_path):
    (run / TRACE).unlink()
    website.build(registry, run, tmp_path / "site")
    spsc = (tmp_path / "site" / "spsc.html").read_text()
    assert "no trace: No such file or directory" in spsc


def test_a_trace_that_is_not_utf8_is_said_on_the_page(registry, run,
                                                      tmp_path):
    bad = len((run / TRACE).read_text().splitlines()) + 1
    with open(run / TRACE, "ab") as f:
        f.write(b'{"t": 9, "actor": "\xff"}\n')
    website.build(registry, run, tmp_path / "site")
    spsc = (tmp_path / "site" / "spsc.html").read_text()
    assert f"not a valid trace: line {bad} is not UTF-8" in spsc


def test_latest_skips_a_run_it_may_not_read(tmp_path):
    base = tmp_path / "results"
    good, fifo = base / "2026-11-26T100000Z", base / "2026-11-26T110000Z"
    for folder in (good, fifo):
        folder.mkdir(parents=True)
    (good / "summary.json").write_text('{"kind": "compare"}')
    os.mkfifo(fifo / "summary.json")
    assert website.latest(base) == (good, "")


# Every field the pages use has its type.

def rows(value):
    return lambda d: d.update(rows=value)


def row(**fields):
    return lambda d: first(d).update(fields)


def run_of(**fields):
    return lambda d: first(d)["python"].update(fields)


def contract(**fields):
    return lambda d: first(d)["contracts"]["exactly_once"].update(fields)


def twice(d):
    d["rows"].append(first(d))


BAD = {
    "rows an object": (rows({}), "rows must be a list, not {}"),
    "rows missing": (lambda d: d.pop("rows"), "rows must be a list, "
                     "missing"),
    "a row a string": (rows(["spsc"]), 'rows[0] must be an object'),
    "params a string": (row(params="items=10"), "params must be an "
                        "object"),
    "a param a list": (row(params={"items": [1]}), "params.items must "
                       "be a number or a string"),
    "scenario a number": (row(scenario=7), "scenario must be a string"),
    "tolerance a string": (row(tolerance_s="50 ms"), "tolerance_s must "
                           "be a number"),
    "go a string": (row(go="go"), "go must be an object"),
    "contracts a list": (row(contracts=[]), "contracts must be an "
                         "object"),
    "trace a number": (run_of(trace=12), "python.trace must be a "
                       "string, not 12"),
    "trace null": (run_of(trace=None), "python.trace must be a string"),
    "impl a list": (run_of(impl=["asyncio"]), "python.impl must be a "
                    "string"),
    "status a number": (run_of(status=0), "python.status must be a "
                        "string"),
    "wall_s a string": (run_of(wall_s="0.5"), "python.wall_s must be a "
                        "number"),
    "problem a list": (run_of(problem=["x"]), "problem must be a "
                       "string"),
    "verdict unknown": (contract(verdict="maybe"), "exactly_once.verdict"
                        ' must be one of "pass", "fail", "n/a", '
                        '"unjudged", not "maybe"'),
    "verdict missing": (lambda d: first(d)["contracts"]["exactly_once"]
                        .pop("verdict"), "verdict must be one of"),
    "expected unknown": (contract(expected="sometimes"), "expected must "
                         "be one of null"),
    "why a number": (contract(why=3), "why must be a string or null"),
    "violations a string": (contract(violations="lost"), "violations "
                            "must be a list of strings"),
    "violations numbers": (contract(violations=[1, 2]), "violations "
                           "must be a list of strings"),
    "a result a string": (lambda d: first(d)["contracts"].update(
        exactly_once="pass"), "exactly_once must be an object"),
    "machine a string": (lambda d: d.update(machine="x86"), "machine "
                         "must be an object"),
    "skipped a string": (lambda d: d.update(skipped="none"), "skipped "
                         "must be a list of strings"),
    "a row twice": (twice, "a second row for spsc / asyncio"),
    "a contract named on two lines": (
        lambda d: first(d)["contracts"].update({"x\ny": 3}),
        "contracts.x\\ny must be an object"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_field_of_the_wrong_type_is_one_line(registry, run, tmp_path,
                                               case):
    change, words = BAD[case]
    edit(run, change)
    with pytest.raises(BadInput, match="summary.json") as err:
        website.build(registry, run, tmp_path / "site")
    assert words in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("case", ["trace a number", "verdict unknown",
                                  "params a string"])
def test_the_command_says_it_in_one_line(run, case):
    change, words = BAD[case]
    edit(run, change)
    refused(run, words)


@pytest.mark.parametrize("text", ["[" * 100_000, b"\xff\xfe{}"])
def test_a_summary_no_parser_can_take_is_one_line(run, text):
    path = run / "summary.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    refused(run, "summary.json is not")


def test_long_texts_from_the_summary_are_clipped(registry, run,
                                                 tmp_path):
    edit(run, run_of(problem="x" * 10**6, status="crashed"))
    edit(run, contract(verdict="fail", violations=["y" * 10**5] * 20))
    website.build(registry, run, tmp_path / "site")
    spsc = tmp_path / "site" / "spsc.html"
    assert spsc.stat().st_size < 500_000
    assert "more characters)" in spsc.read_text()


def test_a_run_that_would_make_a_huge_page_is_refused(registry, run,
                                                       tmp_path):
    def many(d):
        row = first(d)
        d["rows"] += [{**row, "variant": f"v{n}"} for n in range(900)]
    edit(run, many)
    with pytest.raises(BadInput, match="spsc.html would be over 4.0 MiB"):
        website.build(registry, run, tmp_path / "site")
    assert not (tmp_path / "site").exists()
