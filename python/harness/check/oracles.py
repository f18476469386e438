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
import collections.abc
import dataclasses
import math
import re
import sys

import numpy as np

from chankit.items import base
from harness.errors import BadInput

ENDLESS = sys.maxsize  # a range "to infinity": cancel's producers
MOST_PRIMES = 1_000_000  # the sieve's oracle works out no more


class Items:
    """Items an actor may log, as a container, and in words (given
    as a string, or as a function that says them when asked: a
    million producers' words are only worked out if a violation
    quotes them)."""

    def __init__(self, may, words):
        self.may, self._words = may, words

    @property
    def words(self):
        if callable(self._words):
            self._words = self._words()
        return self._words


MARK = None  # an operation that carries no item (timeout, closed, …)


@dataclasses.dataclass(frozen=True)
class Answer:
    """What a correct run of a scenario does.

    actors: actor -> {(op, channel): Items, or MARK}: all it may log.
    sends: producer -> (channel, its items in sending order).
    receivers: the last stage, whose gets are the answer.
    must: the (channel, item)s they get, each once, as a list of
    (channel, a sorted sequence: a range, Squares or Blocks).
    says: that answer in words, for the violations (or a function
    that says it).
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
    must: list
    says: object
    stops_early: bool = False
    least: list = dataclasses.field(default_factory=list)
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


class Cast:
    """Who a run has: actor -> {(op, channel): Items, or MARK}, as a
    mapping, but held by role (producer-0..producer-K share one
    entry), so that a run of a million actors costs no more than one
    of two. get() and iteration answer as a dict of them all would."""

    def __init__(self):
        self.roles = {}  # role -> (count, k -> its rights)
        self.single = {}  # an actor without a number -> its rights

    def add(self, name, rights):
        role, dash, k = name.rpartition("-")
        if dash and k == "0" and role not in self.roles:
            self.roles[role] = (1, lambda _, r=rights: r)
        else:
            self.single[name] = rights

    def add_role(self, role, count, rights):
        """role-0 … role-(count-1); rights(k) is role-k's."""
        self.roles[role] = (count, rights)

    def get(self, name, default=None):
        if name in self.single:
            return self.single[name]
        role, dash, k = name.rpartition("-")
        if dash and role in self.roles and NUMBER.fullmatch(k):
            count, rights = self.roles[role]
            if int(k) < count:
                return rights(int(k))
        return default

    def __getitem__(self, name):
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def __contains__(self, name):
        return self.get(name) is not None

    def __iter__(self):
        for role, (count, _) in self.roles.items():
            for k in range(count):
                yield f"{role}-{k}"
        yield from self.single

    def __len__(self):
        return sum(c for c, _ in self.roles.values()) + len(self.single)

    def words(self):
        """producer-0, worker-0..worker-3, main: the actors, in short."""
        runs = [f"{role}-0" if count == 1 else f"{role}-0..{role}-"
                f"{count - 1}" for role, (count, _) in self.roles.items()
                if count]
        return ", ".join(sorted([*self.single, *runs],
                                key=lambda n: n == "main"))


NUMBER = re.compile(r"0|[1-9][0-9]*")


class Numbered(collections.abc.Sequence):
    """role-0 … role-(count-1), as a sequence of names that is not
    built: the receivers of a run of a million workers."""

    def __init__(self, role, count):
        self.role, self.count = role, count

    def __len__(self):
        return self.count

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self.count))]
        if not -self.count <= k < self.count:
            raise IndexError(k)
        return f"{self.role}-{k % self.count}"

    def __contains__(self, name):
        role, dash, k = name.rpartition("-")
        return bool(dash and role == self.role and NUMBER.fullmatch(k)
                    and int(k) < self.count)

    def __eq__(self, other):
        return tuple(self) == tuple(other)


class Squares:
    """The squares of a range, as a container and a sorted sequence
    that is not built: pipeline's answer."""

    def __init__(self, roots):
        self.roots = roots

    def __contains__(self, item):
        return isinstance(item, int) and item >= 0 and \
            math.isqrt(item) ** 2 == item and math.isqrt(item) in self.roots

    def __len__(self):
        return len(self.roots)

    def __getitem__(self, k):
        return self.roots[k] ** 2

    def index_of(self, items):
        """Where each of `items` (numpy int64) is, or -1."""
        root = roots_of(items)
        return index_in(self.roots, root)


