"""The contracts: what a scenario promises, checked on traces.

Each contract is a function of the two traces of a row (Go's first,
Python's second) and the Rules they are judged by (the timeline's
tolerance, the scenario's oracle) that returns the violations it
finds, in words a person can act on, or None where it does not
apply. exactly_once and fifo_per_producer judge each trace on its
own; same_sequence and timeline compare the two.
"""

import collections
import dataclasses
import re

import numpy as np

from harness.check import traces
from harness.run import speedup as speedups
from harness.errors import BadInput
from harness.check.honest import honest
from harness.check.oracles import right_answer
from harness.check.traces import ITEM_OPS, OPS

SHOWN = 5  # violations listed per contract; the rest are counted
NO_TRACE = ["no trace to check"]  # a run that left none: see its problem
# contracts between the languages
CROSS = ("same_sequence", "timeline", "heartbeat")


def exactly_once(a, b, rules):
    return each(a, b, lost_or_invented) + (
        [] if same_sends(a, b) else different_items(a, b))


def at_most_once(a, b, rules):
    """For scenarios that stop early (cancel, errors): an item may be
    sent and never received, but none is received twice and none is
    received that was not sent; and an actor that cancels has first
    received the items it asked for (--items)."""
    return each(a, b, lambda t: [*lost_or_invented(t, stops_early=True),
                                 *cancelled_early(t)])


def cancelled_early(trace):
    gets = trace.mask("get")
    for c in trace.ops("cancel"):
        who = trace.code(trace.actors, c.actor)
        got = int((gets & (trace.who == who) & (trace.t <= c.t)).sum())
        if got != trace.params["items"]:
            yield (f"{c.actor} cancelled after {got} "
                   f"item{'' if got == 1 else 's'}, not the "
                   f"{trace.params['items']} it asked for")


def fifo_per_producer(a, b, rules):
    return each(a, b, out_of_order)


def each(a, b, check):
    return [f"{m} ({t.label})" for t in (a, b) for m in check(t)]


def on(ch):
    return f" on {ch}" if ch else ""


def lost_or_invented(trace, stops_early=False):
    """Every item sent on a channel is received from it once; nothing
    else is received. A run that stops early may leave items unsent
    or unreceived."""
    if all_once(trace, stops_early):
        return
    yield from lost_or_invented_each(trace, stops_early)


def all_once(trace, stops_early):
    """True if lost_or_invented surely finds nothing: a few sorts of
    the columns, in place of a dict entry per item."""
    p = trace.params
    puts, gets = trace.mask("put"), trace.mask("get")
    if not stops_early:
        counts = np.bincount(trace.who[puts], minlength=len(trace.actors))
        have = 0
        for code, name in enumerate(trace.actors):
            role, _, k = name.rpartition("-")
            if role == "producer" and k.isdigit() and \
                    name == f"producer-{int(k)}" and int(k) < \
                    p["producers"]:
                if counts[code] != p["items"]:
                    return False
                have += 1
        if p["items"] and have != p["producers"]:
            return False
    sent, got = keys(trace, puts), keys(trace, gets)
    if not stops_early:
        return all(np.array_equal(x, y) for x, y in zip(sent, got))
    if len(trace.chs) > 1:
        return False
    sent, got = sent[-1], got[-1]
    kinds, many = np.unique(got, return_counts=True)
    there = np.searchsorted(sent, kinds, "right") - \
        np.searchsorted(sent, kinds, "left")
    return bool((there > 0).all() and (many <= there).all())


def keys(trace, rows):
    """The (channel, item)s of some events, sorted: as columns (one,
    where a (channel, item) fits in 64 bits: sorted in place, with no
    index column beside it)."""
    item = trace.item[rows]
    if len(trace.chs) <= 1:
        item.sort()
        return (item,)
    ch = trace.ch[rows]
    if item.dtype.itemsize <= 4:
        joined = joined_key(ch, item)
        joined.sort()
        return (joined,)
    if len(trace.chs) <= STREAMS:  # each channel's items, sorted
        return tuple(np.sort(item[ch == c]) for c in
                     range(len(trace.chs)))
    order = np.lexsort((item, ch))
    return ch[order], item[order]


def joined_key(high, item):
    """A 32-bit code and a 32-bit item as one int64 that sorts as the
    pair does."""
    out = high.astype(np.int64) << 32
    out += item.astype(np.int64) - np.iinfo(np.int32).min
    return out


