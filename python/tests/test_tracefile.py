"""Trace files as they are kept: a large one compressed (zstd) reads
as its text does, for check-traces and pages alike; what is not a
regular file, or does not decompress, or unpacks past the limit, is
one line and status 2."""

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
import zstandard

from conftest import ROOT
from harness.run import compare
from harness.check import contracts, tracefile, traces
from harness.pages import runfolder
from harness.errors import BadInput
from tracegen import lines, mpsc_run, start

EVENTS = mpsc_run([0, 1, 1, 0, 1, 0])


def text():
    return "\n".join(lines(start(lang="go"), EVENTS)) + "\n"


def check_traces(a, b):
    return subprocess.run(
        [sys.executable, "-m", "harness", "check-traces", "--scenario",
         "mpsc", "--", str(a), str(b)],
        capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_a_packed_trace_reads_as_its_text(tmp_path):
    plain = tmp_path / "go.jsonl"
    plain.write_text(text())
    kept = tmp_path / "kept.jsonl"
    kept.write_text(text())
    packed = tracefile.pack(kept)
    assert packed.name == "kept.jsonl.zst" and not kept.exists()
    assert zstandard.ZstdDecompressor().decompressobj().decompress(
        packed.read_bytes()) == plain.read_bytes()
    one, two = traces.read(plain), traces.read(packed)
    assert two.events == one.events and two.start == one.start
    assert [e.line for e in two.events] == [e.line for e in one.events]
    done = check_traces(plain, packed)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("make, said", [
    (os.mkfifo, "it is a FIFO, not a regular file"),
    (os.mkdir, "it is a directory, not a regular file"),
])
def test_what_is_not_a_file_is_refused_at_once(tmp_path, make, said):
    good = tmp_path / "good.jsonl"
    good.write_text(text())
    odd = tmp_path / "odd.jsonl"
    make(odd)
    done = check_traces(good, odd)  # a FIFO with no writer: no wait
    assert (done.returncode, done.stderr) == (
        2, f"harness: cannot read trace {odd}: {said}\n")


def test_a_device_is_refused_at_once(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(text())
    done = check_traces(good, "/dev/zero")
    assert (done.returncode, done.stderr) == (
        2, "harness: cannot read trace /dev/zero: it is a character "
           "device, not a regular file\n")


def test_a_broken_packed_trace_is_one_line(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(text())
    broken = tmp_path / "broken.jsonl.zst"
    packed = zstandard.ZstdCompressor().compress(text().encode())
    broken.write_bytes(packed[:8] + b"\0" * 40 + packed[48:])
    done = check_traces(good, broken)
    assert done.returncode == 2
    assert done.stderr.startswith("harness: a compressed trace that "
                                  "does not decompress:")
    assert len(done.stderr.splitlines()) == 1


def test_pages_stop_unpacking_past_the_limit(tmp_path):
    """A small compressed file may stand for terabytes of text: the
    pages count its lines only up to their limit."""
    bomb = tmp_path / "bomb.jsonl.zst"
    bomb.write_bytes(zstandard.ZstdCompressor().compress(
        text().encode() + b"\n" * 300_000))
    with open(bomb, "rb") as f, pytest.raises(BadInput, match="holds "
                                               "more than"):
        runfolder.head(tracefile.unpacked(f), 10, 4096, most=100_000)


def test_compare_packs_large_traces_and_names_them(tmp_path,
                                                   monkeypatch):
    """Traces over PACK_BYTES are compressed once every row is judged;
    the rows and their tries name the packed files."""
    monkeypatch.setattr(tracefile, "PACK_BYTES", 100)
    (tmp_path / "traces").mkdir()
    big = tmp_path / "traces" / "mpsc.go.jsonl"
    big.write_text(text())
    small = tmp_path / "traces" / "mpsc.asyncio.jsonl"
    small.write_text("x" * 10)
    tried = {"go_trace": "traces/mpsc.go.jsonl",
             "python_trace": "traces/mpsc.asyncio.jsonl"}
    verdict = contracts.Verdict("timeline", "pass", [], False, "")
    verdict.attempts = [tried]
    table = [{"go": {"trace": "traces/mpsc.go.jsonl"},
              "python": {"trace": "traces/mpsc.asyncio.jsonl"},
              "verdicts": [verdict]}]
    compare.pack(SimpleNamespace(partial=tmp_path), table)
    assert sorted(os.listdir(tmp_path / "traces")) == [
        "mpsc.asyncio.jsonl", "mpsc.go.jsonl.zst"]
    assert table[0]["go"]["trace"] == "traces/mpsc.go.jsonl.zst"
    assert table[0]["python"]["trace"] == "traces/mpsc.asyncio.jsonl"
    assert tried == {"go_trace": "traces/mpsc.go.jsonl.zst",
                     "python_trace": "traces/mpsc.asyncio.jsonl"}
    assert json.dumps(table[0]["go"])  # still plain data


def test_summary_keeps_a_hundred_violations_and_counts_the_rest():
    from harness.report import render
    lost = [f"item {k} was sent but never received" for k in range(5000)]
    kept = render.kept(lost)
    assert kept[:100] == lost[:100]
    assert kept[100:] == ["… and 4,900 more"]
    assert render.kept(lost[:100]) == lost[:100]
