"""The checker is sharp: it rejects each kind of broken trace, names
what broke in plain words, and accepts every legal interleaving."""

import dataclasses

from hypothesis import given, strategies as st

from harness.check import contracts
from harness import registry as registry_file
from harness.registry import Scenario
from tracegen import mpsc_run, start, trace

REGISTRY = registry_file.load()  # @given tests cannot take fixtures
# Every contract an mpsc run can promise; the ones of the scenarios
# that end early or fail on purpose have tests of their own below,
# and honest and right_answer theirs in test_honest.py and
# test_oracle.py (the traces here are built loosely, for the rest).
OWN = ("at_most_once", "all_closed", "first_error", "honest",
       "right_answer")
ALL = Scenario("mpsc", "test", {},
               tuple(c for c in contracts.CONTRACTS if c not in OWN),
               (), {}, {}, "", False)


def failing(registry, a_events, b_events, scenario=ALL, **params):
    a = trace(start(lang="go", **params), a_events)
    b = trace(start(**params), b_events)
    verdicts = contracts.check(registry, scenario, a, b)
    return {v.contract: v.violations for v in verdicts
            if v.status == "fail"}


GOOD = mpsc_run([0, 1, 0, 1, 0, 1])


def test_a_good_pair_passes(registry):
    assert failing(registry, GOOD, GOOD) == {}


def test_lost_last_item(registry):
    found = failing(registry, GOOD, GOOD[:-1])
    assert set(found) == {"exactly_once"}
    assert found["exactly_once"] == [
        "item 12 from producer-1 was sent but never received "
        "(python/asyncio)"]


def test_duplicate(registry):
    found = failing(registry, GOOD, GOOD + [(0.7, "consumer-0", "get", 1)])
    assert set(found) == {"exactly_once"}
    assert found["exactly_once"] == [
        "item 1 from producer-0 was received 2 times (consumer-0 at "
        "0.200s, consumer-0 at 0.700s) (python/asyncio)"]


def test_out_of_order_within_one_producer(registry):
    swapped = list(GOOD)
    # consumer takes producer-0's item 1 before its item 0
    swapped[1], swapped[5] = (0.1001, "consumer-0", "get", 1), \
        (0.2001, "consumer-0", "get", 0)
    found = failing(registry, GOOD, swapped, delay=0)  # no timeline
    assert set(found) == {"fifo_per_producer"}
    assert found["fifo_per_producer"] == [
        "consumer-0 received item 0 from producer-0 after item 1, but "
        "producer-0 sent 0 first (python/asyncio)"]


def test_phantom_item(registry):
    found = failing(registry, GOOD, GOOD + [(0.5, "consumer-0", "get", 99)])
    assert set(found) == {"exactly_once"}
    assert found["exactly_once"] == [
        "item 99 was received by consumer-0 at 0.500s but never sent "
        "(python/asyncio)"]


def test_producer_that_sent_too_little(registry):
    short = [e for e in GOOD if e[3] != 12]
    found = failing(registry, short, short)
    assert set(found) == {"exactly_once"}
    assert "producer-1 sent 2 items, expected 3 (go)" in \
        found["exactly_once"]


def test_event_late_beyond_tolerance(registry):
    tol = contracts.tolerance(registry, 0.1).s
    late = [(t + tol + 0.002 if (a, i) == ("consumer-0", 11) else t,
             a, op, i) for t, a, op, i in GOOD]
    found = failing(registry, GOOD, late)
    assert set(found) == {"timeline"}
    ms = round(tol * 1000)
    assert found["timeline"] == [
        f"consumer-0 received item 11 at 0.200s in go but at "
        f"{0.2001 + tol + 0.002:.3f}s in python/asyncio ({ms + 2} ms "
        f"apart; tolerance {ms} ms)"]


def test_late_within_tolerance_passes(registry):
    tol = contracts.tolerance(registry, 0.1).s
    late = [(t + tol - 0.002, a, op, i) for t, a, op, i in GOOD]
    assert failing(registry, GOOD, late) == {}


def test_producers_sending_the_wrong_items_fail(registry):
    """Both producers start at 0: every item is sent, once, and
    received, once, but they are not the items the scenario sends."""
    same_base = [(t, a, op, i % 10) for t, a, op, i in GOOD]
    found = failing(registry, GOOD, same_base, delay=0)
    assert "exactly_once" in found
    assert "producer-1 sent item 10 once more in go than in " \
        "python/asyncio" in found["exactly_once"]


def test_an_expected_failure_that_holds_is_flagged(registry):
    known = dataclasses.replace(
        ALL, expected_failures={"exactly_once": "old reason"})
    verdicts = {v.contract: v for v in contracts.check(
        registry, known, trace(start(), GOOD), trace(start(), GOOD))}
    assert verdicts["exactly_once"].ok and verdicts["exactly_once"].stale


