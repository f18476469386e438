"""make check-traces, as a user types it: 0 when two traces hold the
scenario's contracts and match, 1 with the reasons when they do not,
2 with one line when the input is not what it should be."""

import subprocess

import pytest

from conftest import ROOT
from tracegen import lines, mpsc_run, start
from test_flags import KNOWN

GOOD = mpsc_run([0, 1, 1, 0, 1, 0])


def write(path, head, events, ended=True):
    path.write_text("\n".join(lines(head, events, ended)) + "\n")
    return path


def check(scenario, a, b):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "check-traces",
         f"SCENARIO={scenario}", f"A={a}", f"B={b}"],
        capture_output=True, text=True, timeout=120)


@pytest.fixture
def good(tmp_path):
    return write(tmp_path / "go.jsonl", start(lang="go"), GOOD)


def test_two_good_traces_pass(tmp_path, good):
    other = write(tmp_path / "py.jsonl", start(),
                  mpsc_run([1, 0, 0, 1, 0, 1]))
    done = check("mpsc", good, other)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1] == \
        "PASS: the traces hold every contract and match"


@pytest.mark.parametrize("damage, words", [
    (lambda e: e[:-1], "item 2 from producer-0 was sent but never "
                       "received (python/asyncio)"),
    (lambda e: e + [e[1]], "item 0 from producer-0 was received 2 times"),
    (lambda e: e + [(0.3, "consumer-0", "get", 77)],
     "item 77 was received by consumer-0 at 0.300s but never sent"),
    (lambda e: [(t + 0.1 if i == 11 and op == "get" else t, a, op, i)
                for t, a, op, i in e],
     "consumer-0 received item 11 at 0.200s in go but at 0.300s"),
    (lambda e: [(t, a, op, {0: 1, 1: 0}.get(i, i) if op == "get" else i)
                for t, a, op, i in e],
     "consumer-0 received item 0 from producer-0 after item 1"),
], ids=["lost-last", "duplicate", "phantom", "late", "out-of-order"])
def test_each_broken_trace_fails_with_its_reason(tmp_path, good, damage,
                                                 words):
    bad = write(tmp_path / "bad.jsonl", start(), damage(list(GOOD)))
    done = check("mpsc", good, bad)
    assert done.returncode != 0  # make turns the harness's 1 into 2
    assert words in done.stdout
    assert done.stdout.splitlines()[-1].startswith("FAIL: ")


def test_a_cut_trace_fails(tmp_path, good):
    cut = write(tmp_path / "cut.jsonl", start(), GOOD, ended=False)
    done = check("mpsc", good, cut)
    assert done.returncode != 0
    assert "stops without an end event" in done.stdout


@pytest.mark.parametrize("make_b, scenario, message", [
    (lambda p: p / "missing.jsonl", "mpsc",
     "cannot read trace {b}: No such file or directory"),
    (lambda p: write_text(p / "x.txt", "hello\n"), "mpsc",
     "{b}:1: not a JSON object: 'hello'"),
    (lambda p: write_text(p / "e.jsonl", ""), "mpsc",
     "{b}: empty: no start event"),
    (lambda p: write_text(p / "s.jsonl", '{"t":0,"actor":"x","op":"get",'
                          '"item":1}\n'), "mpsc",
     '{b}:1: the first event must be the "start" event, not "get"'),
    (lambda p: p / "go.jsonl", "nope",
     f'unknown scenario "nope" (known: {KNOWN})'),
    (lambda p: write(p / "s.jsonl", start(scenario="spsc"), GOOD), "mpsc",
     "{b} is a trace of spsc, not mpsc"),
    (lambda p: write(p / "i.jsonl", start(items=4), GOOD), "mpsc",
     "the traces ran different parameters: items 3 in {a}, 4 in {b}"),
    (lambda p: write(p / "p.jsonl", {**start(), "producers": "2"}, GOOD),
     "mpsc", '{b}:1: the start event needs "producers", a whole number '
     'of at least 0'),
    (lambda p: write(p / "d.jsonl", {**start(), "delay": "0.1"}, GOOD),
     "mpsc", '{b}:1: the start event needs "delay", a number of at '
     'least 0'),
    (lambda p: write_text(p / "n.jsonl", "\n".join(lines(start(), GOOD))
                          .replace('"t": 0.1,', '"t": NaN,', 1)), "mpsc",
     '{b}:2: event has no valid "t"'),
    (lambda p: write_text(p / "a.jsonl", "\n".join(
        lines(start(), GOOD) + lines(start(), GOOD)[1:2])), "mpsc",
     "{b}:15: an event after the end event"),
    (lambda p: write_text(p / "s2.jsonl", "\n".join(
        lines(start(), GOOD)[:1] * 2)), "mpsc", "{b}:2: a second start "
     "event"),
    (lambda p: write(p / "o.jsonl", start(),
                     GOOD + [(0.9, "consumer-0", "got", 1)]), "mpsc",
     '{b}:14: unknown op "got"'),
    (lambda p: write(p / "m.jsonl", start(),
                     GOOD + [(0.9, "consumer-0", "timeout", 1)]), "mpsc",
     '{b}:14: a timeout event has no "item"'),
    (lambda p: write(p / "r.jsonl", start(),
                     GOOD + [(0.9, "main", "error", None)]), "mpsc",
     '{b}:14: an error event needs an integer "item"'),
    (lambda p: write_text(p / "l.jsonl", "\n".join(
        lines(start(), GOOD, running=-1))), "mpsc",
     '{b}:14: "running" must be a whole number of at least 0'),
])
def test_bad_input_is_one_line_and_status_2(tmp_path, good, make_b,
                                            scenario, message):
    b = make_b(tmp_path)
    done = check(scenario, good, b)
    assert done.returncode == 2
    first = done.stderr.splitlines()[0]
    assert first == "harness: " + message.format(a=good, b=b)


def test_missing_arguments_are_named(good):
    done = check("mpsc", good, "")
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        "harness: check-traces needs SCENARIO=<id> A=<trace file> "
        "B=<trace file>")


def write_text(path, text):
    path.write_text(text)
    return path


def test_the_variant_is_worked_out_from_the_traces(registry):
    from harness.check.checktraces import variant_of
    from tracegen import trace
    go = trace(start(lang="go"), GOOD)
    for model, variant in (("asyncio", "asyncio"), ("handoff", "handoff"),
                           ("threads", "threads")):
        assert variant_of(registry, go, trace(start(model=model), GOOD)) \
            == variant
    one = trace({**start(lang="go"), "gomaxprocs": 1}, GOOD)
    assert variant_of(registry, one, trace(start(), GOOD)) == \
        "gomaxprocs1"
