"""The timeline rule on synthetic traces and runs, never on the
clock: it forgives a start-up offset and a difference that does not
come back, stays sharp for the differences the kit exists to show,
and says "could not be judged" rather than guess on a busy machine."""

import asyncio
import datetime
import subprocess
import sys
import types

import pytest

from conftest import ROOT
from harness.run import compare, runner
from harness.check import contracts
from harness.pages import pagehtml, pagerun
from harness.report import render
from harness.registry import load
from tracegen import lines, start, trace

REGISTRY = load()
SPSC = REGISTRY.scenarios["spsc"]
ONE = {"scenario": "spsc", "producers": 1, "items": 6, "delay": 0.1}


def spsc(delay=0.1, items=6, shift=0.0, late=None, every=None):
    """One producer, one consumer, an item every `delay` seconds.
    shift moves the consumer's whole timeline; late = (item, s)
    moves one receive; every: a gap between sends other than delay."""
    gap = every or delay
    events = []
    for i in range(items):
        t = round(i * gap, 6)
        events.append((t, "producer-0", "put", i))
        extra = late[1] if late and late[0] == i else 0.0
        events.append((round(t + shift + extra, 6), "consumer-0", "get",
                       i))
    return in_order(events)


def in_order(events):
    """As a tracer writes them: in time order."""
    return sorted(events, key=lambda e: e[0])


def differ(a_events, b_events, **params):
    a = trace(start(lang="go", **ONE | params), a_events)
    b = trace(start(**ONE | params), b_events)
    tol = contracts.tolerance(REGISTRY, contracts.paced(a.params))
    return contracts.differences(a, b, tol)


def test_a_start_up_offset_is_allowed_for():
    """A forked consumer that starts 80 ms late, then keeps pace."""
    assert differ(spsc(), spsc(shift=0.08)) == []


def test_an_offset_beyond_start_up_is_a_difference():
    found = differ(spsc(), spsc(shift=0.3))
    assert found[0][0] == (
        "consumer-0 received item 0 at 0.000s in go but at 0.300s in "
        "python/asyncio (300 ms apart; more than a start-up of 250 ms)")


def test_one_event_moved_late_is_caught_after_alignment():
    [(text, excess)] = differ(spsc(), spsc(late=(3, 0.3)))
    assert text == (
        "consumer-0 received item 3 at 0.300s in go but at 0.600s in "
        "python/asyncio (300 ms apart; tolerance 50 ms)")
    assert excess == pytest.approx(0.25)


def test_a_late_event_is_named_with_the_offset_allowed():
    [(text, _)] = differ(spsc(), spsc(shift=0.04, late=(3, 0.3)))
    assert text.endswith("(300 ms apart, once consumer-0 is lined up "
                         "on its earlier events; tolerance 50 ms)")


def test_jitter_does_not_add_up():
    """Each receive 8 ms later than the last, as a slow sleep under
    load does: 40 ms by the sixth, each step well within tolerance,
    and a drift well within a quarter of the run."""
    creeping = in_order([(t + (0.008 * i if a == "consumer-0" else 0),
                          a, op, i) for t, a, op, i in spsc()])
    assert differ(spsc(), creeping) == []


def test_a_pause_that_moves_the_rest_is_named_once():
    """A hiccup of 120 ms before item 3 that delays everything after
    it: one event out of step, then in step again."""
    paused = in_order([(t + (0.12 if a == "consumer-0" and i >= 3
                         else 0), a, op, i) for t, a, op, i in spsc()])
    found = differ(spsc(), paused)
    assert [t.split(" (")[0] for t, _ in found] == [
        "consumer-0 received item 3 at 0.300s in go but at 0.420s in "
        "python/asyncio"]


def test_pacing_twice_as_slow_is_caught():
    """50 ms between sends against 100 ms: each step is within the
    50 ms tolerance, the drift over the run is not."""
    found = differ(spsc(delay=0.05, items=10),
                   spsc(delay=0.05, items=10, every=0.1), delay=0.05,
                   items=10)
    drifts = [t for t, _ in found if "drifted" in t]
    assert drifts == [
        "producer-0 drifted 450 ms behind in python/asyncio over its "
        "0.450s in go: paced differently (allowed 162 ms)",
        "consumer-0 drifted 450 ms behind in python/asyncio over its "
        "0.450s in go: paced differently (allowed 162 ms)"]


