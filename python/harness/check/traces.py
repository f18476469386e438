"""Trace files: JSON Lines, one event per line (docs/traces.md)."""

import ctypes
import ctypes.util
import dataclasses
import functools
import json
import math
import operator
import re

import msgspec
import numpy as np

from chankit import registry as programs_registry

from harness.check import tracefile
from harness.errors import BadInput
# The events between start and end: the first three carry an item.
# error: main learned that an item failed; timeout: a receive gave
# up; cancel: an actor told the others to stop; closed: an actor saw
# its channel closed; tick: a heartbeat beat.
ITEM_OPS = ("put", "get", "error")
MARKS = ("timeout", "cancel", "closed", "tick")


@dataclasses.dataclass(frozen=True)
class Event:
    t: float
    actor: str
    op: str
    item: int | None
    ch: str = ""  # the channel, where a scenario has several
    # where it was read, for violations that point at a line
    line: int = dataclasses.field(default=0, compare=False)


class Trace:
    """One program run: its start event, its events, and whether it
    reached its end event (a program that hangs or dies does not).

    The events are held as columns (numpy arrays, one entry per
    event, in file order): t, who (an index into `actors`), op (an
    index into OPS), ch (an index into `chs`), item (0 where the op
    carries none), each as narrow as its values allow, about 15 bytes
    an event; and line (Lines: runs of consecutive line numbers, not
    a number per event). `events` builds Event objects from them on
    demand, for code that wants them."""

    def __init__(self, source, start, events=(), ended=False,
                 running=None, end_t=None, columns=None):
        self.source, self.start, self.ended = source, start, ended
        self.running, self.end_t = running, end_t
        if columns is None:
            self.events = list(events)
        else:
            self._set_columns(*columns)

    def _set_columns(self, t, who, op, ch, item, line, actors, chs):
        self.t, self.who, self.op, self.ch = t, who, op, ch
        self.item, self.line = item, line
        self.actors, self.chs = actors, chs
        self._events, self._ops = None, {}

    @property
    def events(self):
        if self._events is None:
            ops, actors, chs = OPS, self.actors, self.chs
            self._events = [
                Event(t, actors[w], ops[o], item if o < N_ITEM_OPS
                      else None, chs[c], line)
                for t, w, o, c, item, line in zip(
                    self.t.tolist(), self.who.tolist(), self.op.tolist(),
                    self.ch.tolist(), self.item.tolist(),
                    self.line.tolist())]
        return self._events

    @events.setter
    def events(self, events):
        actors, chs = Interner(), Interner()
        *cols, line = columns(events, actors, chs)
        self._set_columns(*cols, Lines.of(line), list(actors), list(chs))
        self._events = list(events)

    def __len__(self):
        return len(self.t)

    def __bool__(self):
        # A trace with no events (--items 0) is still a trace: it has
        # a start and an end to judge, not "no trace to check".
        return True

    def header(self):
        """The trace without its events: what a report says of a run
        once its contracts are judged (who ran, with what, and how it
        ended), without holding its columns."""
        return Trace(self.source, self.start, (), self.ended,
                     self.running, self.end_t)

    @property
    def label(self):
        """Who ran, as reports name it: go, python/asyncio, …"""
        if self.start.get("lang") == "go":
            procs = self.start.get("gomaxprocs")
            return "go" + (" GOMAXPROCS=1" if procs == 1 else "")
        return f"{self.start.get('lang')}/{self.start.get('model')}"

    @property
    def params(self):
        return {k: self.start[k] for k in flags()}

    def ops(self, op):
        """The events of one op, as Event objects (built once, and only
        those: the rest of the trace stays in its columns)."""
        if op not in self._ops:
            if self._events is not None:
                self._ops[op] = [e for e in self._events if e.op == op]
            else:
                rows = np.flatnonzero(self.mask(op))
                actors, chs, has = self.actors, self.chs, \
                    OP_CODE[op] < N_ITEM_OPS
                self._ops[op] = [
                    Event(t, actors[w], op, item if has else None,
                          chs[c], line)
                    for t, w, c, item, line in zip(
                        self.t[rows].tolist(), self.who[rows].tolist(),
                        self.ch[rows].tolist(), self.item[rows].tolist(),
                        self.line[rows].tolist())]
        return self._ops[op]

    def mask(self, op):
        """Which events are of this op, as a boolean column."""
        return self.op == OP_CODE[op]

    def rows(self, op):
        """The rows of one op's events, in 32 bits where they fit."""
        rows = np.flatnonzero(self.mask(op))
        return rows.astype(np.int32) if len(self) < 1 << 31 else rows

    def code_of(self, rows):
        """Each row's (actor, channel) as one code, who * (channels
        + 1) + channel: in 32 bits where every code fits."""
        width = len(self.chs) + 1
        kind = np.int32 if len(self.actors) * width < 1 << 31 else \
            np.int64
        code = self.who[rows].astype(kind)
        code *= width
        code += self.ch[rows]
        return code

    def code(self, names, name):
        """The index of an actor (names=self.actors) or a channel
        (self.chs), or -1 where the trace has none such."""
        try:
            return names.index(name)
        except ValueError:
            return -1


