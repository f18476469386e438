"""right_answer: each trace against what its scenario must deliver
for its parameters, worked out apart from both programs. Two traces
that are wrong the same way agree with each other, so only the
oracle can fail them."""

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT
from test_registry import load_edited
from harness.check import contracts, oracles, traces
from harness import registry as registry_file
from harness.errors import BadInput

REGISTRY = registry_file.load()


def rules(scenario):
    """The rules a contract of this scenario is judged by."""
    return contracts.tolerance(REGISTRY, 0.0,
                               REGISTRY.scenarios[scenario].oracle)
REFERENCE = sorted((ROOT / "results" / "reference" / "traces")
                   .glob("*.jsonl"))


def run(scenario, events, lang="python", model="asyncio", **params):
    """A trace of `scenario` from (t, actor, op, item, ch) tuples,
    the start event's params from the registry unless given."""
    p = {"producers": 1, "consumers": 1, "buffer": 0, "delay": 0,
         "work": 0, **REGISTRY.scenarios[scenario].params, **params}
    head = {"t": 0.0, "actor": "main", "op": "start",
            "scenario": scenario, "lang": lang, "model": model, **p}
    lines = [json.dumps(head)]
    for t, actor, op, item, ch in events:
        lines.append(json.dumps(
            {"t": t, "actor": actor, "op": op, "ch": ch}
            | ({} if item is None else {"item": item})))
    last = max([0.0, *(e[0] for e in events)])
    lines.append(json.dumps({"t": last, "actor": "main", "op": "end",
                             "running": 0}))
    return traces.parse(lines, f"{scenario}.{lang}")


def both(scenario, events, **params):
    """Go's trace and Python's, the same events in each."""
    return (run(scenario, events, lang="go", model="channels", **params),
            run(scenario, events, **params))


def verdicts(scenario, a, b, variant="asyncio"):
    s = REGISTRY.scenarios[scenario]
    return {v.contract: v for v in
            contracts.check(REGISTRY, s, a, b, variant)}


def pipeline(square, n=4):
    """A pipeline run of one squarer that computes square(x)."""
    events, t = [], 0.0
    for x in range(1, n + 1):
        t += 0.01
        events += [(t, "producer-0", "put", x, "numbers"),
                   (t, "square-0", "get", x, "numbers"),
                   (t, "square-0", "put", square(x), "squares"),
                   (t, "consumer-0", "get", square(x), "squares")]
    return events


def spsc(items, n=None):
    """producer-0 sends `items`, consumer-0 receives them."""
    events = []
    for i, x in enumerate(items):
        events += [(0.01 * (i + 1), "producer-0", "put", x, ""),
                   (0.01 * (i + 1), "consumer-0", "get", x, "")]
    return events


@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p.stem)
def test_the_reference_runs_have_the_right_answer(path):
    """Every trace of the reference run, against its oracle: pitfall
    alone falls short, as it is meant to."""
    t = traces.read(path)
    found = oracles.right_answer(t, t, rules(t.start["scenario"]))
    if t.start["scenario"] == "pitfall":
        assert found and "consumer-0 never received items 2, 3 and 4" \
            in found[0]
    else:
        assert found == []


def test_a_pipeline_that_doubles_in_both_languages_fails():
    a, b = both("pipeline", pipeline(lambda x: 2 * x),
                items=4, consumers=1)
    v = verdicts("pipeline", a, b)
    # They agree with each other and deliver what was sent ...
    assert v["exactly_once"].status == "pass"
    assert v["same_sequence"].status == "pass"
    # ... but it is not the answer.
    assert v["right_answer"].status == "fail"
    assert not v["right_answer"].ok
    assert v["right_answer"].violations[:3] == [
        "consumer-0 never received items 1 on squares, 9 on squares "
        "and 16 on squares (the right answer: the squares of 1..4, "
        "each once, 30 in all) (go)",
        "consumer-0 received items 2 on squares, 6 on squares and 8 on "
        "squares, which the right answer does not have (the squares of "
        "1..4, each once, 30 in all) (go)",
        "consumer-0's items add up to 20, not 30 (go)"]