SPSC = [(0.1 * (i + 1), "producer-0", "put", i) for i in range(4)] + \
    [(0.1 * (i + 1) + 0.001, "consumer-0", "get", i) for i in range(4)]


def test_same_sequence_compares_one_producers_runs(registry):
    other = [e if e[2] == "put" else (e[0], e[1], e[2], [0, 2, 1, 3][e[3]])
             for e in SPSC]
    found = failing(registry, SPSC, other, producers=1, delay=0)
    assert found["same_sequence"] == [
        "consumer-0's item #2 was 1 in go but 2 in python/asyncio"]
    shorter = failing(registry, SPSC, SPSC[:-1], producers=1, delay=0)
    assert shorter["same_sequence"] == [
        "consumer-0 received 4 items in go but 3 in python/asyncio"]


def test_same_sequence_does_not_apply_to_several_producers(registry):
    a, b = trace(start(), GOOD), trace(start(), mpsc_run([1, 0] * 3))
    verdicts = contracts.check(registry, ALL, a, b)
    assert {v.contract: v.status for v in verdicts}["same_sequence"] == \
        "n/a"


def test_timeline_does_not_apply_without_pacing(registry):
    a = trace(start(delay=0), GOOD)
    late = trace(start(delay=0), [(t + 5, *rest) for t, *rest in GOOD])
    verdicts = contracts.check(registry, ALL, a, late)
    assert {v.contract: v.status for v in verdicts}["timeline"] == "n/a"


def test_expected_failure_is_ok_but_still_reported(registry):
    known = dataclasses.replace(
        ALL, expected_failures={"exactly_once": "the post's main"})
    a, b = trace(start(), GOOD), trace(start(), GOOD[:-1])
    verdicts = {v.contract: v for v in
                contracts.check(registry, known, a, b)}
    assert verdicts["exactly_once"].status == "fail"
    assert verdicts["exactly_once"].ok
    cut = trace(start(), GOOD[:-2])  # also loses producer-0's last
    assert not {v.contract: v for v in contracts.check(
        registry, known, a, cut)}["exactly_once"].stale


def test_unfinished_trace_is_named(registry):
    cut = trace(start(), GOOD, ended=False, source="cut.jsonl")
    assert contracts.unfinished(cut) == [
        "the trace of python/asyncio (cut.jsonl) stops without an end "
        "event: the program did not finish"]


two_producers = st.permutations([0, 0, 0, 1, 1, 1])


@given(two_producers, two_producers, st.randoms())
def test_every_legal_interleaving_passes(order_a, order_b, rnd):
    """Any merge of two producers' streams, with the trace lines in
    any order that keeps each actor's own order, is legal where each
    actor writes its own lines (the processes model; elsewhere one
    lock keeps the lines in time order). Unpaced: two merges take
    different times, and in a paced run the pace fixes the merge."""
    registry = REGISTRY
    a, b = mpsc_run(order_a), mpsc_run(order_b)
    mpsc = registry.scenarios["mpsc"]
    assert failing(registry, shuffle_keeping_actors(a, rnd),
                   shuffle_keeping_actors(b, rnd), mpsc,
                   model="processes", delay=0) == {}


@given(two_producers, st.integers(0, 11), st.sampled_from(
    ["drop", "duplicate", "phantom", "late", "wrong value"]))
def test_every_broken_variant_fails(order, index, damage):
    registry = REGISTRY
    good = mpsc_run(order)
    bad = list(good)
    t, actor, op, item = bad[index]
    if damage == "drop":
        del bad[index]
    elif damage == "duplicate":
        bad.append(bad[index])
    elif damage == "phantom":
        bad.append((t, "consumer-0", "get", 1000 + item))
    elif damage == "wrong value":  # sent and received, but not this
        bad = [(t2, a2, op2, 500 + item if i2 == item else i2)
               for t2, a2, op2, i2 in bad]
    else:
        late = contracts.tolerance(registry, 0.1).s + 0.01
        bad[index] = (t + late, actor, op, item)
    assert failing(registry, good, bad, registry.scenarios["mpsc"])


def shuffle_keeping_actors(events, rnd):
    """Interleave the actors' event lists at random."""
    queues = {}
    for e in events:
        queues.setdefault(e[1], []).append(e)
    out = []
    while queues:
        actor = rnd.choice(sorted(queues))
        out.append(queues[actor].pop(0))
        if not queues[actor]:
            del queues[actor]
    return out


def spsc_like(puts, gets):
    """One producer, one consumer: (time, item) puts and gets."""
    return [(t, "producer-0", "put", i) for t, i in puts] + \
        [(t, "consumer-0", "get", i) for t, i in gets]