def lost_or_invented_each(trace, stops_early=False):
    """lost_or_invented, item by item, to word what it finds: from
    the columns, grouped by (channel, item) with a sort, so that a run
    that lost half a million items costs their words and no more."""
    p = trace.params
    puts = np.flatnonzero(trace.mask("put"))
    gets = np.flatnonzero(trace.mask("get"))
    counts = np.bincount(trace.who[puts], minlength=len(trace.actors))
    count_of = dict(zip(trace.actors, counts.tolist()))
    if not stops_early:
        for k in range(p["producers"]):
            name = f"producer-{k}"
            n = count_of.get(name, 0)
            if n != p["items"]:
                yield (f"{name} sent {n} items, expected "
                       f"{p['items']}")
    sent, got = key_groups(trace, puts), key_groups(trace, gets)
    match = np.full(len(sent.first), -1, np.int64)  # its get group
    for c in range(len(trace.chs)):
        s_at = np.flatnonzero(sent.ch == c)
        g_at = np.flatnonzero(got.ch == c)
        if not len(s_at) or not len(g_at):
            continue
        g_items = got.item[g_at]
        at = np.minimum(np.searchsorted(g_items, sent.item[s_at]),
                        len(g_at) - 1)
        hit = g_items[at] == sent.item[s_at]
        match[s_at[hit]] = g_at[at[hit]]
    received = np.where(match >= 0, got.size[np.maximum(match, 0)], 0) \
        if len(got.size) else np.zeros(len(match), np.int64)
    bad = (received > sent.size) | (~np.bool_(stops_early) & (
        received != sent.size))
    chs, actors, t = trace.chs, trace.actors, trace.t
    for g in np.flatnonzero(bad)[np.argsort(sent.first[bad],
                                            kind="stable")].tolist():
        ch, item = chs[int(sent.ch[g])], int(sent.item[g])
        n, senders = int(received[g]), int(sent.size[g])
        who = (f"item {item} from "
               f"{actors[int(trace.who[sent.first[g]])]}{on(ch)}")
        if not n:
            yield f"{who} was sent but never received"
        elif n > senders:
            rows = got.rows[got.start[match[g]]:
                            got.start[match[g]] + n].tolist()
            when = ", ".join(f"{actors[int(trace.who[r])]} at "
                             f"{t[r]:.3f}s" for r in rows)
            yield f"{who} was received {n} times ({when})"
        else:
            yield (f"item {item}{on(ch)} was sent {senders} times "
                   f"but received {n} times")
    unsent = np.ones(len(got.first), bool)
    unsent[match[match >= 0]] = False
    for g in np.flatnonzero(unsent)[np.argsort(got.first[unsent],
                                               kind="stable")].tolist():
        r = int(got.first[g])
        yield (f"item {int(trace.item[r])} was received by "
               f"{actors[int(trace.who[r])]}{on(chs[int(trace.ch[r])])} "
               f"at {t[r]:.3f}s but never sent")


@dataclasses.dataclass
class Groups:
    """Events grouped by (channel, item), the groups in (channel,
    item) order: rows, sorted so, each group's in file order; each
    group's start in rows, size, first row, channel and item."""
    rows: np.ndarray
    start: np.ndarray
    size: np.ndarray
    first: np.ndarray
    ch: np.ndarray
    item: np.ndarray


def key_groups(trace, rows):
    order = np.lexsort((trace.item[rows], trace.ch[rows]))  # stable
    rows = rows[order]
    ch, item = trace.ch[rows], trace.item[rows]
    edge = np.ones(len(rows), bool)
    edge[1:] = (ch[1:] != ch[:-1]) | (item[1:] != item[:-1])
    start = np.flatnonzero(edge)
    size = np.diff(np.append(start, len(rows)))
    return Groups(rows, start, size, rows[start], ch[start], item[start])


def names_as(trace, names, column, rows, rename=str):
    """A column of actor or channel codes as codes of a shared
    numbering by name (so that two traces can be compared)."""
    table = np.array([names.setdefault(rename(n), len(names))
                      for n in column], np.int32)
    return table[rows] if len(table) else rows.astype(np.int32)


def same_sends(a, b):
    """True if both traces send the same (producer, channel, item)s,
    as many times each: different_items surely finds nothing."""
    who, chs = {}, {}
    mine = sorted_pairs(a, "put", who, chs, sender)
    return equal_pairs(mine, sorted_pairs(b, "put", who, chs, sender))


def sender(name):
    return name if name.startswith("producer-") else ""


WIDE = 1 << 24  # channels a (who, channel) key has room for


def sorted_pairs(t, op, who, chs, rename=str, by_item=True):
    """The (who, channel) and item of a trace's `op` events, who and
    channel numbered by name (shared by the two traces): sorted by
    both, or (by_item False) by who and channel only, in file order
    within each. As few columns as will do: one key and the items,
    or (by item, where both fit in 32 bits) one joined column sorted
    in place."""
    rows = t.mask(op)
    w = names_as(t, who, t.actors, t.who[rows], rename)
    c = names_as(t, chs, t.chs, t.ch[rows])
    if len(chs) >= WIDE:
        order = np.lexsort((t.item[rows], c, w)) if by_item else \
            np.lexsort((c, w))
        return w[order], c[order], t.item[rows][order]
    key = w.astype(np.int64) * WIDE + c
    del w, c
    if not len(key) or key.max() < 1 << 31:
        key = key.astype(np.int32)
    item = t.item[rows]
    if by_item and item.dtype.itemsize <= 4 and key.dtype == np.int32:
        joined = joined_key(key, item)
        del key, item
        joined.sort()
        return (joined,)
    if by_item:
        kinds = np.unique(key)
        if len(kinds) <= STREAMS:  # each key's items, sorted
            return (kinds, *(np.sort(item[key == k]) for k in kinds))
    order = np.lexsort((item, key)) if by_item else \
        np.argsort(key, kind="stable")
    return key[order], item[order]


def equal_pairs(x, y):
    return len(x) == len(y) and all(np.array_equal(p, q)
                                    for p, q in zip(x, y))


def different_items(a, b):
    """Both languages send the same items: a producer that sends the
    wrong values, received as sent, is caught here. Producers are
    compared one by one; a middle stage's sends as a whole, since
    which of several squarers squares which number is up to the
    scheduler."""
    def who(actor):
        return actor if actor.startswith("producer-") else ""

    sent = [collections.Counter((who(e.actor), e.ch, e.item)
                                for e in t.ops("put")) for t in (a, b)]
    found = []
    for one, other, x, y in ((0, 1, a, b), (1, 0, b, a)):
        for (actor, ch, item), n in sorted((sent[one] - sent[other])
                                           .items()):
            found.append(f"{actor or 'a stage'} sent item {item}{on(ch)} "
                         f"{times(n)} more in {x.label} than in {y.label}")
    return found


