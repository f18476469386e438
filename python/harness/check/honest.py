"""The honest contract: a trace cannot lie about who did what, or
when.

Every other contract believes what a trace says. A trace that names
an actor its parameters do not allow (a producer-5 in a run of one
producer, an actor called bob), an operation its actor never does,
an item no producer of the scenario may send, or times that cannot
be (before the start, after the end, going backwards) is either a
broken program or a broken tracer, and what the other contracts
say about it means little. The scenario's oracle (oracles.py) says
what the parameters allow; a trace that is not even well formed
JSON Lines is traces.py's, as bad input.
"""

import re

import numpy as np

from harness.check.oracles import MARK, answer, member, on
from harness.check.traces import OPS

DID = {"put": "sent", "get": "received", "error": "reported",
       "timeout": "timed out", "cancel": "cancelled",
       "closed": "saw the close", "tick": "ticked"}


def honest(a, b, rules):
    """Only the actors, operations and items the run's parameters
    allow, at times that can be: from 0, not after the end, and not
    going backwards."""
    found = []
    for t in (a, b):
        ans = answer(t, rules.oracle)
        if ans is None:
            return None
        if not believable(t, ans):
            found += [f"{m} ({t.label})"
                      for m in (*impostors(t, ans), *bad_times(t))]
    return found


def believable(trace, ans):
    """True if honest surely finds nothing in a trace: each (actor,
    op, channel) it has is checked once, its items in one go, and its
    times with a few passes over the column."""
    t = trace.t
    if len(t) == 0:
        return True
    if t.min() < 0 or trace.end_t is not None and t.max() > trace.end_t:
        return False
    if trace.start.get("model") != "processes":
        if (t[1:] < t[:-1]).any():
            return False
    else:
        order = np.lexsort((np.arange(len(t)), trace.who))
        w, ts = trace.who[order], t[order]
        if ((w[1:] == w[:-1]) & (ts[1:] < ts[:-1])).any():
            return False
    width = len(trace.chs) + 1
    key = trace.who.astype(np.int64 if len(trace.actors) * len(OPS) *
                           width >= 1 << 31 else np.int32)
    key *= len(OPS)
    key += trace.op
    key *= width
    key += trace.ch
    kinds = np.flatnonzero(np.bincount(key)) if key.max() < 1 << 24 \
        else np.unique(key)
    many = len(kinds) > 64
    if many:
        order = np.argsort(key, kind="stable")
        cuts = np.searchsorted(key[order], kinds)
    for n, k in enumerate(kinds.tolist()):
        rest, ch = divmod(k, width)
        who, op = divmod(rest, len(OPS))
        allowed = ans.actors.get(trace.actors[who])
        if allowed is None or (OPS[op], trace.chs[ch]) not in allowed:
            return False
        items = allowed[OPS[op], trace.chs[ch]]
        if items is MARK:
            continue
        rows = order[cuts[n]:cuts[n + 1] if n + 1 < len(kinds) else
                     len(key)] if many else key == k
        if not member(items.may, trace.item[rows]).all():
            return False
    return True


def impostors(trace, ans):
    """Actors, operations and items the oracle does not allow; an
    actor or operation is named once, with how often it appears."""
    sid, told = trace.start["scenario"], set()
    for e in trace.events:
        allowed = ans.actors.get(e.actor)
        if allowed is None:
            if e.actor not in told:
                told.add(e.actor)
                yield (f"an actor named {e.actor!r}{at(e)}, which "
                       f"{sid} with these parameters does not have "
                       f"(it has {names(ans.actors)})")
            continue
        if (e.op, e.ch) not in allowed:
            if (e.actor, e.op, e.ch) not in told:
                told.add((e.actor, e.op, e.ch))
                yield (f"{e.actor} {DID.get(e.op, e.op)}{on(e.ch)}"
                       f"{at(e)}, which {sid}'s {e.actor} never does")
            continue
        items = allowed[e.op, e.ch]
        if items is not MARK and e.item not in items.may:
            yield impossible(sid, e, items)


def impossible(sid, e, items):
    what = f"item {e.item}{on(e.ch)}"
    if e.op == "get":
        return (f"{e.actor} received {what} at {e.t:.3f}s{at(e)}, "
                f"which no producer of {sid} sends (they send "
                f"{items.words})")
    return (f"{e.actor} {DID[e.op]} {what}{at(e)}, which {sid}'s "
            f"{e.actor} never does (it {verb(e.op)} {items.words})")


def verb(op):
    return {"put": "sends", "error": "reports"}.get(op, op)


def bad_times(trace):
    """No time before the start (0) or after the end event, and none
    earlier than the one before it. Every model but one writes its
    trace from one process, under one lock, taking the time as it
    writes: there the file's order is time order. The processes
    model's children write their own lines, so there each actor's
    own times must only not go backwards."""
    shared = trace.start.get("model") != "processes"
    before = {}  # process (one, or each actor) -> its latest event
    for e in trace.events:
        if e.t < 0:
            yield (f"{e.actor} {did(e)} at {e.t:.3f}s{at(e)}, before "
                   f"the start: times count from 0")
        if trace.end_t is not None and e.t > trace.end_t:
            yield (f"{e.actor} {did(e)} at {e.t:.3f}s{at(e)}, after "
                   f"the end event at {trace.end_t:.3f}s")
        key = None if shared else e.actor
        last = before.get(key)
        if last is not None and e.t < last.t:
            whose = "an " if shared else f"{e.actor}'s "
            yield (f"{e.actor} {did(e)} at {e.t:.6f}s{at(e)}, after "
                   f"{whose}event at {last.t:.6f}s{at(last)}: times "
                   f"go backwards")
        before[key] = e if last is None or e.t >= last.t else last


def did(e):
    item = "" if e.item is None else f" item {e.item}"
    return f"{DID.get(e.op, e.op)}{item}{on(e.ch)}"


def at(e):
    """Where an event was read, where known."""
    return f" (line {e.line})" if e.line else ""


def names(actors):
    """producer-0, worker-0..worker-3, main: the actors, in short."""
    if hasattr(actors, "words"):
        return actors.words()  # an oracle's Cast, held by role
    runs, out = {}, []
    for name in actors:
        m = re.fullmatch(r"(.*)-(\d+)", name)
        if m:
            runs.setdefault(m[1], []).append(int(m[2]))
        else:
            out.append(name)
    for role, ks in runs.items():
        out.append(f"{role}-{ks[0]}" if len(ks) == 1 else
                   f"{role}-{ks[0]}..{role}-{ks[-1]}")
    return ", ".join(sorted(out, key=lambda n: n == "main"))