def columns(events, actors, chs):
    """Event objects as the trace's columns (t, actor, op, channel,
    item, line), names interned in actors and chs."""
    return (np.array([e.t for e in events], np.float64),
            np.array([actors[e.actor] for e in events], np.int32),
            np.array([OP_CODE[e.op] for e in events], np.int8),
            np.array([chs[e.ch] for e in events], np.int32),
            np.array([0 if e.item is None else e.item for e in events],
                     np.int64),
            np.array([e.line for e in events], np.int64))


class Lines:
    """The line each event was read from, stored as runs: a trace's
    lines are consecutive but where it has a blank line, so a handful
    of (first event, its line) pairs stand for millions of numbers.
    Indexed like the other columns, by an array of event rows."""

    def __init__(self, starts, firsts, count):
        self.starts = np.asarray(starts, np.int64)
        self.firsts = np.asarray(firsts, np.int64)
        self.count = count

    @classmethod
    def of(cls, line):
        """Runs of an explicit column of line numbers."""
        line = np.asarray(line, np.int64)
        starts = np.flatnonzero(np.diff(line, prepend=-2) != 1)
        return cls(starts, line[starts], len(line))

    def __len__(self):
        return self.count

    def __getitem__(self, rows):
        rows = np.asarray(rows, np.int64)
        run = np.searchsorted(self.starts, rows, "right") - 1
        return self.firsts[run] + (rows - self.starts[run])

    def tolist(self):
        return self[np.arange(self.count)].tolist()


class Interner(dict):
    """name -> its index, numbered as first seen."""

    def __missing__(self, name):
        code = self[name] = len(self)
        return code


