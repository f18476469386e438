"""honest: a trace that lies about who did what, or when, gets a
worded violation (exit 1); one that is not even well formed is bad
input (one line, exit 2)."""

import json
import subprocess

import pytest

from conftest import ROOT
from harness.check import contracts, honest, traces
from harness import registry as registry_file
from test_oracle import both, rules, run, spsc

REGISTRY = registry_file.load()
GOOD = spsc(range(4))


def lies(scenario, events, model="asyncio", **params):
    """honest's violations for a Python trace of these events,
    beside a Go trace that has none."""
    quiet = run(scenario, [], lang="go", model="channels", **params)
    return honest.honest(quiet, run(scenario, events, model=model,
                                    **params), rules(scenario))


@pytest.mark.parametrize("extra, words", [
    ((0.05, "producer-5", "put", 3, ""),
     "an actor named 'producer-5' (line 10), which spsc with these "
     "parameters does not have (it has producer-0, consumer-0)"),
    ((0.05, "consumer-9", "get", 3, ""),
     "an actor named 'consumer-9' (line 10), which spsc"),
    ((0.05, "bob", "get", 3, ""), "an actor named 'bob' (line 10)"),
    ((0.05, "consumer-0", "put", 3, ""),
     "consumer-0 sent (line 10), which spsc's consumer-0 never does"),
    ((0.05, "consumer-0", "timeout", None, ""),
     "consumer-0 timed out (line 10), which spsc's consumer-0 never "
     "does"),
    ((0.05, "producer-0", "put", 4, ""),
     "producer-0 sent item 4 (line 10), which spsc's producer-0 never "
     "does (it sends 0..3)"),
    ((0.05, "consumer-0", "get", 99, ""),
     "consumer-0 received item 99 at 0.050s (line 10), which no "
     "producer of spsc sends (they send 0..3)"),
    ((-0.5, "consumer-0", "get", 3, ""),
     "consumer-0 received item 3 at -0.500s (line 10), before the "
     "start: times count from 0"),
    ((0.01, "consumer-0", "get", 3, ""),
     "consumer-0 received item 3 at 0.010000s (line 10), after an "
     "event at 0.040000s (line 9): times go backwards"),
], ids=["producer-5", "consumer-9", "bob", "wrong-op", "wrong-mark",
        "impossible-put", "impossible-get", "negative", "backwards"])
def test_each_lie_is_named(extra, words):
    found = lies("spsc", GOOD + [extra], items=4)
    assert any(words in f for f in found), found
    assert all(f.endswith("(python/asyncio)") for f in found)


def test_a_get_after_the_end_is_named():
    """The end event is written when main returns: nothing happens
    after it, and its time bounds every other."""
    lines = [json.dumps(x) for x in (
        {"t": 0.0, "actor": "main", "op": "start", "scenario": "spsc",
         "lang": "python", "model": "asyncio", "items": 1,
         "producers": 1, "consumers": 1, "buffer": 0, "delay": 0,
         "work": 0},
        {"t": 0.01, "actor": "producer-0", "op": "put", "item": 0},
        {"t": 100.0, "actor": "consumer-0", "op": "get", "item": 0},
        {"t": 0.5, "actor": "main", "op": "end", "running": 0})]
    t = traces.parse(lines, "late")
    assert honest.honest(t, t, rules("spsc"))[0] == (
        "consumer-0 received item 0 at 100.000s (line 3), after the end "
        "event at 0.500s (python/asyncio)")


def test_the_processes_model_orders_each_actor_alone():
    """Its children write their own lines: a line may come before
    another actor's earlier one, but never before its own."""
    crossed = [GOOD[0], GOOD[2], GOOD[1], *GOOD[3:]]  # a get late
    assert lies("spsc", crossed, items=4)  # one process: a lie
    assert lies("spsc", crossed, model="processes", items=4) == []
    own = GOOD + [(0.001, "consumer-0", "get", 3, "")]
    assert "consumer-0 received item 3 at 0.001000s (line 10), after " \
        "consumer-0's event at 0.040000s (line 9): times go backwards " \
        "(python/processes)" in lies("spsc", own, model="processes",
                                     items=4)


