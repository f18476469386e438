"""make check-traces: two recorded traces against a scenario's
contracts, for anyone who has traces and wants a verdict."""

import concurrent.futures
import multiprocessing
import os
import sys
import tempfile
import time

import numpy as np

from harness.check import contracts, traces
from harness.report import render

EVERY_S = 2.0  # a progress line this often, once reading takes longer


def to_stderr(text):
    print(text, file=sys.stderr, flush=True)


class Progress:
    """A line on stderr every EVERY_S seconds while long traces are
    read (silent for short ones): how far, of how much."""

    def __init__(self, say=None):
        self.say = say or to_stderr
        self.next = time.monotonic() + EVERY_S

    def __call__(self, path, done, size, lines):
        now = time.monotonic()
        if now >= self.next:
            self.next = now + EVERY_S
            self.say(f"  reading {path}: {done / 2**20:,.0f} of "
                     f"{size / 2**20:,.0f} MB, {lines:,} lines")


PARALLEL_BYTES = 16 << 20  # traces this large are read side by side


def read_both(path_a, path_b, progress=None):
    """Both traces; large ones read at once, b in a forked process
    (decoding JSON holds the interpreter's lock, and the machine has
    two cores), its columns handed back pickled. Errors come as
    reading one after the other would give them: a's first."""
    try:
        large = sum(os.path.getsize(p) for p in (path_a, path_b)) \
            >= PARALLEL_BYTES
    except OSError:
        large = False  # read() says what is wrong with it
    if not large:
        return traces.read(path_a, progress), traces.read(path_b, progress)
    context = multiprocessing.get_context("fork")
    fd, spill = tempfile.mkstemp(suffix=".columns", prefix="chankit-")
    os.close(fd)
    try:
        with concurrent.futures.ProcessPoolExecutor(1, context) as pool:
            other = pool.submit(read_into, path_b, progress, spill)
            try:
                a = traces.read(path_a, progress)
            except BaseException:
                other.cancel()
                raise
            return a, read_back(other.result(), spill)
    finally:
        os.unlink(spill)


COLUMNS = ("t", "who", "op", "ch", "item")


def read_into(path, progress, spill):
    """In the forked process: read a trace, leave its columns in the
    file `spill`, one after the other as raw arrays (read back once,
    straight into place: not pickled, not copied twice), and hand
    back the rest, with each column's type."""
    trace = traces.read(path, progress)
    with open(spill, "wb") as f:
        for k in COLUMNS:
            getattr(trace, k).tofile(f)
    line = trace.line
    return (trace.source, trace.start, trace.ended, trace.running,
            trace.end_t, trace.actors, trace.chs,
            (line.starts, line.firsts, line.count),
            [getattr(trace, k).dtype.str for k in COLUMNS], len(trace))


def read_back(head, spill):
    source, start, ended, running, end_t, actors, chs, line, kinds, \
        count = head
    with open(spill, "rb") as f:
        cols = [np.fromfile(f, kind, count) for kind in kinds]
    return traces.Trace(source, start, (), ended, running, end_t,
                        columns=(*cols, traces.Lines(*line), actors,
                                 chs))


def variant_of(registry, a, b):
    """The registry's variant for a pair of traces, from who ran them
    (go, go with GOMAXPROCS=1; the Python model), or None."""
    def impl(t):
        if t.start.get("lang") == "go":
            return "go-gomaxprocs1" if t.start.get("gomaxprocs") == 1 \
                else "go"
        return t.start.get("model")

    pair = (impl(a), impl(b))
    return next((v.id for v in registry.variants.values()
                 if (v.go, v.python) == pair), None)


def verdict_line(broken, verdicts):
    """The last line, in the table's own terms: an expected failure or
    difference is neither hidden by a bare PASS nor a FAIL."""
    known = [v for v in verdicts if v.status == "fail" and v.expected]
    fails = sum(v.expected == "fail" for v in known)
    differs = len(known) - fails
    unjudged = sum(v.status == "unjudged" for v in verdicts)
    if broken - unjudged > 0:
        return f"FAIL: {render.counted(broken - unjudged, 'problem', 'problems')}"
    if unjudged:
        return (f"NOT JUDGED: {render.counted(unjudged, 'contract', 'contracts')}"
                f" could not be judged on a machine this busy")
    extra = [render.counted(fails, "expected failure", "expected failures")
             ] if fails else []
    extra += [render.counted(differs, "expected difference",
                      "expected differences")] if differs else []
    if extra:
        return f"PASS, with {' and '.join(extra)}"
    return "PASS: the traces hold every contract and match"


def check_traces(registry, sid, path_a, path_b, say=print):
    """0: both hold every contract and match; 1: they do not (with
    the reasons); BadInput (status 2) for files that are not traces."""
    scenario = registry.scenario(sid)
    a, b = read_both(path_a, path_b, Progress())
    verdicts = contracts.check(registry, scenario, a, b,
                               variant_of(registry, a, b))
    problems = contracts.unfinished(a) + contracts.unfinished(b)
    say(f"{sid}: {path_a} ({a.label}) against {path_b} ({b.label})")
    for line in problems:
        say(f"  ✗ {line}")
    for v in verdicts:
        why = f": {v.why}" if v.expected and v.status == "fail" else ""
        say(f"  {render.cell(v)} {v.contract}{why}")
        if v.status == "fail" and not v.expected:
            for line in v.summary():
                say(f"      {line}")
    broken = len(problems) + sum(not v.ok for v in verdicts)
    say(verdict_line(broken, verdicts))
    return 1 if broken else 0
