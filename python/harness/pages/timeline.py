"""A run's timeline as an SVG picture: one lane per actor, Go's lanes
above Python's, a mark for each put and get at the time the trace
recorded it, on one time axis so that the two can be compared."""

import math
import re
from html import escape

WIDTH = 960      # the picture's own units; the page scales it
LABELS = 128     # room for the lane names on the left
RIGHT = 24
LANE = 22
GROUP = 26       # the heading above each language's lanes
AXIS = 30
LEGEND = 46     # two rows: puts, gets and main; the other marks
MARK = {"put": "#1d5fbf", "get": "#c2570c", "timeout": "#7b3fa0",
        "cancel": "#222", "closed": "#6b7280", "error": "#b91c1c"}
APART = "#e0115f"  # an event the timeline contract found apart
# The width of a label's characters at font-size 9, a little over
# DejaVu Sans's and Liberation's (a digit is 0.636 em there): a label
# is placed only where this much room is free.
WIDE = {",": 3.2, "…": 9.4, "–": 5.6}
DIGIT = 6.0
LABEL_RISE = 6     # a label's baseline, above its lane's middle
LABEL_HIGH = 8     # how far a label reaches above its baseline
MERGE = 6          # marks closer than this lie on one another
# Past a few hundred events a trace's marks run into one smear, and
# past a few dozen lanes a picture no longer fits a screen: of a long
# run only its start is drawn (window), of many events an even sample
# of each lane (thin), of many actors MAX_LANES; the page says so.
DRAWN = 250
MAX_LANES = 16


def window(lists, more):
    """The same opening stretch of time of each trace, so that Go and
    Python are drawn over the same time: up to the last event read of
    the trace that was cut soonest. lists: each trace's events as
    read; more: whether each goes on past them. Returns (each trace's
    events in the window, where it ends, or None if all are whole)."""
    stops = [ev[-1]["t"] if ev else 0.0
             for ev, goes_on in zip(lists, more) if goes_on]
    if not stops:
        return lists, None
    until = min(stops)
    return [[e for e in ev if e["t"] <= until] for ev in lists], until