def times(n):
    return {0: "never", 1: "once"}.get(n, f"{n} times")


def out_of_order(trace):
    """Each consumer gets each producer's items in sending order, on
    every channel."""
    if in_order(trace):
        return
    yield from out_of_order_each(trace)


def in_order(trace):
    """True if out_of_order surely finds nothing: where each item is
    sent once and received once by each, every (consumer, channel,
    producer)'s receipts are in sending order. Rows are held in 32
    bits, and each working column let go once used."""
    puts = trace.rows("put")
    gets = trace.rows("get")
    one = len(trace.chs) == 1
    rank = np.full(len(gets), -1, np.int32)  # its put's row
    again = False  # an item received twice on a channel
    for c in range(len(trace.chs)):
        p = puts if one else puts[trace.ch[puts] == c]
        items = trace.item[p]
        order = np.argsort(items, kind="stable").astype(np.int32)
        items = items[order]
        if (items[1:] == items[:-1]).any():
            return False  # an item sent twice: word it one by one
        on_c = None if one else \
            np.flatnonzero(trace.ch[gets] == c).astype(np.int32)
        got = trace.item[gets] if one else trace.item[gets[on_c]]
        if len(items):
            at = np.searchsorted(items, got).astype(np.int32)
            np.minimum(at, len(items) - 1, out=at)
            found = items[at] == got
            del got
            at = at[found]
            rows = p[order[at]]
            del at, order
            if one:
                rank[found] = rows
            else:
                rank[on_c[found]] = rows
            del rows, found
        seen = rank[rank >= 0] if one else rank[on_c][rank[on_c] >= 0]
        seen.sort()
        again = again or bool((seen[1:] == seen[:-1]).any())
        del seen, items
    if again:
        return False  # the same item received twice: one by one
    known = rank >= 0
    rank = rank[known]
    # (consumer, channel, producer) as one code, then by it in file
    # order: each group's put rows must rise.
    whose = gets[known]
    wide = (len(trace.actors) + 1) ** 2 * (len(trace.chs) + 1) >= 1 << 31
    group = trace.who[whose].astype(np.int64 if wide else np.int32)
    group *= len(trace.chs) + 1
    group += trace.ch[whose]
    del whose
    group *= len(trace.actors) + 1
    group += trace.who[rank]
    order = np.argsort(group, kind="stable")
    group = group[order]
    rank = rank[order]
    del order
    return not ((group[1:] == group[:-1]) & (rank[1:] <= rank[:-1])).any()


def out_of_order_each(trace):
    """out_of_order, event by event, to word what it finds."""
    rank, owner = {}, {}
    for e in trace.ops("put"):
        owner.setdefault((e.ch, e.item), e.actor)
        rank.setdefault((e.ch, e.item), len(rank))
    latest = {}  # (consumer, channel, producer) -> latest item by rank
    seen = set()
    for e in trace.ops("get"):
        item = (e.ch, e.item)
        if item not in owner or (e.actor, item) in seen:
            continue  # never sent, or again: exactly_once says so
        seen.add((e.actor, item))
        key = (e.actor, e.ch, owner[item])
        before = latest.get(key)
        if before is not None and rank[item] < rank[e.ch, before]:
            yield (f"{e.actor} received item {e.item} from {key[2]}"
                   f"{on(e.ch)} after item {before}, but {key[2]} sent "
                   f"{e.item} first")
        else:
            latest[key] = e.item


def same_sequence(a, b, rules):
    """Each consumer receives the same items in the same order. Only
    a run with one producer and one consumer is deterministic; with
    more, which goes first is the scheduler's choice."""
    if a.params["producers"] > 1 or a.params["consumers"] > 1:
        return None
    if same_streams(a, b):
        return []
    found = []
    seqs = [streams_of(t) for t in (a, b)]
    for c, ch in sorted(seqs[0].keys() | seqs[1].keys()):
        seq = [s.get((c, ch), []) for s in seqs]
        for i, (x, y) in enumerate(zip(*seq)):
            if x != y:
                found.append(f"{c}'s item #{i + 1}{on(ch)} was {x} in "
                             f"{a.label} but {y} in {b.label}")
                break
        else:
            if len(seq[0]) != len(seq[1]):
                found.append(f"{c} received {len(seq[0])} items{on(ch)} "
                             f"in {a.label} but {len(seq[1])} in "
                             f"{b.label}")
    return found


def streams_of(trace):
    """(consumer, channel) -> the items it received, in order: one
    pass over the trace."""
    out = collections.defaultdict(list)
    for e in trace.ops("get"):
        out[e.actor, e.ch].append(e.item)
    return out


def same_streams(a, b):
    """True if every (consumer, channel) received the same items in
    the same order in both: same_sequence surely finds nothing."""
    mine, theirs = streams(a), streams(b)
    if mine is None or theirs is None:
        who, chs = {}, {}
        mine = sorted_pairs(a, "get", who, chs, by_item=False)
        return equal_pairs(mine, sorted_pairs(b, "get", who, chs,
                                              by_item=False))
    return mine.keys() == theirs.keys() and all(
        np.array_equal(mine[k], theirs[k]) for k in mine)


STREAMS = 64  # (consumer, channel)s taken one at a time, up to this


def streams(trace):
    """(consumer, channel) -> the items it received, in order, as
    columns; None where there are more than STREAMS of them (a sort
    does those at once)."""
    rows = trace.rows("get")
    code = trace.code_of(rows)
    kinds = np.unique(code) if len(code) else code
    if len(kinds) > STREAMS:
        return None
    out = {}
    for k in kinds.tolist():
        who, ch = divmod(k, len(trace.chs) + 1)
        out[trace.actors[who], trace.chs[ch]] = trace.item[rows[code == k]]
    return out