def test_a_producer_one_item_ahead_is_caught():
    """asyncio.Queue(1) against Go's unbuffered channel: the consumer
    works 0.1 s per item; Go's send waits for it, asyncio's does
    not, so every send from item 1 on is 100 ms earlier: named once,
    where the producer's timeline moves."""
    go = [(0.0, "producer-0", "put", 0), (0.0, "consumer-0", "get", 0)]
    py = list(go)
    for i in range(1, 6):
        go += [(i * 0.1, "producer-0", "put", i),
               (i * 0.1, "consumer-0", "get", i)]
        py += [(round((i - 1) * 0.1 + 0.001, 6), "producer-0", "put", i),
               (i * 0.1, "consumer-0", "get", i)]
    found = differ(in_order(go), in_order(py), delay=0.0, work=0.1)
    assert [t for t, _ in found] == [
        "producer-0 sent item 1 at 0.100s in go but at 0.001s in "
        "python/asyncio (99 ms apart; tolerance 50 ms)"]


def test_within_noise_needs_twice_the_noise_to_cover_the_excess():
    found = [("a", 0.03), ("b", 0.01)]
    assert contracts.within_noise(found, 0.015)
    assert not contracts.within_noise(found, 0.014)
    assert not contracts.within_noise([], 1.0)


# settle(): a doubtful pair is run again; here the runs are made up.

def run(events, lateness=0.0, lang="go"):
    """A Run as runner.run returns it, from synthetic events."""
    text = lines(start(lang=lang, **ONE), events)
    r = runner.Run(["fake"], "ok", 0, 0.1, 10.0,
                   [line + "\n" for line in text], "",
                   lateness_s=lateness)
    return runner.classify(r, hung=False)


def settle(monkeypatch, tries, calibration=None):
    """Judge spsc/asyncio whose first try is tries[0] and whose
    reruns are the rest, each a (go events, python events, lateness
    of the python run)."""
    queue = [run(events, lateness, lang)
             for go, py, lateness in tries[1:]
             for events, lateness, lang in ((go, 0.0, "go"),
                                            (py, lateness, "python"))]

    async def fake(*args):
        return queue.pop(0)

    monkeypatch.setattr(compare, "run_one", fake)
    go, py, lateness = tries[0]
    first = (run(go), run(py, lateness, "python"))
    said = []
    row = asyncio.run(compare.settle(
        REGISTRY, SPSC, "asyncio", first, dict(ONE, items=6, buffer=0,
                                               consumers=1, work=0.0),
        "python", calibration or {}, said.append))
    return row, said


GOOD, LATE = spsc(), spsc(late=(3, 0.08))


def test_a_difference_that_does_not_come_back_was_noise(monkeypatch):
    row, said = settle(monkeypatch, [(GOOD, LATE, 0.0),
                                     (GOOD, GOOD, 0.0)])
    v = compare.timeline_of(row)
    assert (v.status, row["ok"]) == ("pass", True)
    assert [a["timeline"] for a in v.attempts] == ["fail", "pass"]
    assert row["python"]["trace"] == \
        "traces/spsc.asyncio.asyncio.try2.jsonl"
    assert len(said) == 1 and "(2 of 3)" in said[0]


def test_a_difference_that_always_comes_back_is_a_fail(monkeypatch):
    row, _ = settle(monkeypatch, [(GOOD, LATE, 0.0)] * 3)
    v = compare.timeline_of(row)
    assert (v.status, row["ok"]) == ("fail", False)
    assert len(v.attempts) == 3
    assert render.outcome([row]) == (
        "FAIL: 1 of 1 row broke a contract", 1)
    [note] = render.notes([row])
    assert note[0] == "spsc / asyncio: timeline violated in each of 3 " \
        "tries"