class Primes:
    """The first n primes, as a container and a sorted sequence: the
    sieve's answer, worked out by a sieve of Eratosthenes over an
    array (not by channels, as the scenario does), so that a sift
    that lets a composite through is caught. At most MOST_PRIMES:
    a trace that claims more is refused rather than worked out."""

    def __init__(self, n):
        if n > MOST_PRIMES:
            raise BadInput(f"the sieve's oracle works out at most "
                           f"{MOST_PRIMES:,} primes, not {n:,}")
        # The n-th prime is below n (ln n + ln ln n) for n >= 6.
        top = 15 if n < 6 else int(n * (math.log(n)
                                        + math.log(math.log(n)))) + 1
        prime = np.ones(top + 1, bool)
        prime[:2] = False
        for k in range(2, math.isqrt(top) + 1):
            if prime[k]:
                prime[k * k::k] = False
        self.items = np.flatnonzero(prime)[:n].astype(np.int64)

    def __contains__(self, item):
        return bool(self.index_of([item])[0] >= 0)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, k):
        return int(self.items[k])

    def handoffs(self):
        """The hand-offs (a send and its receive) the sieve's chain
        makes at least to find these primes: each number up to the
        last prime is received by the sift of every prime below its
        smallest factor, then by the one that drops it, or by main
        if it is prime: k receives for the k-th prime, and for a
        number whose smallest factor is the k-th prime. What the
        generator sends ahead while main stops is not counted."""
        if not len(self):
            return 0
        top = int(self.items[-1])
        smallest = np.arange(top + 1, dtype=np.int64)
        # The largest primes first, so that the smallest factor is
        # the one left in place.
        for p in self.items[self.items <= math.isqrt(top)][::-1]:
            smallest[p * p::p] = p
        return int((np.searchsorted(self.items, smallest[2:])
                    + 1).sum())

    def index_of(self, items):
        """Where each of `items` (numpy int64) is, or -1."""
        items = np.asarray(items, np.int64)
        at = np.searchsorted(self.items, items)
        inside = at < len(self.items)
        hit = inside & (self.items[np.minimum(at, len(self) - 1)]
                        == items) if len(self) else inside
        return np.where(hit, at, -1)


class Union:
    """Several ranges as one container (merging's consumer)."""

    def __init__(self, ranges):
        self.ranges = list(ranges)

    def __contains__(self, item):
        return any(item in r for r in self.ranges)


def roots_of(items):
    """The whole square root of each item (numpy int64), or -1 where
    it has none."""
    items = np.asarray(items, np.int64)
    ok = items >= 0
    root = np.sqrt(np.where(ok, items, 0).astype(np.float64)).astype(
        np.int64)
    for fix in (-1, 1):  # float rounding, far up
        near = root + fix
        good = (near >= 0) & (near <= 3037000499) & (near * near == items)
        root = np.where(good, near, root)
    exact = ok & (root <= 3037000499) & (root * root == items)
    return np.where(exact, root, -1)