OPS = ITEM_OPS + MARKS
N_ITEM_OPS = len(ITEM_OPS)
OP_CODE = {op: n for n, op in enumerate(OPS)}
INT64 = (-(1 << 63), (1 << 63) - 1)
# Limits on what one line may be: no event of a trace is longer or
# nested at all, so these only refuse what is not a trace at all
# before it can exhaust the checker (memory, recursion).
LINE_LIMIT = 1 << 20  # bytes
NESTING = 32  # arrays and objects inside each other
CHUNK = 1 << 22  # bytes read and decoded at a time
BATCH_LINES = 1 << 14  # lines given as strings, decoded at a time
# What str.splitlines() breaks a line at, but for newline.
BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class Builder:
    """A trace read as it comes: lines in order, in bulk where they
    are plain events (the fast path: msgspec decodes a block of lines
    at once), one by one otherwise, with the same checks and words."""

    def __init__(self, source):
        self.source = source
        self.start, self.ended, self.running, self.end_t = \
            None, False, None, None
        self.number = 0  # lines read so far
        self.actors, self.chs = Interner(), Interner()
        self.blocks = []  # column blocks: (t, who, op, ch, item, line)
        self.slow = []  # events read one by one, not yet in a block
        # Room made ahead for the wide columns (t, op, item), where the
        # number of lines is known: filled in place, never joined.
        self.room, self.filled = None, 0

    def make_room(self, count):
        """Room for `count` events' t, op and item columns, filled as
        blocks come (their narrow columns still kept as blocks): the
        trace is then never held twice while its blocks are joined."""
        self.room = {"t": np.empty(count, np.float64),
                     "op": np.empty(count, np.int8),
                     "item": np.empty(count, np.int32)}

    def add(self, t, who, op, ch, item, line):
        """A block of events, each column as narrow as the names so
        far allow (codes never change): in the room made for them,
        where there is room, else kept as a block."""
        who, ch = narrow(who, len(self.actors)), narrow(ch, len(self.chs))
        item = narrow_item(item)
        room, at, n = self.room, self.filled, len(t)
        if room is not None and at + n > len(room["t"]):
            self.unroom()  # more lines than counted: the file grew
            room = None
        if room is None:
            self.blocks.append((t, who, op, ch, item, line))
            return
        if item.dtype.itemsize > room["item"].dtype.itemsize:
            room["item"] = room["item"].astype(item.dtype)
        room["t"][at:at + n] = t
        room["op"][at:at + n] = op
        room["item"][at:at + n] = item
        self.filled += n
        self.blocks.append((None, who, None, ch, None, line))

    def unroom(self):
        """What the room holds, back into the blocks (as views)."""
        room, self.room, at = self.room, None, 0
        for k, (t, who, op, ch, item, line) in enumerate(self.blocks):
            if t is None:
                n = len(who)
                self.blocks[k] = (room["t"][at:at + n], who,
                                  room["op"][at:at + n], ch,
                                  room["item"][at:at + n], line)
                at += n

    def lines(self, lines):
        """Lines (str) as parse() is given them: in batches, through
        the bulk reader, where no line holds a line break of its own;
        one by one otherwise."""
        batch = []
        for line in lines:
            batch.append(line)
            if len(batch) >= BATCH_LINES:
                self.batch(batch)
                batch = []
        self.batch(batch)
        return self

    def batch(self, batch):
        k = 0
        while self.start is None and k < len(batch):
            self.number += 1  # up to the start event, one by one
            self.one(batch[k], self.number)
            k += 1
        batch = batch[k:]
        joined = "\n".join(batch)
        if batch and joined.count("\n") == len(batch) - 1 and \
                not BREAKS.search(joined):
            try:
                data = (joined + "\n").encode("utf-8")
            except UnicodeEncodeError:
                data = None
            if data is not None:
                self.chunk(data)
                return
        for line in batch:
            self.number += 1
            self.one(line, self.number)

    def one(self, line, number):
        if not line.strip():
            return
        where = f"{self.source}:{number}"
        if len(line) > LINE_LIMIT:
            raise BadInput(f"{where}: a line longer than {LINE_LIMIT} "
                           f"bytes: not a trace")
        event = decode(line, where)
        if self.ended:
            raise BadInput(f"{where}: an event after the end event")
        if self.start is None:
            if event["op"] != "start":
                raise BadInput(f"{where}: the first event must be the "
                               f'"start" event, not "{event["op"]}"')
            self.start = check_start(event, where)
        elif event["op"] == "start":
            raise BadInput(f"{where}: a second start event")
        elif event["op"] == "end":
            self.ended, self.running = True, event.get("running")
            self.end_t = event["t"]
            if self.running is not None and not (
                    whole(self.running) and self.running >= 0):
                raise BadInput(f'{where}: "running" must be a whole '
                               f'number of at least 0')
        elif event["op"] in OP_CODE:
            e = body(event, where, number)
            if e.item is not None and not INT64[0] <= e.item <= INT64[1]:
                raise BadInput(f"{where}: item {e.item} is too large "
                               f"for a trace (at most 64 bits)")
            self.slow.append(e)
            if len(self.slow) >= 1 << 16:
                self.flush()
        else:
            raise BadInput(f'{where}: unknown op "{event["op"]}"')

    def flush(self):
        """The events read one by one, as a block of columns."""
        if not self.slow:
            return
        events, self.slow = self.slow, []
        t, who, op, ch, item, line = columns(events, self.actors,
                                             self.chs)
        self.add(t, who, op, ch, item, line)

    def chunk(self, data):
        """Whole lines (bytes, each ending in a newline): in bulk where
        they are all plain events, else one by one."""
        if self.start is None:
            # the start event, one by one; the rest in bulk if it can
            cut = data.find(b"\n") + 1
            self.slowly(data[:cut], 1)
            data = data[cut:]
        count = data.count(b"\n")
        if count and not (self.start is not None and not self.ended
                          and self.fast(data, count)):
            self.slowly(data, count)

    def slowly(self, data, count):
        self.flush()
        text = decoded(data, self.source)
        for line in text.split("\n")[:count]:
            # str.splitlines() splits at more than newlines; so did
            # the reader before, and line numbers count them too.
            for part in (line.splitlines() or [""]):
                self.number += 1
                self.one(part, self.number)

    def fast(self, data, count):
        """Decode `count` lines of plain events at once; False (and
        nothing read) if any line needs a closer look: blank, not
        ASCII, nested, too long, or not a plain event."""
        if not data.isascii() or data.count(b"{") != count or \
                b"[" in data or any(c in data for c in SPLITS):
            return False
        if len(data) > LINE_LIMIT:
            ends = np.flatnonzero(np.frombuffer(data, np.uint8) == 10)
            if max(ends[0] + 1, int(np.diff(ends).max(initial=0))) > \
                    LINE_LIMIT:
                return False
        try:
            events = FAST.decode_lines(data)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return False
        if len(events) != count:
            return False  # a blank line
        n = count
        t = np.fromiter(map(T, events), np.float64, n)
        op_names = list(map(OP, events))
        try:
            op = np.array(list(map(OP_CODE.__getitem__, op_names)),
                          np.int8)
        except KeyError:
            return self.fast_end(data, events, op_names, count)
        if not np.isfinite(t).all():
            return False
        items = list(map(ITEM, events))
        marks = int((op >= N_ITEM_OPS).sum())
        if items.count(None) != marks:
            return False  # an item missing, or one where none belongs
        try:
            if marks:
                if any((i is None) != (o >= N_ITEM_OPS) for i, o in
                       zip(items, op.tolist())):
                    return False
                items = [0 if i is None else i for i in items]
            item = np.array(items, np.int64)
        except (OverflowError, TypeError):
            return False
        self.flush()
        if b'"ch"' in data:
            ch = np.fromiter(map(self.chs.__getitem__, map(CH, events)),
                             np.int32, n)
        else:  # no line names a channel: all on ""
            ch = np.full(n, self.chs[""], np.int32)
        who = np.fromiter(map(self.actors.__getitem__,
                              map(ACTOR, events)), np.int32, n)
        self.add(t, who, op, ch, item, (self.number + 1, n))
        self.number += n
        return True

    def fast_end(self, data, events, op_names, count):
        """A block whose only other op is the end event, last: the
        events before it in bulk, the end event one by one."""
        last = data.rfind(b"\n", 0, len(data) - 1) + 1
        if op_names[-1] != "end" or "end" in op_names[:-1] or last == 0:
            return False
        if not self.fast(data[:last], count - 1):
            return False
        self.number += 1
        self.one(data[last:].decode("ascii"), self.number)
        return True

    def trace(self):
        self.flush()
        if self.start is None:
            raise BadInput(f"{self.source}: empty: no start event")
        blocks = [list(b) for b in self.blocks] or [[
            np.zeros(0, np.float64), np.zeros(0, np.int8),
            np.zeros(0, np.int8), np.zeros(0, np.int8),
            np.zeros(0, np.int32), (1, 0)]]
        self.blocks = []
        line = lines_of([b.pop() for b in blocks])
        room, self.room = self.room, None
        # Each column as small a type as its values allow, joined a
        # column at a time (the blocks' copy of it let go at once):
        # about 15 bytes an event, and never the trace twice over.
        kinds = (np.float64, small(len(self.actors)), np.int8,
                 small(len(self.chs)),
                 max((b[4].dtype for b in blocks if b[4] is not None),
                     key=lambda k: k.itemsize, default=np.dtype(np.int32)))
        columns = []
        for n, kind in enumerate(kinds):
            name = ("t", None, "op", None, "item")[n]
            if room is not None and name is not None:
                columns.append(room.pop(name)[:self.filled])
                continue
            columns.append(np.concatenate([b[n] for b in blocks],
                                          dtype=kind, casting="unsafe"))
            for b in blocks:
                b[n] = None
        return Trace(self.source, self.start, (), self.ended,
                     self.running, self.end_t,
                     columns=(*columns, line, list(self.actors),
                              list(self.chs)))