def test_a_producer_two_items_beyond_its_buffer_fails(registry):
    """Buffer 2, a consumer taking 40 ms per item: the producer's
    item 4 cannot be sent before item 1 was taken, which the consumer
    logged at 40 ms, before it took item 2 and so freed the room."""
    gets = [(0.04 * i, i) for i in range(6)]
    good = spsc_like([(0.0, 0), (0.0, 1), (0.0, 2), (0.04, 3),
                      (0.08, 4), (0.12, 5)], gets)
    bad = spsc_like([(0.0, 0), (0.0, 1), (0.0, 2), (0.0, 3), (0.0, 4),
                     (0.08, 5)], gets)
    found = failing(registry, good, bad, producers=1, buffer=2, delay=0,
                    items=6)
    assert found == {"bounded_by_buffer": [
        "producer-0 sent item 4 at 0.000s, before consumer-0 took item 1"
        " at 0.040s: more than 3 item(s) ahead (buffer 2) "
        "(python/asyncio)"]}


def test_a_receive_logged_late_is_not_a_producer_running_ahead(registry):
    """Unbuffered: send and receive complete together, and on a busy
    machine the receiver may log its half 200 ms after the sender
    logs the next send. That is a lagging log, not a broken bound."""
    puts = [(0.0, 0), (0.01, 1), (0.25, 2)]
    gets = [(0.0, 0), (0.2, 1), (0.25, 2)]
    run = spsc_like(puts, gets)
    assert "bounded_by_buffer" not in failing(
        registry, run, run, producers=1, buffer=0, delay=0, items=3)


def test_bounded_by_buffer_does_not_apply_to_several_actors(registry):
    verdicts = contracts.check(registry, ALL, trace(start(), GOOD),
                               trace(start(), GOOD))
    assert {v.contract: v.status for v in verdicts}[
        "bounded_by_buffer"] == "n/a"


def test_an_item_received_from_the_wrong_channel_fails(registry):
    a = trace(start(producers=1, items=1, delay=0),
              [(0.1, "producer-0", "put", 1)], source="a")
    a.events = [e.__class__(e.t, e.actor, e.op, e.item, "numbers")
                for e in a.events] + [
        contracts_event(0.1, "square-0", "get", 1, "numbers")]
    b = trace(start(producers=1, items=1, delay=0),
              [(0.1, "producer-0", "put", 1)], source="b")
    b.events = [contracts_event(0.1, "producer-0", "put", 1, "numbers"),
                contracts_event(0.1, "square-0", "get", 1, "squares")]
    lost = {v.contract: v.violations for v in
            contracts.check(registry, ALL, a, b)}["exactly_once"]
    assert "item 1 from producer-0 on numbers was sent but never " \
        "received (python/asyncio)" in lost
    assert "item 1 was received by square-0 on squares at 0.100s but " \
        "never sent (python/asyncio)" in lost


def contracts_event(t, actor, op, item, ch):
    from harness.check.traces import Event
    return Event(t, actor, op, item, ch)


def test_interchangeable_workers_are_matched_by_role(registry):
    """Which worker takes an item differs between runs; the timeline
    still compares when each item was taken."""
    puts = [(0.1 * (i + 1), "producer-0", "put", i) for i in range(4)]
    a = puts + [(0.1 * (i + 1), f"worker-{i % 2}", "get", i)
                for i in range(4)]
    b = puts + [(0.1 * (i + 1), f"worker-{(i + 1) % 2}", "get", i)
                for i in range(4)]
    late = puts + [(0.1 * (i + 1) + (0.2 if i == 2 else 0),
                    f"worker-{i % 2}", "get", i) for i in range(4)]
    shape = {"producers": 1, "items": 4, "consumers": 2}
    assert failing(registry, a, b, **shape) == {}
    assert set(failing(registry, a, late, **shape)) == {"timeline"}


# The contracts of the scenarios that stop early, close, or fail.

def only(name, scenario="mpsc"):
    return Scenario(scenario, "test", {}, (name,), (), {}, {}, "", False)


def verdict(name, a_events, b_events, a_running=None, b_running=None,
            **params):
    a = trace(start(lang="go", **params), a_events, running=a_running)
    b = trace(start(**params), b_events, running=b_running)
    v, = contracts.check(REGISTRY, only(name), a, b)
    return v.status, v.violations


def test_at_most_once_allows_a_lost_item_but_not_a_duplicate():
    assert verdict("at_most_once", GOOD, GOOD[:-1]) == ("pass", [])
    status, found = verdict("at_most_once", GOOD,
                            GOOD + [(0.7, "consumer-0", "get", 1)])
    assert status == "fail" and found[0].startswith(
        "item 1 from producer-0 was received 2 times")
    status, found = verdict("at_most_once", GOOD,
                            GOOD + [(0.7, "consumer-0", "get", 99)])
    assert found == ["item 99 was received by consumer-0 at 0.700s but "
                     "never sent (python/asyncio)"]


