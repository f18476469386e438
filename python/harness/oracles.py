"""The right answer, worked out from a run's parameters alone.

Comparing Go with Python shows where they differ, not where both are
wrong: a squarer that doubles in both languages passes every contract
between them. So each scenario names an oracle in scenarios.toml
(`oracle = "counting"`), a pure function here from the start event's
parameters to an Answer: which actors such a run has, what each may
log, what each producer sends and what the last stage must receive.
The benchmark games check a program's output the same way before
they time it. right_answer (below) holds a trace to its Answer;
honest.py uses the same Answer to refuse actors, operations and
items the parameters do not allow.
"""

import collections
import dataclasses
import itertools
import sys

from chankit.items import base

ENDLESS = sys.maxsize  # a range "to infinity": cancel's producers


@dataclasses.dataclass(frozen=True)
class Items:
    """Items an actor may log, as a container, and in words."""
    may: object  # a range, set or anything with `in`
    words: str


MARK = None  # an operation that carries no item (timeout, closed, …)


@dataclasses.dataclass(frozen=True)
class Answer:
    """What a correct run of a scenario does.

    actors: actor -> {(op, channel): Items, or MARK}: all it may log.
    sends: producer -> (channel, its items in sending order).
    receivers: the last stage, whose gets are the answer.
    must: the (channel, item)s they get, each as often as counted.
    says: that answer in words, for the violations.
    stops_early: the run may stop before the end: a producer may
    send a prefix of its items, and the receivers may get fewer
    than `must` but never fewer than `least` (in all, or `exactly`).
    error: the item main must report, for a run that fails on one.
    adds_up: what the receivers' items must add up to, where the
    last stage adds them (pipeline's total).
    """
    actors: dict
    sends: dict
    receivers: tuple
    must: collections.Counter
    says: str
    stops_early: bool = False
    least: collections.Counter = dataclasses.field(
        default_factory=collections.Counter)
    exactly: int | None = None
    error: int | None = None
    adds_up: int | None = None


def span(items):
    """range(3, 7) -> "3..6"; empty -> "nothing"."""
    if not items:
        return "nothing"
    if len(items) == 1:
        return str(items[0])
    step = "" if items.step == 1 else f" in steps of {items.step}"
    last = "…" if items.stop >= ENDLESS else str(items[-1])
    return f"{items[0]}..{last}{step}"


def one_line(items, consumers, role="consumer", marks=()):
    """producer-0 sends `items` in order to consumers (or workers)
    0..C-1 on one channel; each receiver may log the marks."""
    may = Items(items, span(items))
    actors = {"producer-0": {("put", ""): may}}
    names = tuple(f"{role}-{k}" for k in range(consumers))
    for name in names:
        actors[name] = {("get", ""): may,
                        **{(m, ""): MARK for m in marks}}
    return actors, {"producer-0": ("", items)}, names


def counting(p):
    """One producer sends 0..N-1, one consumer receives them all:
    spsc, and the scenarios shaped like it."""
    items = range(p["items"])
    actors, sends, names = one_line(items, 1)
    return Answer(actors, sends, names, each(items),
                  f"{span(items)}, each once")


def patient(p):
    """counting, with a consumer that may time out while it waits."""
    items = range(p["items"])
    actors, sends, names = one_line(items, 1, marks=("timeout",))
    return Answer(actors, sends, names, each(items),
                  f"{span(items)}, each once")


def closing(p):
    """One producer sends 0..N-1 to C consumers, each of which sees
    the close."""
    items = range(p["items"])
    actors, sends, names = one_line(items, p["consumers"],
                                    marks=("closed",))
    return Answer(actors, sends, names, each(items),
                  f"{span(items)}, each once, among the consumers")


def pool(p):
    """One producer sends 0..N-1 to a pool of C workers."""
    items = range(p["items"])
    actors, sends, names = one_line(items, p["consumers"], "worker")
    return Answer(actors, sends, names, each(items),
                  f"{span(items)}, each once, among the workers")