def paced(params):
    """The pace a run is set to: the larger of its two waits."""
    return max(params["delay"], params.get("work", 0))


def timeline(a, b, rules):
    """Each event happens at the same time in both, within tolerance,
    once each actor is lined up on its own earlier events: a start-up
    offset, a slow first wake-up or a pause the machine imposed moves
    the rest of an actor's timeline, and is not what the scenario
    does. Events are matched by actor, operation, channel, item and
    occurrence. differences() has the rule."""
    if paced(a.params) == 0:
        return None
    return [text for text, _ in differences(a, b, rules)]


def differences(a, b, rules):
    """The timeline's violations, each with its excess in seconds:
    how far beyond what is allowed a gap or a drift went, or, for a
    count of timeouts, cancels or closes that differs, the run's pace
    (the margin that decided the count). within_noise() weighs them.

    Per actor (or role, see keyed()), in time order:
    - its first event may be up to startup_s apart (fork, start-up);
    - each later event must be within s of where the actor's last
      event that agreed puts it: a gap is measured from there, so a
      lone late event is named once and jitter does not add up;
    - over the actor's whole life the two may drift apart by at most
      s plus `drift` times its length: pacing of another speed
      shows here, however small each step."""
    found = []
    for who, ia, ib in matched_lanes(a, b):
        found += lane_of_columns(who, ia, ib, a, b, rules)
    found = [(text, excess) for _, text, excess in
             sorted(found, key=lambda f: f[0])]
    # A count needs the pace to dwarf the jitter: timeout's stall
    # is one delay longer than the consumer's patience.
    if paced(a.params) >= rules.s:
        found += [(text, paced(a.params))
                  for text in different_marks(a, b)]
    return found


def key_columns(trace, whos, chs):
    """keyed(), as columns: each event's (who, op, channel, item,
    occurrence), who and channel numbered by name in whos and chs
    (shared by the two traces), the role standing for its actors
    where it has several."""
    roles = collections.Counter(role(x) for x in trace.actors)
    wmap = np.array([whos.setdefault(role(x) if roles[role(x)] > 1
                                     else x, len(whos))
                     for x in trace.actors] or [0], np.int64)
    cmap = np.array([chs.setdefault(x, len(chs)) for x in trace.chs]
                    or [0], np.int64)
    w, c = wmap[trace.who], cmap[trace.ch]
    op = trace.op.astype(np.int64)
    item = np.where(op < len(ITEM_OPS), trace.item, 0)
    order = np.lexsort((item, c, op, w))  # stable: file order
    edge = np.ones(len(order), bool)
    sw, so, sc, si = w[order], op[order], c[order], item[order]
    edge[1:] = (sw[1:] != sw[:-1]) | (so[1:] != so[:-1]) | \
        (sc[1:] != sc[:-1]) | (si[1:] != si[:-1])
    start = np.maximum.accumulate(np.where(edge, np.arange(len(order)),
                                           0)) if len(order) else order
    occ = np.empty(len(order), np.int64)
    occ[order] = np.arange(len(order)) - start
    return w, op, c, item, occ


def matched_lanes(a, b):
    """lanes(), as columns: (who, rows in a, rows in b) for each
    actor or role, its matched events in a's time order (its file
    order where two times are equal), the lanes in the order of
    their first event so."""
    whos, chs = {}, {}
    ka, kb = key_columns(a, whos, chs), key_columns(b, whos, chs)
    flag = np.concatenate((np.zeros(len(a), np.int8),
                           np.ones(len(b), np.int8)))
    row = np.concatenate((np.arange(len(a)), np.arange(len(b))))
    cols = [np.concatenate(pair) for pair in zip(ka, kb)]
    order = np.lexsort((flag, *reversed(cols)))
    same = flag[order[:-1]] < flag[order[1:]]
    for col in cols:
        same &= col[order[:-1]] == col[order[1:]]
    ia, ib = row[order[:-1][same]], row[order[1:][same]]
    by_time = np.lexsort((ia, a.t[ia]))
    ia, ib = ia[by_time], ib[by_time]
    who = ka[0][ia]
    names = {v: k for k, v in whos.items()}
    kinds, first = np.unique(who, return_index=True)
    rank = np.empty(len(kinds), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(kinds))
    lane = rank[np.searchsorted(kinds, who)]
    order = np.argsort(lane, kind="stable")
    cuts = np.flatnonzero(np.diff(lane[order])) + 1
    return [(names[int(who[part[0]])], ia[part], ib[part])
            for part in (np.split(order, cuts) if len(order) else [])]


