"""Known differences stay known: an expectation applies to the runs
its variants and params say, quotes the reason that fits them, and
a reason the kit gives in several places is written once."""

import re

import pytest

from harness import registry as registry_file
from harness.errors import BadInput
from harness.pages.pagehtml import differs

REGISTRY = registry_file.load()
TEXT = registry_file.REGISTRY.read_text()


def params(sid, **changed):
    return {"items": 1, "producers": 1, "consumers": 1, "buffer": 0,
            "delay": 0, "work": 0, **REGISTRY.scenarios[sid].params,
            **changed}


def expects(sid, contract, variant, **changed):
    return REGISTRY.scenarios[sid].expects(contract, variant,
                                           params(sid, **changed))


CAPACITY0 = "capacity 0 means opposite things"


@pytest.mark.parametrize("sid, variant, changed, contract", [
    ("workers", "asyncio", {"delay": 0}, "timeline"),
    ("workers", "processes", {"delay": 0}, "timeline"),
    ("errors", "gomaxprocs1", {"delay": 0}, "timeline"),
    ("pitfall", "asyncio", {"buffer": 0}, "timeline"),
    ("backpressure", "asyncio", {"buffer": 0}, "timeline"),
])
def test_capacity_0_is_known_where_it_shows(sid, variant, changed,
                                            contract):
    kind, why = expects(sid, contract, variant, **changed)
    assert kind == "differ" and why.startswith(CAPACITY0)


def test_a_per_trace_contract_broken_by_capacity_0_is_a_known_failure():
    """bounded_by_buffer judges each trace alone, so Python's
    unbounded queue fails it rather than differs."""
    kind, why = expects("backpressure", "bounded_by_buffer", "asyncio",
                        buffer=0)
    assert kind == "fail" and why.startswith(CAPACITY0)


@pytest.mark.parametrize("sid, variant, changed", [
    ("workers", "asyncio", {}),            # paced: the pool keeps up
    ("pitfall", "asyncio", {}),            # buffer 10
    ("backpressure", "asyncio", {}),       # buffer 2
    ("rendezvous", "asyncio", {"buffer": 1}),  # a buffer of one each
    ("rendezvous", "handoff", {}),         # a true rendezvous
    ("close", "joined", {"delay": 0}),     # no consumer is idle
    ("close", "asyncio", {}),
])
def test_no_expectation_where_it_does_not_apply(sid, variant, changed):
    assert expects(sid, "timeline", variant, **changed) == ("", "")


def test_the_reason_quoted_is_the_one_that_applies():
    kind, why = expects("rendezvous", "timeline", "asyncio")
    assert why.startswith("a queue of one is not a rendezvous")
    kind, why = expects("close", "timeline", "joined")
    assert why.startswith("join() returns once the last item")


def test_a_reason_given_in_several_places_is_written_once():
    assert TEXT.count(CAPACITY0) == 1
    assert TEXT.count("the items it has not taken are lost") == 1
    pitfall = REGISTRY.scenarios["pitfall"]
    assert pitfall.expects("right_answer")[1] == \
        pitfall.expects("exactly_once")[1]


def test_several_expectations_the_first_that_applies_is_quoted():
    s = registry_file.scenario("x", {
        "description": "", "params": {"buffer": 0, "delay": 0.1},
        "contracts": ["timeline"], "variants": ["asyncio"],
        "expected_differences": {"timeline": [
            {"why": "first", "when": {"buffer": 0, "delay": "> 0"}},
            {"known": "k", "when": {"delay": "<= 0.5"}},
            "always"]}}, known={"k": "second"})
    assert s.expects("timeline", "asyncio",
                     {"buffer": 0, "delay": 0.1}) == ("differ", "first")
    assert s.expects("timeline", "asyncio",
                     {"buffer": 1, "delay": 0.1}) == ("differ", "second")
    assert s.expects("timeline", "asyncio",
                     {"buffer": 1, "delay": 1}) == ("differ", "always")


# workers' expectation of capacity 0, the first in the registry.
WORKERS = ('variants = ["asyncio", "gomaxprocs1", "threads", '
           '"processes", "eager"], when = { buffer = 0, delay = 0 } }')


@pytest.mark.parametrize("edit, message", [
    ((f'{{ known = "capacity0", {WORKERS}',
      f'{{ known = "capacity_0", {WORKERS}'),
     "scenario workers: the expectation for timeline names unknown "
     "known reason capacity_0 (known: capacity0, loop_held, "
         "lost_backlog)"),
    (('when = { delay = "> 0" }', 'when = { delay = "more than 0" }'),
     "missing or malformed entry when: delay = 'more than 0' is "
     "neither a number nor a comparison"),
])
def test_expectation_mistakes_are_named(tmp_path, edit, message):
    path = tmp_path / "scenarios.toml"
    assert edit[0] in TEXT
    path.write_text(TEXT.replace(edit[0], edit[1], 1))
    with pytest.raises(BadInput, match=re.escape(message)):
        registry_file.load(path)


def test_a_condition_on_a_param_the_scenario_lacks_is_named(tmp_path):
    path = tmp_path / "scenarios.toml"
    old = f'{{ known = "capacity0", {WORKERS}'
    assert old in TEXT
    path.write_text(TEXT.replace(old, old.replace("delay", "producers"),
                                 1))
    with pytest.raises(BadInput, match=re.escape(
            "scenario workers: the expectation for timeline is limited "
            "to producers, which is not one of its params")):
        registry_file.load(path)


def test_the_pages_say_where_an_expectation_applies():
    html = differs(REGISTRY.scenarios["rendezvous"])
    assert "What differs: timeline (variants asyncio, gomaxprocs1, eager; " \
        "when buffer = 0)" in html
    html = differs(REGISTRY.scenarios["backpressure"])
    assert "Expected to fail: bounded_by_buffer (when buffer = 0)" in html