def merging(p, producers=None, channels=None):
    """Producer k sends base(k, N)+i, i < N (chankit/items.py), on
    its channel; one consumer receives them all. mpsc and fanin have
    --producers of them on one channel; select, two fixed ones on
    channels a and b."""
    n = p["items"]
    count = p["producers"] if producers is None else producers
    chs = channels or [""] * count
    actors, sends, must, got = {}, {}, collections.Counter(), {}
    for k, ch in enumerate(chs):
        items = range(base(k, n), base(k, n) + n)
        sends[f"producer-{k}"] = (ch, items)
        actors[f"producer-{k}"] = {("put", ch): Items(items, span(items))}
        got.setdefault(ch, []).append(items)
        must.update((ch, i) for i in items)
    actors["consumer-0"] = {
        ("get", ch): Items(set(itertools.chain(*ranges)),
                           " and ".join(map(span, ranges)))
        for ch, ranges in got.items()}
    says = "; ".join(f"{span(items)} from {who}{on(ch)}"
                     for who, (ch, items) in sends.items())
    return Answer(actors, sends, ("consumer-0",), must,
                  f"{says or 'nothing'}, each once")


def choosing(p):
    """select: two producers whatever --producers says (the start
    event's producers is 1), on channels a and b."""
    return merging(p, producers=2, channels=["a", "b"])


def squares(p):
    """pipeline: producer-0 sends 1..N on numbers, C squarers send
    their squares on squares, consumer-0 adds them up. The answer:
    the squares of 1..N, N(N+1)(2N+1)/6 in all."""
    n, c = p["items"], p["consumers"]
    numbers = range(1, n + 1)
    squared = Items({i * i for i in numbers},
                    f"the squares of {span(numbers)}")
    actors = {"producer-0": {("put", "numbers"): Items(numbers,
                                                       span(numbers))},
              "consumer-0": {("get", "squares"): squared}}
    for k in range(c):
        actors[f"square-{k}"] = {
            ("get", "numbers"): Items(numbers, span(numbers)),
            ("put", "squares"): squared}
    return Answer(actors, {"producer-0": ("numbers", numbers)},
                  ("consumer-0",),
                  collections.Counter(("squares", i * i)
                                      for i in numbers),
                  f"the squares of {span(numbers)}, each once, "
                  f"{total(n)} in all", adds_up=total(n))


def total(n):
    """1² + 2² + … + n²"""
    return n * (n + 1) * (2 * n + 1) // 6


def cancelling(p):
    """cancel: producer k of P sends k, k+P, k+2P, … until cancelled;
    consumer-0 receives exactly --items of them, then cancels."""
    n, count = p["items"], p["producers"]
    actors, sends, every = {}, {}, set()
    for k in range(count):
        items = range(k, ENDLESS, count)
        sends[f"producer-{k}"] = ("", items)
        actors[f"producer-{k}"] = {("put", ""): Items(items, span(items))}
    words = (f"k, k+{count}, k+{2 * count}, … from each producer-k"
             if count else "nothing")
    actors["consumer-0"] = {
        ("get", ""): Items(Endless(count), words), ("cancel", ""): MARK}
    return Answer(actors, sends, ("consumer-0",),
                  collections.Counter(), f"{n} of {words}",
                  stops_early=True, exactly=n)


@dataclasses.dataclass(frozen=True)
class Endless:
    """Every item some producer of `count` may send: any whole number
    from 0 (producer k sends those equal to k modulo count)."""
    count: int

    def __contains__(self, item):
        return self.count > 0 and item >= 0


def failing(p):
    """errors: producer-0 sends 0..N-1 to C workers; the middle item,
    N//2, fails, and main reports it. The run stops there: items
    after it may never be sent, but every item up to it is received."""
    n = p["items"]
    items = range(n)
    actors, sends, names = one_line(items, p["consumers"], "worker")
    bad = n // 2 if n else None
    if bad is not None:
        actors["main"] = {("error", ""): Items(range(bad, bad + 1),
                                               str(bad))}
    upto = range(bad + 1) if n else range(0)
    says = (f"{span(upto)} at least, each once, and main reports "
            f"{bad}") if n else "nothing"
    return Answer(actors, sends, names, each(items), says,
                  stops_early=True, least=each(upto), error=bad)