def lane_of_columns(who, ia, ib, a, b, rules):
    """lane(), on one actor's matched rows: its violations as (time,
    text, excess)."""
    ta, tb = a.t[ia], b.t[ib]
    first, late_start, gaps, agreed, drift = steps_of(ta, tb, rules)
    found = []

    def gap_text(n, how):
        r = int(ia[n])
        op = OPS[int(a.op[r])]
        item = int(a.item[r]) if op in ITEM_OPS else None
        return (f"{who} {WORDS.get(op, op)}{item_of(item)}"
                f"{on(a.chs[int(a.ch[r])])} at {ta[n]:.3f}s in "
                f"{a.label} but at {tb[n]:.3f}s in {b.label} ({how})")

    if late_start:
        found.append((float(ta[0]), gap_text(
            0, f"{ms(abs(first))} apart; more than a start-up of "
            f"{ms(rules.startup_s)}"), abs(first) - rules.startup_s))
    for n in (np.flatnonzero(~agreed) + 1).tolist():
        gap = float(gaps[n - 1])
        before = float(tb[n] - ta[n]) - gap
        lined = (f", once {who} is lined up on its earlier events"
                 if abs(before) >= 0.0005 else "")
        found.append((float(ta[n]), gap_text(
            n, f"{ms(abs(gap))} apart{lined}; tolerance {ms(rules.s)}"),
            abs(gap) - rules.s))
    span = float(ta[-1] - ta[0])
    allowed = rules.s + rules.drift * span
    if abs(drift) > allowed + EPSILON:
        found.append((float(ta[-1]), (
            f"{who} drifted {ms(abs(drift))} "
            f"{'behind' if drift > 0 else 'ahead'} in {b.label} "
            f"over its {span:.3f}s in {a.label}: paced differently "
            f"(allowed {ms(allowed)})"), abs(drift) - allowed))
    return found


def steps_of(ta, tb, rules):
    """measure(), on one lane's times: (first gap, late start, each
    later event's gap, whether it agreed, drift). Where every event
    moves the line (agrees, or the next keeps step with it), the gaps
    are plain differences, worked out at once; otherwise the rule
    goes event by event."""
    d = tb - ta
    first = float(d[0])
    late_start = abs(first) > rules.startup_s + EPSILON
    line = 0.0 if late_start else first
    tol = rules.s + EPSILON
    if len(d) == 1:
        return first, late_start, np.zeros(0), np.zeros(0, bool), 0.0
    prev = np.empty(len(d) - 1)
    prev[0], prev[1:] = line, d[1:-1]
    gaps = d[1:] - prev
    agreed = np.abs(gaps) <= tol
    keep = np.zeros(len(d) - 1, bool)
    keep[:-1] = np.abs(d[2:] - d[1:-1]) <= tol
    moves = agreed | keep
    if moves[:-1].all():
        offset = float(d[-1]) if moves[-1] else float(prev[-1])
        return first, late_start, gaps, agreed, offset - line
    d = d.tolist()
    offset, gaps, agreed = line, [], []
    for n in range(1, len(d)):
        gap = d[n] - offset
        ok = abs(gap) <= tol
        gaps.append(gap)
        agreed.append(ok)
        if ok or n + 1 < len(d) and abs(d[n + 1] - (offset + gap)) <= tol:
            offset += gap
    return first, late_start, np.array(gaps), np.array(agreed, bool), \
        offset - line


def lanes(times):
    """The keys both traces have, per actor, in the first trace's
    time order (its file order where two times are equal)."""
    both = sorted((k for k in times[0] if k in times[1]),
                  key=lambda k: times[0][k])
    out = collections.defaultdict(list)
    for key in both:
        out[key[0]].append(key)
    return out


EPSILON = 1e-9  # times are floats: 0.1 - 0.05 is not quite 0.05


@dataclasses.dataclass
class Lane:
    """One actor's timeline in both traces, measured by the rule:
    first, its first event's gap (start-up); steps, (key, gap,
    agreed) for each later event, the gap from where the actor's
    last agreeing event puts it; drift, how far that line moved from
    the first event's over the actor's `span` seconds."""
    first: float
    late_start: bool
    steps: list
    drift: float
    span: float


def measure(keys, times, rules):
    """The rule, applied to one actor's matched keys (differences()
    words what it finds; report/spread.py reports it as numbers)."""
    first = times[1][keys[0]] - times[0][keys[0]]
    late_start = abs(first) > rules.startup_s + EPSILON
    line = 0.0 if late_start else first  # no start-up: as recorded
    offset, steps = line, []
    for n, key in enumerate(keys[1:], 1):
        gap = times[1][key] - times[0][key] - offset
        agreed = abs(gap) <= rules.s + EPSILON
        steps.append((key, gap, agreed))
        # Agreed, the next is measured from here. Not agreed, but the
        # next event keeps step with this one: the rest of the
        # timeline moved with it, named once, here, and measured from
        # here on (the drift check still sees the move). A lone late
        # event leaves the line where it was.
        if agreed or n + 1 < len(keys) and abs(
                times[1][keys[n + 1]] - times[0][keys[n + 1]]
                - (offset + gap)) <= rules.s + EPSILON:
            offset += gap
    return Lane(first, late_start, steps, offset - line,
                times[0][keys[-1]] - times[0][keys[0]])


def lane(keys, times, a, b, rules):
    """One actor's violations as (time, text, excess)."""
    m, found = measure(keys, times, rules), []
    if m.late_start:
        found.append((times[0][keys[0]], event_gap(
            keys[0], times, a, b, f"{ms(abs(m.first))} apart; more "
            f"than a start-up of {ms(rules.startup_s)}"),
            abs(m.first) - rules.startup_s))
    for key, gap, agreed in m.steps:
        if not agreed:
            before = times[1][key] - times[0][key] - gap
            lined = (f", once {key[0]} is lined up on its earlier "
                     f"events" if abs(before) >= 0.0005 else "")
            found.append((times[0][key], event_gap(
                key, times, a, b, f"{ms(abs(gap))} apart{lined}; "
                f"tolerance {ms(rules.s)}"), abs(gap) - rules.s))
    allowed = rules.s + rules.drift * m.span
    if abs(m.drift) > allowed + EPSILON:
        found.append((times[0][keys[-1]], (
            f"{keys[0][0]} drifted {ms(abs(m.drift))} "
            f"{'behind' if m.drift > 0 else 'ahead'} in {b.label} "
            f"over its {m.span:.3f}s in {a.label}: paced differently "
            f"(allowed {ms(allowed)})"), abs(m.drift) - allowed))
    return found