def test_no_leaks_names_what_was_left_running():
    assert verdict("no_leaks", GOOD, GOOD, 0, 0) == ("pass", [])
    assert verdict("no_leaks", GOOD, GOOD, 2, 0) == (
        "fail", ["go left 2 goroutine(s) running after main returned"])
    assert verdict("no_leaks", GOOD, GOOD, 0, 1) == (
        "fail", ["python/asyncio left 1 task(s) running after main "
                 "returned"])
    # A trace that does not say cannot be judged.
    assert verdict("no_leaks", GOOD, GOOD)[0] == "n/a"


CLOSED = [(0.1, "producer-0", "put", 0), (0.1, "consumer-1", "get", 0),
          (0.2, "producer-0", "put", 1), (0.2, "consumer-0", "get", 1),
          (0.2, "consumer-0", "closed", None),
          (0.2, "consumer-1", "closed", None)]


def test_all_closed_wants_every_consumer_to_see_the_end_once():
    two = {"producers": 1, "consumers": 2, "items": 2}
    assert verdict("all_closed", CLOSED, CLOSED, **two) == ("pass", [])
    status, found = verdict("all_closed", CLOSED, CLOSED[:-1], **two)
    assert found == ["consumer-1 saw the close never (python/asyncio)"]
    late = CLOSED[:2] + CLOSED[4:] + [(0.3, "producer-0", "put", 1),
                                      (0.3, "consumer-0", "get", 1)]
    status, found = verdict("all_closed", CLOSED, late, **two)
    assert found == ["consumer-0 received item 1 at 0.300s, after it "
                     "saw the close at 0.200s (python/asyncio)"]


ERRED = [(0.1, "producer-0", "put", 0), (0.1, "worker-0", "get", 0),
         (0.2, "producer-0", "put", 1), (0.2, "worker-1", "get", 1),
         (0.2, "main", "error", 1)]


def test_first_error_wants_one_error_for_a_received_item():
    assert verdict("first_error", ERRED, ERRED) == ("pass", [])
    assert verdict("first_error", ERRED, ERRED[:-1])[1] == [
        "main reported 0 errors, expected 1 (python/asyncio)"]
    other = ERRED[:-1] + [(0.2, "main", "error", 0)]
    assert verdict("first_error", ERRED, other)[1] == [
        "main reported item 1 in go but item 0 in python/asyncio"]
    phantom = ERRED[:-1] + [(0.2, "main", "error", 7)]
    assert verdict("first_error", ERRED, phantom)[1] == [
        "main reported item 7, which no worker received "
        "(python/asyncio)"]
    assert verdict("first_error", [], [], items=0)[0] == "n/a"


TIMED = [(0.1, "producer-0", "put", 0), (0.1, "consumer-0", "get", 0),
         (0.3, "consumer-0", "timeout", None),
         (0.4, "producer-0", "put", 1), (0.4, "consumer-0", "get", 1)]


def test_timeline_counts_timeouts():
    one = {"producers": 1, "items": 2}
    assert verdict("timeline", TIMED, TIMED, **one) == ("pass", [])
    twice = TIMED + [(0.45, "consumer-0", "timeout", None)]
    assert verdict("timeline", TIMED, twice, **one)[1] == [
        "consumer-0 timed out once in go but 2 times in python/asyncio"]
    late = TIMED[:2] + [(0.2, "consumer-0", "timeout", None)] + TIMED[3:]
    assert verdict("timeline", TIMED, late, **one)[1] == [
        "consumer-0 timed out at 0.300s in go but at 0.200s in "
        "python/asyncio (100 ms apart; tolerance 50 ms)"]


def test_a_consumer_that_cancels_must_have_what_it_asked_for():
    run = [(0.1, "producer-0", "put", 0), (0.1, "consumer-0", "get", 0),
           (0.2, "producer-1", "put", 1), (0.2, "consumer-0", "get", 1),
           (0.2, "consumer-0", "cancel", None)]
    assert verdict("at_most_once", run, run, items=2) == ("pass", [])
    assert verdict("at_most_once", run, run[2:], items=2)[1] == [
        "consumer-0 cancelled after 1 item, not the 2 it asked for "
        "(python/asyncio)"]


def test_first_error_wants_every_earlier_item_received():
    skipped = [e for e in ERRED if e[1:] != ("worker-0", "get", 0)]
    assert verdict("first_error", ERRED, skipped)[1] == [
        "item 0, sent before item 1, was never received "
        "(python/asyncio)"]
