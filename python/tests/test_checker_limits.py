"""The checker under attack and at scale: a hostile trace line (too
long, nested too deep) or a start event claiming more actors than
any program runs is one line of bad input, never a traceback or a
hang; and the bulk reader says exactly what the line-by-line one
says, wherever a block of lines ends."""

import random
import subprocess
import time

import pytest

from conftest import ROOT
from harness.check import contracts, honest, traces
from harness import registry as registry_file
from harness.errors import BadInput
from tracegen import lines, mpsc_run, start

GOOD = mpsc_run([0, 1, 1, 0, 1, 0])


def check(a, b, scenario="mpsc"):
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "check-traces",
         f"SCENARIO={scenario}", f"A={a}", f"B={b}"],
        capture_output=True, text=True, timeout=120)


def write(path, text):
    path.write_text(text)
    return path


def good_text():
    return "\n".join(lines(start(), GOOD)) + "\n"


NESTED = '{"t": 0.9, "actor": "main", "op": "timeout", "x": ' + \
    "[" * 100000 + "]" * 100000 + "}"


@pytest.mark.parametrize("name, text, message", [
    ("deep", good_text().replace(
        '{"t": 0.1,', NESTED + '\n{"t": 0.1,', 1),
     "{b}:2: nested more than 32 deep: not a trace event"),
    ("long", good_text().replace(
        '{"t": 0.1,', '{"t": 0.1, "pad": "' + "x" * (1 << 20) + '",', 1),
     "{b}:2: a line longer than 1048576 bytes: not a trace"),
    ("many", good_text().replace('"producers": 2', '"producers": '
                                 + str(10**15), 1),
     '{b}:1: the start event claims "producers": 1000000000000000, '
     'more than the 1,000,000 any program of the kit accepts'),
    ("huge", good_text().replace('"consumers": 1', '"consumers": '
                                 + "9" * 4000, 1),
     '{b}:1: the start event claims "consumers": 99999999999999999999… '
     '(4000 digits), more than the 1,000,000 any program of the kit '
     'accepts'),
])
def test_a_hostile_trace_is_one_line_and_status_2(tmp_path, name, text,
                                                  message):
    a = write(tmp_path / "a.jsonl", good_text())
    b = write(tmp_path / f"{name}.jsonl", text)
    began = time.monotonic()
    done = check(a, b)
    assert time.monotonic() - began < 60
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.splitlines()[0] == \
        "harness: " + message.format(b=b)


def test_nesting_in_lines_as_given_is_bad_input_not_recursion():
    text = good_text().replace('{"t": 0.1,', NESTED + '\n{"t": 0.1,', 1)
    with pytest.raises(BadInput, match="^t:2: nested more than 32 deep"):
        traces.parse(text.splitlines(), "t")


def test_brackets_inside_strings_are_not_nesting():
    assert traces.depth('{"a": "[[[[{{{{", "b": [[{}]]}') == 4


def test_an_item_beyond_64_bits_is_bad_input():
    text = good_text().replace('"item": 0}', f'"item": {2**64}}}', 1)
    with pytest.raises(BadInput, match="is too large for a trace"):
        traces.parse(text.splitlines(), "t")


@pytest.mark.parametrize("room", [False, True])
def test_items_past_32_bits_keep_their_value(tmp_path, monkeypatch,
                                             room):
    """Items start in 32 bits; the first larger one widens the column
    (the room made for it too), and none is cut short."""
    if room:
        monkeypatch.setattr(traces, "ROOM_BYTES", 0)
    monkeypatch.setattr(traces, "CHUNK", 64)
    items = [1, 2**40 + 3, -2**35, 7]
    events = [(k / 100, "producer-0", "put", item)
              for k, item in enumerate(items)]
    path = write(tmp_path / "wide.jsonl",
                 "\n".join(lines(start(), events)) + "\n")
    assert [e.item for e in traces.read(path).events] == items


def shuffled_trace(rng):
    """A small trace, legal or not: the bulk and the line-by-line
    readers must agree on it, event for event, or on its error."""
    head = start(items=rng.randint(0, 4))
    events, t = [], 0.0
    for _ in range(rng.randint(0, 30)):
        t += rng.choice([0, 0.01, 0.02])
        op = rng.choice(["put", "get", "put", "get", "timeout", "got"])
        item = rng.randint(0, 12) if op in ("put", "get") else None
        events.append((round(t, 3), rng.choice(
            ["producer-0", "producer-1", "consumer-0"]), op, item))
    text = lines(head, events, ended=rng.random() < 0.8)
    if rng.random() < 0.3 and len(text) > 2:
        k = rng.randrange(1, len(text))
        text.insert(k, rng.choice(["", "  ", "[1]", "{}", "nope",
                                   '{"t": 1, "actor": "é", "op": "put", '
                                   '"item": 1}']))
    return "\n".join(text) + rng.choice(["", "\n"])