def event_gap(key, times, a, b, how):
    actor, op, ch, item, _ = key
    ta, tb = times[0][key], times[1][key]
    return (f"{actor} {WORDS.get(op, op)}{item_of(item)}{on(ch)} at "
            f"{ta:.3f}s in {a.label} but at {tb:.3f}s in {b.label} "
            f"({how})")


def within_noise(found, noise):
    """Could every difference found be the machine's doing? Both
    programs may be late by up to the noise measured, one each way,
    so a gap that exceeds the tolerance by at most twice the noise
    cannot be told from jitter."""
    return bool(found) and all(excess <= 2 * noise
                               for _, excess in found)


WORDS = {"put": "sent", "get": "received", "error": "reported",
         "timeout": "timed out", "cancel": "cancelled",
         "closed": "saw the close", "tick": "ticked"}


def item_of(item):
    return "" if item is None else f" item {item}"


# The words gap_text() and event_gap() write for one event found apart,
# read back: make pages marks the two events a violation names, and
# states the difference, from summary.json alone. A drift or a count
# that differs names no one event and does not match.
GAP = re.compile(
    r"(?P<who>\S+) (?P<op>" + "|".join(map(re.escape, WORDS.values()))
    + r")(?: item (?P<item>-?\d+))?(?: on (?P<ch>\S+))? at "
    r"(?P<ta>\d+(?:\.\d+)?)s in (?P<a>.+?) but at (?P<tb>\d+(?:\.\d+)?)s"
    r" in (?P<b>.+?) \((?P<gap>\d+) ms apart(?P<lined>, once \S+ is "
    r"lined up on its earlier events)?(?:; more than a start-up of "
    r"(?P<startup>\d+) ms|; tolerance (?P<tol>\d+) ms)\)")
OP_OF = {words: op for op, words in WORDS.items()}


def gap_of(text):
    """A timeline violation about one event, as a dict: who (an actor,
    or a role standing for its actors), op, item (None if it has
    none), ch ("" if none), ta and tb (its time in each trace, to the
    millisecond), gap_ms (how far apart once lined up), lined (True if
    the actor's earlier events moved the line), start_up (True if it
    is the actor's first event, late by more than a start-up) and
    limit_ms (the tolerance, or the start-up allowed); None for any
    other text."""
    m = GAP.fullmatch(text) if isinstance(text, str) else None
    if not m:
        return None
    item = m["item"]
    return {"who": m["who"], "op": OP_OF[m["op"]],
            "item": None if item is None else int(item),
            "ch": m["ch"] or "", "ta": float(m["ta"]),
            "tb": float(m["tb"]), "gap_ms": int(m["gap"]),
            "lined": bool(m["lined"]), "start_up": bool(m["startup"]),
            "limit_ms": int(m["startup"] or m["tol"])}


def different_marks(a, b):
    """Timeouts, cancels and closes happen as often in both: a
    timeout one language has and the other lacks has no time to
    compare, so it is counted here."""
    counts = [mark_counts(t) for t in (a, b)]
    return [f"{who} {WORDS[op]}{on(ch)} {times(counts[0][key])} in "
            f"{a.label} but {times(counts[1][key])} in {b.label}"
            for key in sorted(counts[0].keys() | counts[1].keys())
            for who, op, ch in [key]
            if counts[0][key] != counts[1][key]]


def mark_counts(trace):
    """(who, op, channel) -> how many: the trace's marks, counted as
    keyed() names their actors."""
    roles = collections.Counter(role(x) for x in trace.actors)
    marks = trace.op >= len(ITEM_OPS)
    width = len(trace.chs) + 1
    key = (trace.who[marks].astype(np.int64) * len(OPS) +
           trace.op[marks]) * width + trace.ch[marks]
    kinds, many = np.unique(key, return_counts=True)
    found = collections.Counter()
    for k, n in zip(kinds.tolist(), many.tolist()):
        rest, c = divmod(k, width)
        w, o = divmod(rest, len(OPS))
        actor = trace.actors[w]
        who = role(actor) if roles[role(actor)] > 1 else actor
        found[who, OPS[o], trace.chs[c]] += n
    return found


def bounded_by_buffer(a, b, rules):
    """Backpressure: with capacity B, the producer's k-th send cannot
    complete before the consumer's (k-B)-th receive, since B items
    wait in the buffer and the consumer holds the one it is working
    on. Which of the two logs that moment first is a race, and on a
    busy machine either can lag by any amount; so the rule checked
    is the one no lag can break: the k-th send is logged after the
    (k-B-1)-th receive, which the consumer logged before it took the
    item that freed the room. A producer two or more items beyond
    its buffer is caught; one item beyond it is the timeline's to
    see. Only for one producer, one consumer and one channel."""
    for t in (a, b):
        pairs = {(t.actors[w], t.chs[c]) for w, c in set(zip(
            t.who.tolist(), t.ch.tolist()))} if len(t) else set()
        if pairs != {("producer-0", ""), ("consumer-0", "")}:
            return None
    return each(a, b, ahead)