def thin(events, keep=()):
    """At most about DRAWN of a trace's events, each lane's taken
    evenly over its length (a sample of the whole trace would take
    one lane's events only where they come in a fixed turn), the end
    kept, in their order; and every event in keep (as id()), the
    ones the page marks as apart."""
    if len(events) <= DRAWN:
        return events
    keep = set(keep)
    share = DRAWN / len(events)
    lanes = {}
    for n, e in enumerate(events):
        lanes.setdefault((e["actor"], e["op"] == "end"), []).append(n)
    kept = []
    for (_, end), found in lanes.items():
        count = len(found) if end else max(1, round(len(found) * share))
        kept += [found[i * len(found) // count] for i in range(count)]
    kept += [n for n, e in enumerate(events) if id(e) in keep]
    return [events[n] for n in sorted(set(kept))]


def actors_in_order(groups):
    """Lane order: producers first, consumers last, the stages in
    between as they first appear; K in actor-K counted as a number."""
    first = {}
    for _, events in groups:
        for n, e in enumerate(events):
            first.setdefault(role(e["actor"]), n)

    def key(actor):
        r = role(actor)
        rank = 0 if r == "producer" else 2 if r == "consumer" else 1
        number = re.search(r"(\d+)$", actor)
        return rank, first[r], r, int(number.group(1)) if number else 0
    names = {e["actor"] for _, events in groups for e in events}
    return sorted(names, key=key)


def role(actor):
    return actor.rsplit("-", 1)[0] if "-" in actor else actor


def step(span):
    """A round tick interval that gives five to ten ticks."""
    raw = span / 8
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def seconds(t, tick):
    """An axis label: in s or ms, with the decimals the tick needs
    (a run drawn over its first 0.6 ms has ticks of 0.1 ms)."""
    unit, scale = ("s", 1) if tick >= 0.1 else ("ms", 1000)
    digits = max(0, -math.floor(math.log10(tick * scale) + 1e-9))
    return f"{t * scale:.{digits}f} {unit}"


def work(events):
    """actor -> what it did to items: its (op, channel, item)s."""
    out = {}
    for e in events:
        if e.get("item") is not None:
            out.setdefault(e["actor"], set()).add(
                (e["op"], e.get("ch") or "", e["item"]))
    return out


def partners(go, python):
    """Python's actor -> the Go actor that did the same work, where a
    role has several actors in both (close's two consumers, workers'
    workers): which of them takes which item is the scheduler's
    choice, so Python's consumer-0 may do what Go's consumer-1 did.
    Paired greedily by the most items handled alike; an actor with
    no match keeps its own name."""
    wg, wp = work(go), work(python)
    found = {}
    for r in sorted({role(a) for a in wp}):
        gs = [a for a in wg if role(a) == r]
        ps = [a for a in wp if role(a) == r]
        if len(gs) < 2 or len(ps) < 2:
            continue
        scores = sorted(((len(wg[g] & wp[p]), g == p, g, p)
                         for g in gs for p in ps),
                        key=lambda x: (-x[0], not x[1], x[2], x[3]))
        used = set()
        for score, _, g, p in scores:
            if score and g not in used and p not in found:
                found[p] = g
                used.add(g)
    return found


def lane_order(order, events, paired):
    """A group's lanes: in the shared order, each Python actor in the
    place of the Go actor it is paired with."""
    place = {a: n for n, a in enumerate(order)}
    present = {e["actor"] for e in events if e["op"] != "end"}
    return sorted(present, key=lambda a: (place.get(paired.get(a, a),
                                                    len(place)),
                                          place.get(a, len(place)), a))


def svg(groups, title, until=None, apart=()):
    """groups: [(heading, events)], events the trace's lines as dicts
    (start excluded), Go's group first; until: where the time axis
    ends, if only the start of the run is drawn; apart: pairs (Go's
    event, Python's event) the timeline contract found apart, either
    None if it is not drawn: both are ringed, and joined by a line.
    Returns the <svg> element."""
    end = max([until or 0] + [e["t"] for _, ev in groups for e in ev])
    end = end if end > 0 else 0.001  # nothing yet: a millisecond
    tick = step(end)
    span = math.ceil(end / tick) * tick
    order = actors_in_order(
        [(h, [e for e in ev if e["op"] != "end"]) for h, ev in groups])
    paired = partners(groups[0][1], groups[1][1]) \
        if len(groups) == 2 else {}
    orders = [lane_order(order, ev, paired if n else {})
              for n, (_, ev) in enumerate(groups)]
    height = LEGEND + AXIS + sum(
        GROUP + LANE * rows(shown_lanes(ev, o))
        for (_, ev), o in zip(groups, orders))
    x = lambda t: LABELS + (WIDTH - LABELS - RIGHT) * t / span  # noqa
    out = [f'<svg class="timeline" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" '
           f'font-family="system-ui, sans-serif" font-size="12">',
           f"<title>{escape(title)}</title>"]
    y, at = 0, {}
    for (heading, events), o in zip(groups, orders):
        y = group(out, heading, events, o, x, y, at, paired)
    out += connectors(apart, at)
    out += axis(x, span, tick, y)
    out += legend(y + AXIS, any(apart))
    out.append("</svg>")
    return "\n".join(out)


def group(out, heading, events, order, x, y, at, paired):
    """One language's heading and lanes, from height y; returns the
    height below them. at: id(event) -> (x, y) of each mark drawn."""
    out.append(f'<text x="4" y="{y + 18}" font-weight="600" '
               f'fill="#222">{escape(heading)}</text>')
    y += GROUP
    names, hidden = shown_lanes(events, order)
    top = y
    boxes = []
    for n, actor in enumerate(names or ["(no events)"]):
        mid = y + LANE * n + LANE / 2
        shade = "#f4f5f7" if n % 2 == 0 else "#ffffff"
        out.append(f'<rect x="0" y="{y + LANE * n}" width="{WIDTH}" '
                   f'height="{LANE}" fill="{shade}"/>')
        twin = paired.get(actor)
        tip = (f"<title>{escape(actor)} did what Go's {escape(twin)} "
               f"did</title>" if twin and twin != actor else "")
        out.append(f'<text class="lane" x="12" y="{mid + 4}" '
                   f'fill="#333">{escape(actor)}{tip}</text>')
        out.append(f'<line x1="{LABELS}" x2="{WIDTH - RIGHT}" '
                   f'y1="{mid}" y2="{mid}" stroke="#d0d4da"/>')
        lane = [e for e in events
                if e["actor"] == actor and e["op"] != "end"]
        drawn, found = marks(lane, x, mid, at)
        out += drawn
        boxes += found
    if hidden:
        mid = y + LANE * len(names) + LANE / 2
        out.append(f'<text x="12" y="{mid + 4}" fill="#555" '
                   f'font-style="italic">… and {hidden:,} more actors, '
                   f"not drawn: their events are in the trace</text>")
    bottom = top + LANE * rows((names, hidden))
    for e in events:
        if e["op"] == "end":
            out += end_line(x(e["t"]), top, bottom, e["t"], boxes)
    return bottom


def shown_lanes(events, order):
    """The actors of a group that get a lane, in order, and how many
    more there are, left out."""
    present = {e["actor"] for e in events if e["op"] != "end"}
    names = [a for a in order if a in present]
    return names[:MAX_LANES], max(0, len(names) - MAX_LANES)


def rows(lanes):
    """A group's height in lanes: one per actor drawn, one to say how
    many are not, and one for "(no events)"."""
    names, hidden = lanes
    return max(1, len(names) + (1 if hidden else 0))


def marks(lane, x, mid, at):
    """A lane's events, and above them the items they carry; returns
    (the SVG, each label's box as (x0, y0, x1, y1)). Marks that lie on
    one another share a label ("0,1": two puts at the same instant
    still show as two); a label that would run into the one before
    it is left out (thinned: the mark's tooltip still names its
    item), so that no two labels ever overlap, however many items."""
    out, labels = [], []
    for e in lane:
        cx = x(e["t"])
        at[id(e)] = (cx, mid)
        where = f'{e["actor"]} {e["op"]}'
        if e.get("item") is not None:
            where += f' item {e["item"]}'
        if e.get("ch"):
            where += f' on {e["ch"]}'
        tip = f"<title>{escape(where)} at {e['t']:.6f} s</title>"
        out.append(shape(e["op"], cx, mid, tip))
        if e.get("item") is None:
            continue
        if labels and cx - labels[-1][1] < MERGE:
            labels[-1][2].append(e["item"])
        elif not labels or cx - 3 >= labels[-1][0] + label_width(
                item_label(labels[-1][2])) + 2:
            labels.append([cx - 3, cx, [e["item"]]])
    boxes = []
    for left, _, items in labels:
        text = item_label(items)
        boxes.append((left, mid - LABEL_RISE - LABEL_HIGH,
                      left + label_width(text), mid - LABEL_RISE + 2))
        out.append(f'<text class="item" x="{left:.1f}" '
                   f'y="{mid - LABEL_RISE}" font-size="9" '
                   f'fill="#555">{text}</text>')
    return out, boxes


def label_width(text):
    return sum(WIDE.get(c, DIGIT) for c in text)


def item_label(items):
    """The items of marks that lie on one another: "0,1", a run of
    consecutive ones as "4–7", else the first three and "…"."""
    if len(items) > 2 and items == list(range(items[0],
                                              items[0] + len(items))):
        return f"{items[0]}–{items[-1]}"
    return ",".join(map(str, items[:3])) + ("…" if len(items) > 3 else "")


# Each kind of event its own shape, so that they tell apart without
# colour too: put a triangle pointing on, get a circle, timeout an
# hourglass, cancel a cross, closed a diamond, error a square;
# anything else (a kind a later trace may add) a hollow diamond, so
# that it still shows.
KINDS = ("put", "get", "timeout", "cancel", "closed", "error")
NAMES = {"put": "put: a send completed",
         "get": "get: a receive completed",
         "timeout": "timeout", "cancel": "cancel",
         "closed": "closed: saw the close", "error": "error"}


def shape(op, cx, cy, tip):
    """One event's mark, centred on (cx, cy)."""
    kind = op if op in KINDS else "other"
    colour = MARK.get(op, "#777")
    attrs = f'class="mark {kind}" data-op="{escape(op)}"'
    if op == "put":
        pts = (f"{cx - 4:.1f},{cy - 5} {cx + 5:.1f},{cy} "
               f"{cx - 4:.1f},{cy + 5}")
        return f'<polygon {attrs} points="{pts}" fill="{colour}">{tip}' \
            "</polygon>"
    if op == "get":
        return (f'<circle {attrs} cx="{cx:.1f}" cy="{cy}" r="4.2" '
                f'fill="{colour}">{tip}</circle>')
    if op == "timeout":
        pts = (f"{cx - 4.5:.1f},{cy - 5} {cx + 4.5:.1f},{cy - 5} "
               f"{cx - 4.5:.1f},{cy + 5} {cx + 4.5:.1f},{cy + 5}")
        return f'<polygon {attrs} points="{pts}" fill="{colour}">{tip}' \
            "</polygon>"
    if op == "cancel":
        d = (f"M{cx - 4:.1f},{cy - 4}L{cx + 4:.1f},{cy + 4}"
             f"M{cx - 4:.1f},{cy + 4}L{cx + 4:.1f},{cy - 4}")
        return (f'<path {attrs} d="{d}" stroke="{colour}" '
                f'stroke-width="2.4" fill="none">{tip}</path>')
    if op == "closed":
        pts = (f"{cx:.1f},{cy - 5.5} {cx + 5.5:.1f},{cy} "
               f"{cx:.1f},{cy + 5.5} {cx - 5.5:.1f},{cy}")
        return f'<polygon {attrs} points="{pts}" fill="{colour}">{tip}' \
            "</polygon>"
    if op == "error":
        return (f'<rect {attrs} x="{cx - 4.5:.1f}" y="{cy - 4.5}" '
                f'width="9" height="9" fill="{colour}">{tip}</rect>')
    pts = (f"{cx:.1f},{cy - 5} {cx + 5:.1f},{cy} {cx:.1f},{cy + 5} "
           f"{cx - 5:.1f},{cy}")
    return (f'<polygon {attrs} points="{pts}" fill="none" '
            f'stroke="{colour}" stroke-width="1.5">{tip}</polygon>')


def connectors(apart, at):
    """A ring round each event found apart, and a line from Go's to
    Python's where both are drawn."""
    out = []
    for n, pair in enumerate(apart, 1):
        ends = [at.get(id(e)) for e in pair if e is not None]
        ends = [p for p in ends if p is not None]
        if len(ends) == 2:
            (x1, y1), (x2, y2) = ends
            out.append(f'<line class="apart" x1="{x1:.1f}" y1="{y1}" '
                       f'x2="{x2:.1f}" y2="{y2}" stroke="{APART}" '
                       f'stroke-width="1.6" stroke-dasharray="5 3">'
                       f"<title>difference {n}</title></line>")
        for cx, cy in ends:
            out.append(f'<circle class="apart" cx="{cx:.1f}" cy="{cy}" '
                       f'r="6.5" fill="none" stroke="{APART}" '
                       f'stroke-width="1.8"><title>difference {n}</title>'
                       f"</circle>")
    return out


def end_line(cx, top, bottom, t, boxes=()):
    """The dashed line where main returned, across the group's lanes,
    broken wherever an item's label stands in its way."""
    cuts = sorted((y0 - 1, y1 + 1) for x0, y0, x1, y1 in boxes
                  if x0 - 2 <= cx <= x1 + 2)
    out, y = [], top
    for y0, y1 in cuts + [(bottom, bottom)]:
        if y0 > y:
            out.append(f'<line class="end" x1="{cx:.1f}" x2="{cx:.1f}" '
                       f'y1="{y:.1f}" y2="{min(y0, bottom):.1f}" '
                       f'stroke="#444" stroke-dasharray="3 3">'
                       f"<title>main returned at {t:.6f} s</title>"
                       f"</line>")
        y = max(y, y1)
    return out


def axis(x, span, tick, y):
    out = [f'<line x1="{LABELS}" x2="{x(span):.1f}" y1="{y}" '
           f'y2="{y}" stroke="#888"/>']
    for n in range(round(span / tick) + 1):
        t = n * tick
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{y}" '
                   f'y2="{y + 5}" stroke="#888"/>')
        out.append(f'<text x="{x(t):.1f}" y="{y + 18}" font-size="11" '
                   f'text-anchor="middle" fill="#555">'
                   f"{seconds(t, tick)}</text>")
    return out


def legend(y, apart=False):
    """Two rows: the puts, gets and main's return, and where there are
    any, the events found apart; then the other kinds of event."""
    out = ['<g class="legend">']
    first = [(shape("put", 0, 0, ""), NAMES["put"], 186),
             (shape("get", 0, 0, ""), NAMES["get"], 196),
             (None, "main returned", 120)]
    if apart:
        first.append((None, "apart beyond the tolerance", 230))
    cx, mid = LABELS + 6, y + 12
    for mark, words, room in first:
        if mark is not None:
            out.append(moved(mark, cx, mid))
        elif words == "main returned":
            out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" '
                       f'y1="{mid - 7}" y2="{mid + 7}" stroke="#444" '
                       f'stroke-dasharray="3 3"/>')
        else:
            out.append(f'<line x1="{cx - 6:.1f}" x2="{cx + 22:.1f}" '
                       f'y1="{mid}" y2="{mid}" stroke="{APART}" '
                       f'stroke-width="1.6" stroke-dasharray="5 3"/>')
            out.append(f'<circle cx="{cx - 6:.1f}" cy="{mid}" r="6" '
                       f'fill="none" stroke="{APART}" '
                       f'stroke-width="2"/>')
            cx += 22
        out.append(f'<text x="{cx + 10:.1f}" y="{mid + 4}" '
                   f'fill="#333">{words}</text>')
        cx += room
    cx, mid = LABELS + 6, y + 34
    out.append(f'<text x="{WIDTH - RIGHT}" y="{mid + 4}" fill="#666" '
               f'text-anchor="end">numbers: items</text>')
    for op in KINDS[2:]:
        out.append(moved(shape(op, 0, 0, ""), cx, mid))
        out.append(f'<text x="{cx + 10:.1f}" y="{mid + 4}" '
                   f'fill="#333">{NAMES[op]}</text>')
        cx += 34 + 7 * len(NAMES[op])
    out.append("</g>")
    return out


def moved(mark, cx, cy):
    return f'<g transform="translate({cx:.1f} {cy})">{mark}</g>'