def test_the_parameters_decide_the_actors():
    """select has two producers whatever --producers says; workers
    as many as --consumers; cancel's producers send for ever."""
    select = [(0.01, "producer-0", "put", 0, "a"),
              (0.01, "producer-1", "put", 10, "b"),
              (0.02, "consumer-0", "get", 0, "a"),
              (0.02, "consumer-0", "get", 10, "b")]
    assert lies("select", select, items=1, producers=1) == []
    pool = [(0.01, "producer-0", "put", 0, ""),
            (0.02, "worker-2", "get", 0, "")]
    assert lies("workers", pool, items=1, consumers=3) == []
    assert lies("workers", pool, items=1, consumers=2) == [
        "an actor named 'worker-2' (line 3), which workers with these "
        "parameters does not have (it has producer-0, "
        "worker-0..worker-1) (python/asyncio)"]
    cancel = [(0.01, "producer-1", "put", 1001, ""),
              (0.02, "consumer-0", "get", 1001, ""),
              (0.03, "consumer-0", "cancel", None, "")]
    assert lies("cancel", cancel, items=1, producers=2) == []
    assert lies("cancel", [(0.01, "producer-1", "put", 1000, "")],
                items=1, producers=2) == [
        "producer-1 sent item 1000 (line 2), which cancel's producer-1 "
        "never does (it sends 1..… in steps of 2) (python/asyncio)"]


def test_an_honest_pair_passes_and_a_lie_fails_the_check():
    a, b = both("spsc", GOOD, items=4)
    s = REGISTRY.scenarios["spsc"]
    v = {v.contract: v for v in contracts.check(REGISTRY, s, a, b)}
    assert v["honest"].status == "pass"
    a, b = both("spsc", GOOD + [(0.05, "bob", "get", 1, "")], items=4)
    v = {v.contract: v for v in contracts.check(REGISTRY, s, a, b)}
    assert v["honest"].status == "fail" and not v["honest"].ok


def check(a, b, scenario="spsc"):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "check-traces",
         f"SCENARIO={scenario}", f"A={a}", f"B={b}"],
        capture_output=True, text=True, timeout=120)


def spsc_text(events, end=0.05):
    head = {"t": 0.0, "actor": "main", "op": "start", "scenario": "spsc",
            "lang": "go", "model": "channels", "items": 4, "producers": 1,
            "consumers": 1, "buffer": 0, "delay": 0, "work": 0}
    body = [json.dumps({"t": t, "actor": a, "op": op, "item": i})
            for t, a, op, i, _ in events]
    return "\n".join([json.dumps(head), *body, json.dumps(
        {"t": end, "actor": "main", "op": "end", "running": 0})]) + "\n"


def test_a_lying_trace_fails_with_status_1(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(spsc_text(GOOD))
    bob = tmp_path / "bob.jsonl"
    bob.write_text(spsc_text(GOOD + [(0.045, "bob", "get", 1, "")]))
    done = check(good, bob)
    assert done.returncode != 0 and "harness:" not in done.stderr
    assert "an actor named 'bob' (line 10), which spsc with these " \
        "parameters does not have" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("FAIL: ")
    harness = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-m", "harness", "check-traces",
         "--scenario=spsc", "--", str(good), str(bob)],
        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert harness.returncode == 1


@pytest.mark.parametrize("t, reason", [
    ("NaN", 'event has no valid "t"'),
    ("Infinity", 'event has no valid "t"'),
    ("-Infinity", 'event has no valid "t"'),
    ("1e999", 'event has no valid "t"'),
    ("1" + "0" * 400, 'event has no valid "t"'),
])
def test_a_time_that_is_no_number_is_bad_input(tmp_path, t, reason):
    good = tmp_path / "good.jsonl"
    good.write_text(spsc_text(GOOD))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(spsc_text(GOOD).replace('"t": 0.01,', f'"t": {t},', 1))
    done = check(good, bad)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == f"harness: {bad}:2: {reason}"


def test_an_event_after_the_end_is_bad_input(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(spsc_text(GOOD))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(spsc_text(GOOD) + json.dumps(
        {"t": 100, "actor": "consumer-0", "op": "get", "item": 1}) + "\n")
    done = check(good, bad)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == \
        f"harness: {bad}:11: an event after the end event"