def ahead(trace):
    buffer = trace.params["buffer"]
    producer, consumer = (trace.code(trace.actors, n)
                          for n in ("producer-0", "consumer-0"))
    puts = np.flatnonzero(trace.mask("put") & (trace.who == producer))
    gets = np.flatnonzero(trace.mask("get") & (trace.who == consumer))
    ks = np.arange(buffer + 1, min(len(puts), len(gets) + buffer + 1))
    if not len(ks):
        return
    put, get = puts[ks], gets[ks - buffer - 1]
    early = np.flatnonzero(trace.t[put] < trace.t[get])
    if len(early):
        put, get = int(put[early[0]]), int(get[early[0]])
        pt, gt = float(trace.t[put]), float(trace.t[get])
        yield (f"producer-0 sent item {int(trace.item[put])} at "
               f"{pt:.3f}s, before consumer-0 took item "
               f"{int(trace.item[get])} at {gt:.3f}s: more than "
               f"{buffer + 1} item(s) ahead (buffer {buffer})")


def keyed(trace):
    """Event times by (who, op, channel, item, occurrence). Where a
    role has several actors (workers, squarers), which of them takes
    an item is the scheduler's choice, so the role stands for them."""
    roles = collections.Counter(role(a)
                                for a in {e.actor for e in trace.events})
    seen, times = collections.Counter(), {}
    for e in trace.events:
        who = role(e.actor) if roles[role(e.actor)] > 1 else e.actor
        key = (who, e.op, e.ch, e.item)
        times[(*key, seen[key])] = e.t
        seen[key] += 1
    return times


def role(actor):
    """worker-3 -> worker"""
    return actor.rsplit("-", 1)[0]


def ms(seconds):
    return f"{seconds * 1000:.0f} ms"


def no_leaks(a, b, rules):
    """Nothing the scenario started is still running when main
    returns: the end event counts goroutines, tasks, threads or
    processes left behind."""
    if a.running is None or b.running is None:
        return None
    return [f"{t.label} left {t.running} {kind(t)} running after main "
            f"returned" for t in (a, b) if t.running]


def kind(trace):
    """What a language's model runs its actors as."""
    if trace.start.get("lang") == "go":
        return "goroutine(s)"
    return {"threads": "thread(s)", "processes": "process(es)"}.get(
        trace.start.get("model"), "task(s)")


def all_closed(a, b, rules):
    """Closing reaches every consumer: each sees the end of the
    stream once and receives nothing after it."""
    return each(a, b, unclosed)


def unclosed(trace):
    closed, gets = rows_by_actor(trace, "closed"), \
        rows_by_actor(trace, "get")
    empty = np.zeros(0, np.int64)
    for k in range(trace.params["consumers"]):
        name = f"consumer-{k}"
        closes = closed.get(name, empty)
        if len(closes) != 1:
            yield f"{name} saw the close {times(len(closes))}"
            continue
        close = float(trace.t[closes[0]])
        mine = gets.get(name, empty)
        late = mine[trace.t[mine] > close]
        if len(late):
            yield (f"{name} received item {int(trace.item[late[0]])} at "
                   f"{float(trace.t[late[0]]):.3f}s, after it saw the "
                   f"close at {close:.3f}s")


def rows_by_actor(trace, op):
    """actor -> the rows of its `op` events, in order: one sort, not
    one scan per actor."""
    rows = np.flatnonzero(trace.mask(op))
    order = np.argsort(trace.who[rows], kind="stable")
    rows = rows[order]
    who = trace.who[rows]
    cuts = np.flatnonzero(np.diff(who)) + 1
    return {trace.actors[int(trace.who[part[0]])]: part
            for part in (np.split(rows, cuts) if len(rows) else [])}


def first_error(a, b, rules):
    """main reports one error, for an item a worker received, and it
    is the same item in both languages."""
    if a.params["items"] == 0:
        return None  # no item, so none to fail
    found = each(a, b, one_error)
    errors = [t.item[t.mask("error")].tolist() for t in (a, b)]
    if not found and errors[0] != errors[1]:
        found.append(f"main reported item {errors[0][0]} in {a.label} "
                     f"but item {errors[1][0]} in {b.label}")
    return found


def one_error(trace):
    errors = np.flatnonzero(trace.mask("error"))
    if len(errors) != 1:
        yield f"main reported {len(errors)} errors, expected 1"
        return
    item, when = int(trace.item[errors[0]]), trace.t[errors[0]]
    before = trace.t <= when
    got = np.unique(trace.item[trace.mask("get") & before])
    if item not in got:
        yield f"main reported item {item}, which no worker received"
        return
    # One producer, one channel: whatever was sent before the bad
    # item was received before it.
    sent = trace.item[trace.mask("put") & before]
    missed = np.setdiff1d(sent[sent < item], got)
    if len(missed):
        yield (f"item {int(missed[0])}, sent before item {item}, was "
               f"never received")


def heartbeat(a, b, rules):
    """A heartbeat keeps its pace in both languages while a consumer
    computes: from the first item received to the end, it never
    stops for longer than rules.gap_s (gap_allowed()). Its figures
    are each language's largest gap."""
    if a.params["items"] == 0 or a.params["cpu"] == 0:
        return None  # no work to starve it
    figures = []
    for t in (a, b):
        gap, since = largest_gap(t)
        figures.append(f"{t.label}: the heartbeat's largest gap was "
                       f"{ms(gap)}, from {since:.3f}s (at most "
                       f"{ms(rules.gap_s)})")
    found = [text for text, _ in long_gaps(a, b, rules.gap_s)]
    return Finding(found, "fail" if found else "pass", figures)


def gap_allowed(registry, params):
    """The longest a heartbeat may stop: the tolerance, or a share of
    an item's CPU work where that is more ([harness] heartbeat): a
    heartbeat the work holds up stops for all of it."""
    work = registry.cpu.get("unit_s", 0) * params.get("cpu", 0)
    return max(tolerance(registry, paced(params)).s,
               registry.heartbeat["work_share"] * work)