def each(items, ch=""):
    """Every item once, on channel ch, as the answer counts them."""
    return collections.Counter((ch, i) for i in items)


def on(ch):
    return f" on {ch}" if ch else ""


ORACLES = {f.__name__: f for f in (counting, patient, closing, pool,
                                   merging, choosing, squares,
                                   cancelling, failing)}


def answer(trace, oracle):
    """The Answer for a trace: the named oracle on the parameters of
    its start event; None where there is no oracle to ask."""
    if oracle not in ORACLES:
        return None
    return ORACLES[oracle](trace.params)


def right_answer(a, b, rules):
    """Each trace against the right answer, worked out from its
    parameters by the scenario's oracle: every producer sends its
    items, the last stage receives what it must, and main reports
    the item that fails. Catches what both languages get wrong."""
    found = []
    for t in (a, b):
        ans = answer(t, rules.oracle)
        if ans is None:
            return None
        found += [f"{m} ({t.label})" for m in wrong(t, ans)]
    return found


def wrong(trace, ans):
    yield from wrong_sends(trace, ans)
    yield from wrong_receipts(trace, ans)
    yield from wrong_error(trace, ans)


def wrong_sends(trace, ans):
    """Each producer sends its items in order: all of them, or, in a
    run that stops early, the first few."""
    for who, (ch, items) in ans.sends.items():
        sent = [e.item for e in trace.ops("put")
                if (e.actor, e.ch) == (who, ch)]
        right = list(items[:len(sent) + 1])
        its = f"{span(items)} in order{on(ch)}"
        for i, (x, y) in enumerate(zip(sent, right)):
            if x != y:
                yield (f"{who}'s item #{i + 1} was {x}, but the right "
                       f"one is {y} (it sends {its})")
                break
        else:
            if len(sent) > len(items):
                yield (f"{who} sent {len(sent)} items, more than its "
                       f"{len(items)} ({its})")
            elif len(sent) < len(items) and not ans.stops_early:
                yield (f"{who} sent {len(sent)} of its {len(items)} "
                       f"items ({its})")


def wrong_receipts(trace, ans):
    """The last stage receives the answer: every item of `must` (of
    `least`, in a run that stops early), nothing else, and in a
    run that asks for a number of items, that number."""
    got = collections.Counter((e.ch, e.item) for e in trace.ops("get")
                              if e.actor in ans.receivers)
    who = ans.receivers[0] if len(ans.receivers) == 1 else \
        f"the {ans.receivers[0].rsplit('-', 1)[0]}s"
    missing = (ans.least if ans.stops_early else ans.must) - got
    if missing:
        yield (f"{who} never received {listed(missing)} (the right "
               f"answer: {ans.says})")
    extra = got - ans.must if not ans.stops_early else \
        collections.Counter()
    if extra:
        yield (f"{who} received {listed(extra)}, which the right answer "
               f"does not have ({ans.says})")
    if ans.exactly is not None and got.total() != ans.exactly:
        yield (f"{who} received {got.total()} items, not the "
               f"{ans.exactly} the run asks for")
    if ans.adds_up is not None:
        added = sum(item * n for (_, item), n in got.items())
        if added != ans.adds_up:
            yield (f"{who}'s items add up to {added}, not "
                   f"{ans.adds_up}")


def wrong_error(trace, ans):
    if ans.error is None:
        return  # an error main should not report is honest's to name
    reported = [e.item for e in trace.ops("error")]
    if reported != [ans.error]:
        said = ", ".join(map(str, reported)) or "none"
        yield (f"main reported {said}, but the right answer is item "
               f"{ans.error}, the middle one, and it alone")


def listed(counter, most=5):
    """Counter of (channel, item) -> "item 3", "items 2, 3 and 4 on
    squares", "items 1, 2, 3, 4, 5, … (9 in all)"; an item that
    comes several times is named as often."""
    items = sorted(counter.elements())
    names = [f"{i}{on(ch)}" for ch, i in items[:most]]
    if len(items) == 1:
        return f"item {names[0]}"
    if len(items) > most:
        return f"items {', '.join(names)}, … ({len(items)} in all)"
    return f"items {', '.join(names[:-1])} and {names[-1]}"
