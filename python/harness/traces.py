"""Trace files: JSON Lines, one event per line (README, "Traces")."""

import dataclasses
import json
from pathlib import Path

from harness.errors import BadInput

PARAMS = ("items", "producers", "consumers", "buffer", "delay")


@dataclasses.dataclass(frozen=True)
class Event:
    t: float
    actor: str
    op: str
    item: int | None


@dataclasses.dataclass
class Trace:
    """One program run: its start event, its events, and whether it
    reached its end event (a program that hangs or dies does not)."""
    source: str
    start: dict
    events: list
    ended: bool

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
    start, events, ended = None, [], False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            event = json.loads(line)
        except ValueError:
            raise BadInput(f"{where}: not a JSON object: "
                           f"{line.strip()[:60]!r}") from None
        if not isinstance(event, dict):
            raise BadInput(f"{where}: not a JSON object")
        for key, kind in (("t", (int, float)), ("actor", str),
                          ("op", str)):
            if not isinstance(event.get(key), kind) or \
                    isinstance(event.get(key), bool):
                raise BadInput(f'{where}: event has no valid "{key}"')
        if start is None:
            if event["op"] != "start":
                raise BadInput(f"{where}: the first event must be the "
                               f'"start" event, not "{event["op"]}"')
            missing = [k for k in ("scenario", *PARAMS) if k not in event]
            if missing:
                raise BadInput(f'{where}: the start event lacks '
                               f'"{missing[0]}"')
            start = event
        elif event["op"] == "end":
            ended = True
        elif event["op"] in ("put", "get"):
            item = event.get("item")
            if not isinstance(item, int) or isinstance(item, bool):
                raise BadInput(f'{where}: a {event["op"]} event needs '
                               f'an integer "item"')
            events.append(Event(event["t"], event["actor"], event["op"],
                                item))
    if start is None:
        raise BadInput(f"{source}: empty: no start event")
    return Trace(source, start, events, ended)


def read(path):
    """Read a trace file; a missing or unreadable one is BadInput."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise BadInput(f"cannot read trace {path}: {reason}") from None
    return parse(text.splitlines(), str(path))
