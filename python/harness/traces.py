"""Trace files: JSON Lines, one event per line (README, "Traces")."""

import dataclasses
import json
import math
from pathlib import Path

from harness.errors import BadInput

PARAMS = ("items", "producers", "consumers", "buffer", "delay", "work")
SECONDS = ("delay", "work")
# The events between start and end: the first three carry an item.
# error: main learned that an item failed; timeout: a receive gave
# up; cancel: an actor told the others to stop; closed: an actor saw
# its channel closed.
ITEM_OPS = ("put", "get", "error")
MARKS = ("timeout", "cancel", "closed")


@dataclasses.dataclass(frozen=True)
class Event:
    t: float
    actor: str
    op: str
    item: int | None
    ch: str = ""  # the channel, where a scenario has several
    # where it was read, for violations that point at a line
    line: int = dataclasses.field(default=0, compare=False)


@dataclasses.dataclass
class Trace:
    """One program run: its start event, its events, and whether it
    reached its end event (a program that hangs or dies does not)."""
    source: str
    start: dict
    events: list
    ended: bool
    running: int | None = None  # left running at the end, if told
    end_t: float | None = None  # the end event's time, if it has one

    @property
    def label(self):
        """Who ran, as reports name it: go, python/asyncio, …"""
        if self.start.get("lang") == "go":
            procs = self.start.get("gomaxprocs")
            return "go" + (" GOMAXPROCS=1" if procs == 1 else "")
        return f"{self.start.get('lang')}/{self.start.get('model')}"

    @property
    def params(self):
        return {k: self.start[k] for k in PARAMS}

    def ops(self, op):
        return [e for e in self.events if e.op == op]


def parse(lines, source):
    """Read a trace from its lines; BadInput names the faulty line."""
    start, events, ended, running, end_t = None, [], False, None, None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        event = decode(line, where)
        if ended:
            raise BadInput(f"{where}: an event after the end event")
        if start is None:
            if event["op"] != "start":
                raise BadInput(f"{where}: the first event must be the "
                               f'"start" event, not "{event["op"]}"')
            start = check_start(event, where)
        elif event["op"] == "start":
            raise BadInput(f"{where}: a second start event")
        elif event["op"] == "end":
            ended, running = True, event.get("running")
            end_t = event["t"]
            if running is not None and not (whole(running)
                                            and running >= 0):
                raise BadInput(f'{where}: "running" must be a whole '
                               f'number of at least 0')
        elif event["op"] in ITEM_OPS + MARKS:
            events.append(body(event, where, number))
        else:
            raise BadInput(f'{where}: unknown op "{event["op"]}"')
    if start is None:
        raise BadInput(f"{source}: empty: no start event")
    return Trace(source, start, events, ended, running, end_t)


def body(event, where, number):
    """An event between start and end, read from line `number`."""
    op, item = event["op"], event.get("item")
    an = "an" if op[0] in "aeiou" else "a"
    if op in ITEM_OPS and not whole(item):
        raise BadInput(f'{where}: {an} {op} event needs an integer '
                       f'"item"')
    if op in MARKS and item is not None:
        raise BadInput(f'{where}: {an} {op} event has no "item"')
    ch = event.get("ch", "")
    if not isinstance(ch, str):
        raise BadInput(f'{where}: "ch" must be a string')
    return Event(event["t"], event["actor"], op, item, ch, number)


def decode(line, where):
    """One line as an event with a finite t and a string actor, op.
    Python's json reads NaN and Infinity, which JSON has not: such a
    t is malformed, like a missing one. A t that is a number but
    wrong (negative, backwards) is the honest contract's to name."""
    try:
        event = json.loads(line)
    except ValueError:
        raise BadInput(f"{where}: not a JSON object: "
                       f"{line.strip()[:60]!r}") from None
    if not isinstance(event, dict):
        raise BadInput(f"{where}: not a JSON object")
    if not number(event.get("t")):
        raise BadInput(f'{where}: event has no valid "t"')
    for key in ("actor", "op"):
        if not isinstance(event.get(key), str):
            raise BadInput(f'{where}: event has no valid "{key}"')
    return event


def check_start(event, where):
    if not isinstance(event.get("scenario"), str):
        raise BadInput(f'{where}: the start event lacks "scenario"')
    for key in PARAMS:
        kind, ok = ("number", number) if key in SECONDS else \
            ("whole number", whole)
        if not ok(event.get(key)) or event[key] < 0:
            raise BadInput(f'{where}: the start event needs "{key}", '
                           f'a {kind} of at least 0')
    return event


def whole(x):
    return isinstance(x, int) and not isinstance(x, bool)


def number(x):
    """A finite number; an integer too large for a float is not one
    (its arithmetic would overflow further on)."""
    if not (whole(x) or isinstance(x, float)):
        return False
    try:
        return math.isfinite(x)
    except OverflowError:
        return False


def read(path):
    """Read a trace file; a missing or unreadable one is BadInput."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise BadInput(f"cannot read trace {path}: {reason}") from None
    return parse(text.splitlines(), str(path))