def test_a_pipeline_that_sums_right_passes():
    a, b = both("pipeline", pipeline(lambda x: x * x), items=4)
    assert verdicts("pipeline", a, b)["right_answer"].status == "pass"


def test_producers_off_by_one_in_both_languages_fail():
    a, b = both("spsc", spsc(range(1, 5)), items=4)
    v = verdicts("spsc", a, b)
    assert v["exactly_once"].status == "pass"
    assert v["right_answer"].violations[0] == (
        "producer-0's item #1 was 1, but the right one is 0 (it sends "
        "0..3 in order) (go)")


def test_a_producer_that_stops_short_in_both_fails():
    a, b = both("spsc", spsc(range(3)), items=4)
    found = verdicts("spsc", a, b)["right_answer"].violations
    assert "producer-0 sent 3 of its 4 items (0..3 in order) (go)" in found
    assert "consumer-0 never received item 3 (the right answer: 0..3, " \
        "each once) (python/asyncio)" in found


def test_mpsc_wants_each_producer_from_its_own_base():
    events = [(0.1, "producer-0", "put", 0, ""),
              (0.1, "producer-1", "put", 1, ""),
              (0.1, "consumer-0", "get", 0, ""),
              (0.1, "consumer-0", "get", 1, "")]
    a, b = both("mpsc", events, items=1, producers=2)
    assert verdicts("mpsc", a, b)["right_answer"].violations[0] == (
        "producer-1's item #1 was 1, but the right one is 10 (it sends "
        "10 in order) (go)")


def test_errors_must_report_the_middle_item():
    events = [(0.01 * (i + 1), who, op, i, "") for i in range(3)
              for who, op in (("producer-0", "put"), ("worker-0", "get"))]
    events.append((0.05, "main", "error", 1, ""))  # the middle is 2
    a, b = both("errors", events, items=4, consumers=1)
    found = verdicts("errors", a, b)["right_answer"].violations
    assert "main reported 1, but the right answer is item 2, the middle " \
        "one, and it alone (go)" in found


def test_a_cancel_that_took_too_few_in_both_fails():
    events = [(0.01, "producer-0", "put", 0, ""),
              (0.01, "consumer-0", "get", 0, ""),
              (0.02, "consumer-0", "cancel", None, "")]
    a, b = both("cancel", events, items=2, producers=2)
    found = verdicts("cancel", a, b)["right_answer"].violations
    assert found == ["consumer-0 received 1 items, not the 2 the run "
                     "asks for (go)",
                     "consumer-0 received 1 items, not the 2 the run "
                     "asks for (python/asyncio)"]


def test_pitfall_falls_short_as_the_registry_expects():
    """Its loss is the exactly_once loss, and quoted the same way."""
    events = [e for e in spsc(range(5))
              if e[2] == "put" or e[3] < 2]  # 2, 3 and 4 are lost
    a, b = both("pitfall", events)
    v = verdicts("pitfall", a, b)
    assert v["right_answer"].status == "fail" and v["right_answer"].ok
    assert v["right_answer"].expected == "fail"
    assert v["right_answer"].why == v["exactly_once"].why
    assert v["right_answer"].why.startswith("main returns when the "
                                            "producer is done")


def test_the_oracles_say_what_is_right():
    assert oracles.squares({"items": 3, "consumers": 2}).adds_up == 14
    assert oracles.failing({"items": 8, "consumers": 2}).error == 4
    select = oracles.choosing({"items": 3, "producers": 1})
    assert select.sends == {"producer-0": ("a", range(0, 3)),
                            "producer-1": ("b", range(10, 13))}
    cancel = oracles.cancelling({"items": 5, "producers": 3})
    assert cancel.sends["producer-1"][1][:3] == range(1, 10, 3)