@pytest.mark.parametrize("chunk, room", [
    (64, "none"), (1000, "none"),
    (64, "counted"), (1000, "counted"),  # room made for every line
    (64, "short"),  # too little room: the file grew while counted
])
def test_the_bulk_reader_agrees_with_the_line_reader(tmp_path,
                                                     monkeypatch, chunk,
                                                     room):
    monkeypatch.setattr(traces, "CHUNK", chunk)  # blocks end anywhere
    monkeypatch.setattr(traces, "BATCH_LINES", chunk // 40)
    if room != "none":
        monkeypatch.setattr(traces, "ROOM_BYTES", 0)
    if room == "short":
        counted = traces.count_lines
        monkeypatch.setattr(traces, "count_lines",
                            lambda f: max(0, counted(f) - 6))
    rng = random.Random(7)
    for n in range(300):
        text = shuffled_trace(rng)
        path = tmp_path / f"{n}.jsonl"
        path.write_text(text, encoding="utf-8")
        try:
            one = traces.parse(text.splitlines(), str(path))
        except BadInput as err:
            with pytest.raises(BadInput) as alone:
                by_one = traces.Builder(str(path))
                for number, line in enumerate(text.splitlines(), 1):
                    by_one.one(line, number)
                by_one.trace()
            assert str(alone.value) == str(err)
            with pytest.raises(BadInput) as got:
                traces.read(path)
            assert str(got.value) == str(err)
            continue
        bulk = traces.read(path)
        by_one = traces.Builder(str(path))
        for number, line in enumerate(text.splitlines(), 1):
            by_one.one(line, number)
        assert by_one.trace().events == one.events
        assert bulk.events == one.events
        assert [e.line for e in bulk.events] == \
            [e.line for e in one.events]
        assert (bulk.ended, bulk.end_t) == (one.ended, one.end_t)


def mutated(rng, events):
    events = list(events)
    for _ in range(rng.randint(0, 2)):
        if not events:
            break
        j = rng.randrange(len(events))
        t, actor, op, item = events[j]
        change = rng.randrange(5)
        if change == 0:
            del events[j]
            continue
        if change == 1:
            item += rng.choice([-1, 1, 10])
        elif change == 2:
            actor = rng.choice(["consumer-0", "producer-0", "producer-1",
                                "bob"])
        elif change == 3:
            events.insert(j, events[j])
        else:
            k = rng.randrange(len(events))
            events[j], events[k] = events[k], events[j]
            continue
        events[j] = (t, actor, op, item)
    return events


def test_the_quick_checks_never_pass_what_the_slow_ones_fail():
    """Each contract first asks, with a few sorts of the columns,
    whether anything is wrong at all; a trace it passes must be one
    the event-by-event wording finds nothing in."""
    registry = registry_file.load()
    rng = random.Random(11)
    for _ in range(400):
        order = [rng.randint(0, 1) for _ in range(6)]
        base = mpsc_run(order)
        a = traces.parse(lines(start(), mutated(rng, base)), "a")
        b = traces.parse(lines(start(), mutated(rng, base)), "b")
        for t in (a, b):
            ans = honest.answer(t, "merging")
            if honest.believable(t, ans):
                assert not list(honest.impostors(t, ans))
                assert not list(honest.bad_times(t))
            for early in (False, True):
                if contracts.all_once(t, early):
                    assert not list(contracts.lost_or_invented_each(
                        t, early))
            if contracts.in_order(t):
                assert not list(contracts.out_of_order_each(t))
        if contracts.same_sends(a, b):
            assert not contracts.different_items(a, b)
        if contracts.same_streams(a, b):
            assert contracts.streams_of(a) == contracts.streams_of(b)
        contracts.check(registry, registry.scenario("mpsc"), a, b)


def slow_differences(a, b, rules):
    """differences(), event by event through keyed() and lane(), as
    it was written first (report/spread.py still measures so)."""
    times = [contracts.keyed(t) for t in (a, b)]
    found = []
    for keys in contracts.lanes(times).values():
        found += contracts.lane(keys, times, a, b, rules)
    return [(text, excess) for _, text, excess in
            sorted(found, key=lambda f: f[0])]


def test_the_timeline_by_columns_says_what_it_said_event_by_event():
    registry = registry_file.load()
    rng = random.Random(5)
    for _ in range(300):
        order = [rng.randint(0, 1) for _ in range(6)]
        base = mpsc_run(order)
        moved = []
        shift = 0.0
        for t, actor, op, item in base:
            if rng.random() < 0.15:
                shift += rng.choice([-0.06, 0.07, 0.2])
            late = rng.choice([0, 0, 0, 0.3])
            moved.append((round(max(t + shift + late, 0), 6), actor, op,
                          item))
        a = traces.parse(lines(start(), base), "a")
        b = traces.parse(lines(start(lang="go"), moved), "b")
        rules = contracts.tolerance(registry, 0.1)
        fast = [f for f in contracts.differences(a, b, rules)]
        slow = slow_differences(a, b, rules)
        assert [t for t, _ in fast] == [t for t, _ in slow]
        assert [e for _, e in fast] == pytest.approx([e for _, e in slow])