def lines_of(blocks):
    """The blocks' line numbers (a (first, count) run, or a column
    of them) as one Lines."""
    starts, firsts, at = [], [], 0
    for block in blocks:
        if isinstance(block, tuple):
            first, count = block
            part = Lines([0] if count else [], [first] if count else [],
                         count)
        else:
            part = Lines.of(block)
        for s, f in zip(part.starts.tolist(), part.firsts.tolist()):
            if not (firsts and f - firsts[-1] == at + s - starts[-1]):
                starts.append(at + s)
                firsts.append(f)
        at += len(part)
    return Lines(starts, firsts, at)


def narrow(codes, count):
    """A column of codes below `count` in the smallest type."""
    return codes.astype(small(count), copy=False)


def narrow_item(item):
    """Items in 32 bits where they all fit (the common case)."""
    if not len(item) or (-2**31 <= int(item.min()) and
                         int(item.max()) < 2**31):
        return item.astype(np.int32, copy=False)
    return item


def small(count):
    """The smallest signed integer type that counts to `count`."""
    for kind in (np.int8, np.int16, np.int32):
        if count <= np.iinfo(kind).max:
            return kind
    return np.int64


def decoded(data, source):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadInput(f"cannot read trace {source}: {err}") from None


class Plain(msgspec.Struct, gc=False):
    """A plain event line, as the fast path decodes it."""
    t: float
    actor: str
    op: str
    item: int | None = None
    ch: str = ""