@pytest.mark.parametrize("edit, message", [
    (('oracle = "squares"', 'oracle = "cubes"'),
     "scenario pipeline names unknown oracle cubes (known: counting"),
    (('oracle = "squares"\n', ''),
     "scenario pipeline lacks an oracle"),
    (('every_scenario = ["honest", "right_answer"]',
      'every_scenario = ["honest", "right_anwser"]'),
     "scenario spsc names unknown contract right_anwser"),
])
def test_oracle_mistakes_are_named(tmp_path, edit, message):
    with pytest.raises(BadInput, match=re.escape(message)):
        load_edited(tmp_path, edit)


def test_every_scenario_promises_both():
    for s in REGISTRY.scenarios.values():
        assert s.contracts[:2] == ("honest", "right_answer"), s.id


def write(path, trace_lines):
    path.write_text("\n".join(trace_lines) + "\n")
    return path


def test_check_traces_fails_two_equally_wrong_traces(tmp_path):
    import subprocess
    a, b = both("pipeline", pipeline(lambda x: 2 * x), items=4)
    files = []
    for t, name in ((a, "go.jsonl"), (b, "py.jsonl")):
        src = Path(tmp_path / name)
        files.append(write(src, dump(t)))
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "check-traces",
         "SCENARIO=pipeline", f"A={files[0]}", f"B={files[1]}"],
        capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "consumer-0's items add up to 20, not 30 (go)" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("FAIL: ")


def dump(t):
    """A parsed trace written out again."""
    out = [json.dumps(t.start)]
    for e in t.events:
        out.append(json.dumps({"t": e.t, "actor": e.actor, "op": e.op,
                               "ch": e.ch}
                              | ({} if e.item is None else
                                 {"item": e.item})))
    out.append(json.dumps({"t": t.end_t, "actor": "main", "op": "end",
                           "running": t.running}))
    return out


# --- the sieve -----------------------------------------------------------

def sieve(numbers):
    """A sieve run whose main took these numbers off its chain."""
    return [(0.001 * k, "consumer-0", "get", n, "")
            for k, n in enumerate(numbers)]


def test_the_sieve_s_answer_is_the_first_primes():
    ans = oracles.primes({"items": 1000})
    assert len(ans.must[0][1]) == 1000
    assert ans.must[0][1][-1] == 7919  # the thousandth prime
    assert oracles.primes({"items": 0}).must[0][1].items.size == 0


def test_a_sieve_that_lets_a_composite_through_is_caught():
    # A planted bug, in both languages alike: the sift of 2 is
    # missing, so 4 comes out of the chain as if it were prime.
    a, b = both("sieve", sieve([2, 3, 4, 5, 7]), items=5)
    v = verdicts("sieve", a, b)
    assert v["same_sequence"].ok  # they agree with each other...
    assert not v["right_answer"].ok  # ...and the oracle fails both
    said = " ".join(v["right_answer"].violations)
    assert "received item 4, which the right answer does not have" \
        in said
    assert "never received item 11" in said
    good = both("sieve", sieve([2, 3, 5, 7, 11]), items=5)
    assert verdicts("sieve", *good)["right_answer"].ok


def test_the_sieve_s_oracle_refuses_a_claim_it_cannot_work_out():
    with pytest.raises(BadInput, match="at most 1,000,000 primes"):
        oracles.primes({"items": 10**9})


def chain_handoffs(n):
    """The sieve's hand-offs counted the slow way, by walking each
    number down a list of sifts as the scenario's chain does."""
    count, sifts, x = 0, [], 2
    while len(sifts) < n:
        for p in sifts:
            count += 1  # this sift receives x
            if x % p == 0:
                break
        else:
            count += 1  # main receives x, and adds its sift
            sifts.append(x)
        x += 1
    return count


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 10, 25, 100, 500])
def test_the_sieve_s_hand_offs_are_those_of_its_chain(n):
    # The bench report divides a sieve run by these.
    assert oracles.Primes(n).handoffs() == chain_handoffs(n)
    assert oracles.HANDOFFS["primes"]({"items": n}) == \
        chain_handoffs(n)