def long_gaps(a, b, gap_s):
    """The heartbeat's violations, each with its excess in seconds
    (how much longer than gap_s it stopped), as differences() gives
    the timeline's, for compare.settle to weigh against the noise."""
    found = []
    for t in (a, b):
        gap, since = largest_gap(t)
        if gap > gap_s + EPSILON:
            found.append((f"the heartbeat stopped for {ms(gap)} from "
                          f"{since:.3f}s ({t.label}); it may stop for "
                          f"at most {ms(gap_s)}", gap - gap_s))
    return found


def largest_gap(trace):
    """(seconds, from when): the heartbeat's longest silence between
    the first item received and the end of the run."""
    gets = trace.t[trace.mask("get")]
    ends = trace.end_t if trace.end_t is not None else \
        float(trace.t.max())
    begin = float(gets.min()) if len(gets) else 0.0
    ticks = trace.t[trace.mask("tick")]
    points = np.concatenate(([begin], ticks[(ticks > begin) &
                                            (ticks < ends)], [ends]))
    gaps = np.diff(points)
    k = int(np.argmax(gaps))
    return float(gaps[k]), float(points[k])


def speedup(a, b, rules):
    """W workers finish CPU-bound work as much sooner than one as
    each program's model can on this machine's cores (speedup.py);
    two traces alone, without their one-worker runs, cannot say."""
    return speedups.check(a, b, rules.speedup)


class Finding(list):
    """What a contract found, where a list alone cannot say it: the
    violations, a status of its own ("unjudged": the machine was too
    busy to tell), and figures to show whatever the status (a
    speedup, a heartbeat's gap)."""

    def __init__(self, violations, status, figures=()):
        super().__init__(violations)
        self.status, self.figures = status, list(figures)


CONTRACTS = {f.__name__: f for f in
             (honest, right_answer,
              exactly_once, at_most_once, fifo_per_producer,
              same_sequence, bounded_by_buffer, all_closed,
              first_error, no_leaks, timeline, heartbeat, speedup)}


@dataclasses.dataclass
class Verdict:
    """One contract on one row: pass, fail, n/a or unjudged (the
    machine was too busy to tell a difference from noise: never a
    pass), and whether the registry expects it to fail (and why).
    attempts: for a timeline that was run again, what each try saw.
    figures: what a contract measured, shown whatever its status."""
    contract: str
    status: str
    violations: list
    expected: str = ""
    why: str = ""
    attempts: list = dataclasses.field(default_factory=list)
    figures: list = dataclasses.field(default_factory=list)

    @property
    def ok(self):
        if self.status == "unjudged":
            return False
        return self.status != "fail" or bool(self.expected)

    @property
    def stale(self):
        """Expected to fail, but holds: the registry's reason is old."""
        return self.status == "pass" and bool(self.expected)

    def summary(self):
        """The first violations, and how many more: a line that says
        "and 1 more" would hide no more than it takes, so one more
        is shown instead."""
        if len(self.violations) <= SHOWN + 1:
            return list(self.violations)
        more = len(self.violations) - SHOWN
        return self.violations[:SHOWN] + [f"… and {more} more"]


@dataclasses.dataclass(frozen=True)
class Rules:
    """What a contract is judged by, besides the two traces: the
    timeline's tolerance (s: how far apart two matched events may
    be; startup_s: the largest start-up offset an actor is allowed;
    drift: how much two actors' paces may differ, as a fraction; see
    differences()) and the scenario's oracle (oracles.py), by name;
    speedup: the one-worker runs and the rest the speedup contract
    needs (speedup.Context; None: it does not apply); gap_s: the
    heartbeat contract's longest allowed silence (gap_allowed())."""
    s: float
    startup_s: float = 0.0
    drift: float = 0.0
    oracle: str = ""
    speedup: object = None
    gap_s: float = 0.0  # the longest a heartbeat may stop


def tolerance(registry, pace, oracle=""):
    """The rules for a run paced at `pace` seconds (see paced()),
    from scenarios.toml."""
    tol = registry.tolerance
    return Rules(max(tol["min_s"], tol["fraction"] * pace),
                 tol["startup_s"], tol["drift"], oracle)


def unfinished(trace):
    """A trace without its end event: the program did not finish."""
    if not trace.ended:
        return [f"the trace of {trace.label} ({trace.source}) stops "
                f"without an end event: the program did not finish"]
    return []


def check(registry, scenario, a, b, variant=None, context=None):
    """All of a scenario's contracts on one pair of traces, with the
    registry's expectations for that variant (None: any). context:
    what the speedup contract needs (speedup.Context), where there
    is one."""
    for t in (a, b):
        if t.start["scenario"] != scenario.id:
            raise BadInput(f"{t.source} is a trace of "
                           f"{t.start['scenario']}, not {scenario.id}")
    if a.params != b.params:
        diff = next(k for k in a.params if a.params[k] != b.params[k])
        raise BadInput(f"the traces ran different parameters: {diff} "
                       f"{a.params[diff]} in {a.source}, "
                       f"{b.params[diff]} in {b.source}")
    tol = dataclasses.replace(
        tolerance(registry, paced(a.params), scenario.oracle),
        speedup=context, gap_s=gap_allowed(registry, a.params))
    verdicts = []
    for name in scenario.contracts:
        found = CONTRACTS[name](a, b, tol)
        traces.give_back()  # its working columns, freed
        status = getattr(found, "status", None) or (
            "n/a" if found is None else "fail" if found else "pass")
        expected, why = scenario.expects(name, variant, a.params)
        verdicts.append(Verdict(name, status, list(found or []),
                                expected, why,
                                figures=getattr(found, "figures", [])))
    return verdicts