def test_a_difference_inside_the_noise_is_not_judged(monkeypatch):
    """30 ms beyond the tolerance, with the harness's probe 40 ms
    late during the Python run: the machine could have done it."""
    row, _ = settle(monkeypatch, [(GOOD, LATE, 0.04)] * 3)
    v = compare.timeline_of(row)
    assert (v.status, row["ok"]) == ("unjudged", False)
    assert v.violations[0].startswith(
        "could not be judged: in 3 tries the pair always differed, by "
        "at most 30 ms beyond the tolerance, within twice the noise "
        "measured (40 ms)")
    assert render.cell(v) == "?"
    line, status = render.outcome([row])
    assert status == 3 and line.startswith("NOT JUDGED: 1 of 1 row ")


def test_calibration_counts_as_noise(monkeypatch):
    calm = {"go": {"median_ms": 1.0, "max_ms": 36.0}}
    row, _ = settle(monkeypatch, [(GOOD, LATE, 0.0)] * 3, calm)
    assert compare.timeline_of(row).status == "unjudged"


def test_an_expected_difference_is_not_run_again(monkeypatch):
    rendezvous = REGISTRY.scenarios["rendezvous"]
    assert rendezvous.expects("timeline", "asyncio")[0] == "differ"
    monkeypatch.setattr(compare, "run_one", None)  # must not be called
    assert not compare.doubtful({"go": {"status": "ok"},
                                 "python": {"status": "ok"},
                                 "verdicts": [contracts.Verdict(
                                     "timeline", "fail", ["x"],
                                     "differ", "why")]})


# The same rule from the command line, on recorded traces: the
# checker has no machine to measure, so a difference is a ✗.

def test_check_traces_catches_one_event_moved_late(tmp_path):
    paths = []
    for name, lang, events in (("go", "go", GOOD),
                               ("py", "python", spsc(late=(3, 0.3)))):
        paths.append(tmp_path / f"{name}.jsonl")
        paths[-1].write_text("\n".join(lines(
            start(lang=lang, **ONE | {"items": 6}),
            in_order(events))) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "harness", "check-traces", "--scenario",
         "spsc", *map(str, paths)], capture_output=True, text=True,
        cwd=ROOT, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "consumer-0 received item 3 at 0.300s in go but at 0.600s " \
        "in python/asyncio (300 ms apart; tolerance 50 ms)" in done.stdout


def test_unjudged_is_saved_and_shown_apart_from_broken(monkeypatch):
    """summary.json keeps every try; the site's cells and index say ?
    for a row the machine was too busy to judge, ✗ only for one that
    broke."""
    row, _ = settle(monkeypatch, [(GOOD, LATE, 0.04)] * 3)
    out = types.SimpleNamespace(started=datetime.datetime.now())
    [saved] = render.summary("compare", out, [], [row])["rows"]
    timeline = saved["contracts"]["timeline"]
    assert timeline["verdict"] == "unjudged"
    assert [a["try"] for a in timeline["attempts"]] == [1, 2, 3]
    assert pagerun.cell(timeline)[:2] == ("unjudged", "?")
    assert pagehtml.overall(SPSC, [saved]) == \
        ("unjudged", "? could not be judged")
    broken = dict(saved, contracts={"timeline": {"verdict": "fail",
                                                 "expected": None}})
    assert pagehtml.overall(SPSC, [saved, broken])[0] == "fail"


def test_a_run_of_no_items_is_judged_not_missing():
    """--items 0 leaves a trace of a start and an end: the contracts
    judge it (they hold); it is not 'no trace to check'."""
    def nothing(lang):
        text = lines(start(lang=lang, **ONE | {"items": 0}), [])
        r = runner.Run(["fake"], "ok", 0, 0.1, 10.0,
                       [line + "\n" for line in text], "")
        return runner.classify(r, hung=False)
    go, py = nothing("go"), nothing("python")
    assert go.trace is not None and len(go.trace) == 0
    verdicts = compare.verdicts_for(REGISTRY, SPSC, go, py, "asyncio")
    assert all(v.ok and v.violations != contracts.NO_TRACE
               for v in verdicts), verdicts