FAST = msgspec.json.Decoder(Plain)
T, ACTOR, OP, ITEM, CH = (operator.attrgetter(k) for k in
                          ("t", "actor", "op", "item", "ch"))
# Besides newline, what str.splitlines() splits an ASCII line at.
SPLITS = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e")


def parse(lines, source):
    """Read a trace from its lines; BadInput names the faulty line."""
    return Builder(source).lines(lines).trace()


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
    if line.count("[") + line.count("{") > NESTING and \
            depth(line) > NESTING:
        raise BadInput(f"{where}: nested more than {NESTING} deep: "
                       f"not a trace event")
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


def depth(line):
    """How deep arrays and objects nest in a line of JSON (strings
    skipped), without recursion."""
    deepest = level = 0
    inside = escaped = False
    for c in line:
        if inside:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                inside = False
        elif c == '"':
            inside = True
        elif c in "[{":
            level += 1
            deepest = max(deepest, level)
        elif c in "]}":
            level -= 1
    return deepest


def check_start(event, where):
    if not isinstance(event.get("scenario"), str):
        raise BadInput(f'{where}: the start event lacks "scenario"')
    # A trace from before --cpu existed did no CPU work.
    event.setdefault("cpu", 0)
    for key, f in flags().items():
        kind, ok = ("whole number", whole) if f.whole else \
            ("number", number)
        if not ok(event.get(key)) or event[key] < 0:
            raise BadInput(f'{where}: the start event needs "{key}", '
                           f'a {kind} of at least 0')
        if event[key] > f.high:
            raise BadInput(f'{where}: the start event claims "{key}": '
                           f'{short(event[key])}, more than the {f.high:,}'
                           f' any program of the kit accepts')
    return event


@functools.cache
def flags():
    """The params a start event carries: the programs' numeric flags
    ([flags] in scenarios.toml, as they read it), whole or seconds,
    and the largest each one takes, so that a trace claiming 10**15
    producers is refused before anything is worked out for that
    many."""
    try:
        return programs_registry.flags()
    except programs_registry.Unreadable as err:
        raise BadInput(str(err)) from None


def short(value):
    """A number as a message quotes it: a huge one cut short."""
    text = str(value)
    return text if len(text) <= 24 else f"{text[:20]}… " \
        f"({len(text)} digits)"


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


def read(path, progress=None, source=None):
    """Read a trace file as a stream, a block of lines at a time; a
    missing or unreadable one, or one that is not a regular file, is
    BadInput, and its messages name the file (or `source`). A
    compressed trace (tracefile.py) is read as it decompresses.
    progress(path, bytes read, bytes in all, lines read), if given, is
    called after each block (bytes of the file as it is on disk)."""
    builder = Builder(source or str(path))
    raw, size = tracefile.open_regular(path)
    with raw:
        f = tracefile.unpacked(raw)
        if size >= ROOM_BYTES or f is not raw and size >= PACKED_ROOM:
            builder.make_room(count_lines(f) + 1)
            raw.seek(0)
            f = tracefile.unpacked(raw)
        rest = b""
        while True:
            try:
                data = f.read(CHUNK)
            except OSError as err:
                raise BadInput(f"cannot read trace {path}: "
                               f"{err.strerror}") from None
            if not data:
                break
            data = rest + data
            cut = data.rfind(b"\n") + 1
            rest = data[cut:]
            if len(rest) > LINE_LIMIT:
                line = builder.number + data.count(b"\n", 0, cut) + 1
                raise BadInput(f"{path}:{line}: a line longer than "
                               f"{LINE_LIMIT} bytes: not a trace")
            if cut:
                builder.chunk(data[:cut])
            if progress:
                progress(path, raw.tell(), size, builder.number)
        if rest:
            builder.chunk(rest + b"\n")
    trace = builder.trace()
    give_back()
    return trace


ROOM_BYTES = 1 << 24  # traces this large are counted first, for room
PACKED_ROOM = 1 << 20  # and compressed ones this large


def count_lines(f):
    """The newlines of an open file, read to its end. A quick pass
    (bytes.count), paid back by reading into room made once instead
    of joining blocks."""
    return sum(chunk.count(b"\n") for chunk in
               iter(lambda: f.read(CHUNK), b""))


def _trimmer():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None  # not glibc: its allocator does as it does


TRIM = _trimmer()


def give_back():
    """Hand the memory freed so far back to the system. Reading
    leaves holes: thousands of column blocks, joined and let go, in
    among what stays. glibc keeps such holes for reuse, so the
    process would hold about twice its columns; malloc_trim returns
    their pages (where there is no glibc, nothing is done)."""
    if TRIM is not None:
        TRIM(0)
