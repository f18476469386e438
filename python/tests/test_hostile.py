"""Bad values from outside the harness's control: a full disk, a
scenario list with empty names, a message with a newline in it. Each
is one line on stderr and status 2, and leaves no half a run."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT
from harness.report import results
from harness.errors import BadInput


def harness(*args):
    return subprocess.run([sys.executable, "-m", "harness", *args],
                          capture_output=True, text=True, timeout=300,
                          cwd=ROOT)


@pytest.fixture
def full_disk(tmp_path):
    """A 100 kB tmpfs: a trace of a few thousand items does not fit."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=100k",
                              "tmpfs", str(disk)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs for a full disk "
                    f"(needs root): {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_while_saving_is_one_line(full_disk):
    done = harness("compare", "--results", str(full_disk), "--scenario",
                   "spsc", "--variant", "asyncio", "--items", "3000",
                   "--delay", "0")
    assert (done.returncode, done.stderr) == (
        2, f"harness: cannot save the run under {full_disk}: No space "
           f"left on device; nothing was kept\n")
    assert os.listdir(full_disk) == []


def test_a_full_disk_inside_a_run_folder_removes_it(full_disk):
    """What demo and bench write (a plot, a JSON file) goes the same
    way as compare's traces: through the folder, or into it."""
    with pytest.raises(BadInput, match="No space left on device"):
        with results.RunFolder(full_disk) as out:
            (out.partial / "plot.png").write_bytes(b"x" * 200_000)
    assert os.listdir(full_disk) == []


def test_a_killed_harness_s_partial_folder_is_cleared(tmp_path):
    """SIGKILL leaves a .partial folder behind; the next run removes
    it, and leaves a live harness's alone."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".partial-2026-01-01T000000Z-{dead.pid}"
    live = tmp_path / f".partial-2026-01-01T000000Z-{os.getppid()}"
    for folder in (stale, live):
        folder.mkdir()
        (folder / "go.jsonl").write_text("{}\n")
    with results.RunFolder(tmp_path) as out:
        out.write("summary.json", "{}\n")
    assert not stale.exists() and live.exists()


@pytest.mark.parametrize("flag, value", [
    ("--scenario", ","), ("--scenario", "spsc,,mpsc"),
    ("--scenario", " , "), ("--variant", ","),
])
def test_an_empty_name_in_a_list_is_not_everything(tmp_path, flag, value):
    done = harness("compare", "--results", str(tmp_path), flag, value)
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", f'harness: {flag}: "{value}" has an empty name\n')
    assert list(tmp_path.iterdir()) == []


def test_a_newline_in_a_name_stays_on_one_line(tmp_path):
    done = harness("compare", "--results", str(tmp_path), "--scenario",
                   "nope\nrm -rf /")
    assert done.returncode == 2
    assert done.stderr.startswith(
        'harness: unknown scenario "nope\\nrm -rf /" (known: ')
    assert done.stderr.count("\n") == 1