def index_in(r, items):
    """Where each of `items` (numpy int64) is in range r, or -1."""
    items = np.asarray(items, np.int64)
    if len(r) == 0:
        return np.full(len(items), -1, np.int64)
    start, step = r.start, r.step
    hi = r[-1]
    inside = (items >= min(start, hi)) & (items <= max(start, hi)) & \
        ((items - start) % step == 0)
    return np.where(inside, (items - start) // step, -1)


def member(may, items):
    """Which of `items` (numpy int64) the container may holds."""
    items = np.asarray(items, np.int64)
    if isinstance(may, range):
        return index_in(may, items) >= 0
    if isinstance(may, Squares):
        return may.index_of(items) >= 0
    if isinstance(may, Union):
        found = np.zeros(len(items), bool)
        for r in may.ranges:
            found |= index_in(r, items) >= 0
        return found
    if isinstance(may, Endless):
        return np.full(len(items), may.count > 0) & (items >= 0)
    return np.fromiter((int(i) in may for i in items.tolist()), bool,
                       len(items))


def one_line(items, consumers, role="consumer", marks=()):
    """producer-0 sends `items` in order to consumers (or workers)
    0..C-1 on one channel; each receiver may log the marks."""
    may = Items(items, span(items))
    actors = Cast()
    actors.add("producer-0", {("put", ""): may})
    rights = {("get", ""): may, **{(m, ""): MARK for m in marks}}
    actors.add_role(role, consumers, lambda _: rights)
    return actors, {"producer-0": ("", items)}, Numbered(role, consumers)


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


def beating(p):
    """counting, beside a heartbeat that ticks (starve)."""
    items = range(p["items"])
    actors, sends, names = one_line(items, 1)
    actors.add("heartbeat-0", {("tick", ""): MARK})
    return Answer(actors, sends, names, each(items),
                  f"{span(items)}, each once")


def primes(p):
    """The sieve: its generator (producer-0) sends 2, 3, 4, … until it
    is stopped, however far it ran ahead, and its consumer (main, at
    the end of the chain) gets the first N primes, in order."""
    found = Primes(p["items"])
    actors = Cast()
    actors.add("producer-0", {("put", ""): Items(range(2, ENDLESS),
                                                  "2, 3, 4, …")})
    actors.add("consumer-0", {("get", ""): Items(
        found, lambda: f"the first {len(found):,} primes")})
    return Answer(actors, {}, ("consumer-0",), each(found),
                  lambda: f"the first {len(found):,} primes, each once")


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
    stride = base(1, n)

    def items_of(k):
        return range(base(k, n), base(k, n) + n)

    sends = Sends(count, lambda k: (chs[k] if channels else "",
                                    items_of(k)))
    actors = Cast()
    actors.add_role("producer", count, lambda k: {
        ("put", sends[f"producer-{k}"][0]): Items(
            items_of(k), span(items_of(k)))})
    if channels:
        got = {ch: [items_of(k)] for k, ch in enumerate(chs)}
        must = [(ch, items_of(k)) for k, ch in enumerate(chs)]
        rights = {("get", ch): Items(Union(ranges),
                                     " and ".join(map(span, ranges)))
                  for ch, ranges in got.items()}
    else:
        blocks = Blocks(count, stride, n)
        must = [("", blocks)] if count else []
        rights = {("get", ""): Items(blocks, lambda: " and ".join(
            span(items_of(k)) for k in range(count)))} if count else {}
    actors.add("consumer-0", rights)

    def says():
        told = "; ".join(f"{span(items)} from {who}{on(ch)}"
                         for who, (ch, items) in sends.items())
        return f"{told or 'nothing'}, each once"
    return Answer(actors, sends, ("consumer-0",), must, says)


class Sends(collections.abc.Mapping):
    """producer-k -> (channel, its items in order), worked out when
    asked, for any number of producers."""

    def __init__(self, count, of):
        self.count, self.of = count, of

    def __getitem__(self, name):
        role, dash, k = name.rpartition("-")
        if role == "producer" and NUMBER.fullmatch(k) and \
                int(k) < self.count:
            return self.of(int(k))
        raise KeyError(name)

    def __iter__(self):
        return (f"producer-{k}" for k in range(self.count))

    def __len__(self):
        return self.count


class Blocks:
    """count blocks of n items, the k-th from k * stride: all that
    merging's producers send on one channel, as a container and a
    sorted sequence that is not built."""

    def __init__(self, count, stride, n):
        self.count, self.stride, self.n = count, stride, n

    def __contains__(self, item):
        k, i = divmod(item, self.stride)
        return 0 <= k < self.count and i < self.n

    def __len__(self):
        return self.count * self.n

    def __getitem__(self, j):
        k, i = divmod(j, self.n)
        return k * self.stride + i

    def index_of(self, items):
        items = np.asarray(items, np.int64)
        k, i = np.divmod(items, self.stride)
        ok = (items >= 0) & (k < self.count) & (i < self.n)
        return np.where(ok, k * self.n + i, -1)


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
    squared = Items(Squares(numbers), f"the squares of {span(numbers)}")
    actors = Cast()
    actors.add("producer-0", {("put", "numbers"): Items(numbers,
                                                        span(numbers))})
    actors.add("consumer-0", {("get", "squares"): squared})
    rights = {("get", "numbers"): Items(numbers, span(numbers)),
              ("put", "squares"): squared}
    actors.add_role("square", c, lambda _: rights)
    return Answer(actors, {"producer-0": ("numbers", numbers)},
                  ("consumer-0",), [("squares", Squares(numbers))],
                  f"the squares of {span(numbers)}, each once, "
                  f"{total(n)} in all", adds_up=total(n))


def total(n):
    """1² + 2² + … + n²"""
    return n * (n + 1) * (2 * n + 1) // 6


def cancelling(p):
    """cancel: producer k of P sends k, k+P, k+2P, … until cancelled;
    consumer-0 receives exactly --items of them, then cancels."""
    n, count = p["items"], p["producers"]
    sends = Sends(count, lambda k: ("", range(k, ENDLESS, count)))
    actors = Cast()
    actors.add_role("producer", count, lambda k: {("put", ""): Items(
        range(k, ENDLESS, count), span(range(k, ENDLESS, count)))})
    words = (f"k, k+{count}, k+{2 * count}, … from each producer-k"
             if count else "nothing")
    actors.add("consumer-0", {
        ("get", ""): Items(Endless(count), words), ("cancel", ""): MARK})
    return Answer(actors, sends, ("consumer-0",), [], f"{n} of {words}",
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
        actors.add("main", {("error", ""): Items(range(bad, bad + 1),
                                                 str(bad))})
    upto = range(bad + 1) if n else range(0)
    says = (f"{span(upto)} at least, each once, and main reports "
            f"{bad}") if n else "nothing"
    return Answer(actors, sends, names, each(items), says,
                  stops_early=True, least=each(upto), error=bad)


def each(items, ch=""):
    """Every item once, on channel ch, as the answer counts them."""
    return [(ch, items)]


def on(ch):
    return f" on {ch}" if ch else ""


ORACLES = {f.__name__: f for f in (counting, patient, beating,
                                   primes, closing, pool,
                                   merging, choosing, squares,
                                   cancelling, failing)}


# The hand-offs a run makes, worked out from its parameters, where an
# oracle knows them and they are not the items: the bench report's
# cost per hand-off of a fixed-size run.
HANDOFFS = {"primes": lambda p: Primes(p["items"]).handoffs()}


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


def said(ans):
    """The answer in words (worked out now, if it was put off)."""
    return ans.says() if callable(ans.says) else ans.says


def groups(trace, op):
    """(actor, channel) -> the rows of `op` events they logged, in
    file order: one sort for all, not a scan per actor."""
    rows = trace.rows(op)
    key = trace.code_of(rows)
    order = np.argsort(key, kind="stable")
    rows, key = rows[order], key[order]
    del order
    cuts = np.flatnonzero(key[1:] != key[:-1]) + 1
    found = {}
    for part in np.split(rows, cuts) if len(rows) else []:
        w, c = int(trace.who[part[0]]), int(trace.ch[part[0]])
        found[trace.actors[w], trace.chs[c]] = part
    return found


def wrong_sends(trace, ans):
    """Each producer sends its items in order: all of them, or, in a
    run that stops early, the first few."""
    puts = groups(trace, "put")
    for who, (ch, items) in ans.sends.items():
        rows = puts.get((who, ch))
        sent = trace.item[rows] if rows is not None else \
            np.zeros(0, np.int64)
        its = f"{span(items)} in order{on(ch)}"
        m = min(len(sent), len(items))
        if m:
            right = items.start + items.step * np.arange(m, dtype=np.int64)
            bad = np.flatnonzero(sent[:m] != right)
            if len(bad):
                i = int(bad[0])
                yield (f"{who}'s item #{i + 1} was {int(sent[i])}, but the "
                       f"right one is {items[i]} (it sends {its})")
                continue
        if len(sent) > len(items):
            yield (f"{who} sent {len(sent)} items, more than its "
                   f"{len(items)} ({its})")
        elif len(sent) < len(items) and not ans.stops_early:
            yield (f"{who} sent {len(sent)} of its {len(items)} "
                   f"items ({its})")


def received(trace, ans):
    """The receivers' gets: channel -> their items, sorted."""
    codes = [k for k, name in enumerate(trace.actors)
             if name in ans.receivers]
    rows = trace.mask("get") & np.isin(trace.who, codes)
    got = {}
    for c, ch in enumerate(trace.chs):
        items = trace.item[rows & (trace.ch == c)]
        if len(items):
            got[ch] = np.sort(items)
    return got


def wrong_receipts(trace, ans):
    """The last stage receives the answer: every item of `must` (of
    `least`, in a run that stops early), nothing else, and in a
    run that asks for a number of items, that number."""
    got = received(trace, ans)
    who = ans.receivers[0] if len(ans.receivers) == 1 else \
        f"the {ans.receivers[0].rsplit('-', 1)[0]}s"
    missing = absent(ans.least if ans.stops_early else ans.must, got)
    if missing[1]:
        yield (f"{who} never received {listed_first(*missing)} (the "
               f"right answer: {said(ans)})")
    if not ans.stops_early:
        extra = beyond(ans.must, got)
        if extra[1]:
            yield (f"{who} received {listed_first(*extra)}, which the "
                   f"right answer does not have ({said(ans)})")
    count = sum(len(items) for items in got.values())
    if ans.exactly is not None and count != ans.exactly:
        yield (f"{who} received {count} items, not the "
               f"{ans.exactly} the run asks for")
    if ans.adds_up is not None:
        added = sum(exact_sum(items) for items in got.values())
        if added != ans.adds_up:
            yield (f"{who}'s items add up to {added}, not "
                   f"{ans.adds_up}")


def index_of(seq, items):
    """Where each of `items` is in a sorted sequence of the answer
    (range, Squares, Blocks), or -1."""
    if isinstance(seq, range):
        return index_in(seq, items)
    return seq.index_of(items)


def absent(must, got, most=5):
    """What of `must` (each once) is not in `got`: its first few, as
    (channel, item) in order, and how many in all."""
    first, count = [], 0
    for ch, seq in must:
        items = got.get(ch, np.zeros(0, np.int64))
        at = index_of(seq, items)
        if len(seq) <= 4 * len(items) + 4096:
            seen = np.zeros(len(seq), bool)  # a byte an item: few
            seen[at[at >= 0]] = True
            at = np.flatnonzero(seen)
        else:  # an answer far larger than what came: sort what came
            at = np.unique(at[at >= 0])
        count += len(seq) - len(at)
        edges = np.concatenate(([-1], at, [len(seq)]))
        gaps = np.flatnonzero(np.diff(edges) > 1)
        taken = []
        for g in gaps[:most]:
            for j in range(int(edges[g]) + 1,
                           min(int(edges[g + 1]), int(edges[g]) + 1 +
                               most)):
                taken.append((ch, seq[j]))
        first += sorted(taken)[:most]
    return sorted(first)[:most], count


def beyond(must, got, most=5):
    """What of `got` is not in `must`, or is there more often than
    once: its first few, as (channel, item) in order, and how many."""
    first, count = [], 0
    seqs = collections.defaultdict(list)
    for ch, seq in must:
        seqs[ch].append(seq)
    for ch, items in got.items():
        inside = np.zeros(len(items), bool)
        for seq in seqs.get(ch, []):
            inside |= index_of(seq, items) >= 0
        again = np.concatenate(([False], items[1:] == items[:-1]))
        extra = items[~inside | again]
        count += len(extra)
        first += [(ch, int(i)) for i in extra[:most]]
    return sorted(first)[:most], count


def exact_sum(items):
    """The sum of int64 items, exactly (it may pass 64 bits)."""
    items = items.astype(np.int64, copy=False)
    high, low = items >> 32, items & 0xFFFFFFFF
    return (int(high.sum()) << 32) + int(low.sum())


def wrong_error(trace, ans):
    if ans.error is None:
        return  # an error main should not report is honest's to name
    reported = trace.item[trace.mask("error")].tolist()
    if reported != [ans.error]:
        said_ = ", ".join(map(str, reported)) or "none"
        yield (f"main reported {said_}, but the right answer is item "
               f"{ans.error}, the middle one, and it alone")


def listed_first(first, count, most=5):
    """listed(), from the first few (channel, item)s and a count."""
    names = [f"{i}{on(ch)}" for ch, i in first[:most]]
    if count == 1:
        return f"item {names[0]}"
    if count > most:
        return f"items {', '.join(names)}, … ({count} in all)"
    return f"items {', '.join(names[:-1])} and {names[-1]}"


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
