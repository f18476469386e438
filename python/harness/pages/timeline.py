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
LEGEND = 24
MARK = {"put": "#1d5fbf", "get": "#c2570c"}
LABEL_GAP = 15   # item numbers closer than this would overlap
CHAR = 5.4       # the width of a digit or comma at font-size 9
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


def thin(events):
    """At most about DRAWN of a trace's events, each lane's taken
    evenly over its length (a sample of the whole trace would take
    one lane's events only where they come in a fixed turn), the end
    kept, in their order."""
    if len(events) <= DRAWN:
        return events
    share = DRAWN / len(events)
    lanes = {}
    for n, e in enumerate(events):
        lanes.setdefault((e["actor"], e["op"] == "end"), []).append(n)
    kept = []
    for (_, end), found in lanes.items():
        count = len(found) if end else max(1, round(len(found) * share))
        kept += [found[i * len(found) // count] for i in range(count)]
    return [events[n] for n in sorted(kept)]


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


def svg(groups, title, until=None):
    """groups: [(heading, events)], events the trace's lines as dicts
    (start excluded), Go's group first; until: where the time axis
    ends, if only the start of the run is drawn. Returns the <svg>
    element."""
    end = max([until or 0] + [e["t"] for _, ev in groups for e in ev])
    end = end if end > 0 else 0.001  # nothing yet: a millisecond
    tick = step(end)
    span = math.ceil(end / tick) * tick
    lanes = {name: [] for name in actors_in_order(
        [(h, [e for e in ev if e["op"] != "end"]) for h, ev in groups])}
    height = LEGEND + AXIS + sum(
        GROUP + LANE * rows(shown_lanes(ev, list(lanes)))
        for _, ev in groups)
    x = lambda t: LABELS + (WIDTH - LABELS - RIGHT) * t / span  # noqa
    out = [f'<svg class="timeline" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" '
           f'font-family="system-ui, sans-serif" font-size="12">',
           f"<title>{escape(title)}</title>"]
    y = 0
    for heading, events in groups:
        y = group(out, heading, events, list(lanes), x, y)
    out += axis(x, span, tick, y)
    out += legend(y + AXIS)
    out.append("</svg>")
    return "\n".join(out)


def group(out, heading, events, order, x, y):
    """One language's heading and lanes, from height y; returns the
    height below them."""
    out.append(f'<text x="4" y="{y + 18}" font-weight="600" '
               f'fill="#222">{escape(heading)}</text>')
    y += GROUP
    names, hidden = shown_lanes(events, order)
    top = y
    for n, actor in enumerate(names or ["(no events)"]):
        mid = y + LANE * n + LANE / 2
        shade = "#f4f5f7" if n % 2 == 0 else "#ffffff"
        out.append(f'<rect x="0" y="{y + LANE * n}" width="{WIDTH}" '
                   f'height="{LANE}" fill="{shade}"/>')
        out.append(f'<text x="12" y="{mid + 4}" fill="#333">'
                   f'{escape(actor)}</text>')
        out.append(f'<line x1="{LABELS}" x2="{WIDTH - RIGHT}" '
                   f'y1="{mid}" y2="{mid}" stroke="#d0d4da"/>')
        lane = [e for e in events
                if e["actor"] == actor and e["op"] != "end"]
        out += marks(lane, x, mid)
    if hidden:
        mid = y + LANE * len(names) + LANE / 2
        out.append(f'<text x="12" y="{mid + 4}" fill="#555" '
                   f'font-style="italic">… and {hidden:,} more actors, '
                   f"not drawn: their events are in the trace</text>")
    bottom = top + LANE * rows((names, hidden))
    for e in events:
        if e["op"] == "end":
            out += end_line(x(e["t"]), top, bottom, e["t"])
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


def marks(lane, x, mid):
    """A lane's events, and above them the items they carry. An item
    whose mark falls under the label before it joins that label
    ("0,1", then "0,1,2…"), so that two puts at the same instant still
    show as two and a dense lane's labels never overlap."""
    out, labels = [], []
    for e in lane:
        cx = x(e["t"])
        where = f'{e["actor"]} {e["op"]}'
        if e.get("item") is not None:
            where += f' item {e["item"]}'
        if e.get("ch"):
            where += f' on {e["ch"]}'
        tip = f"<title>{escape(where)} at {e['t']:.6f} s</title>"
        out.append(shape(e["op"], cx, mid, tip))
        if e.get("item") is None:
            continue
        if labels and cx - labels[-1][0] < max(
                LABEL_GAP, CHAR * len(item_label(labels[-1][1])) + 3):
            labels[-1][1].append(e["item"])
        else:
            labels.append((cx, [e["item"]]))
    for cx, items in labels:
        out.append(f'<text x="{cx - 3:.1f}" y="{mid - 6}" font-size="9" '
                   f'fill="#555">{item_label(items)}</text>')
    return out


def item_label(items):
    return ",".join(map(str, items[:3])) + ("…" if len(items) > 3 else "")


def shape(op, cx, cy, tip):
    """put: a triangle pointing on; get: a circle; anything else a
    grey diamond, so that a new kind of event still shows."""
    if op == "put":
        pts = (f"{cx - 4:.1f},{cy - 5} {cx + 5:.1f},{cy} "
               f"{cx - 4:.1f},{cy + 5}")
        return (f'<polygon points="{pts}" fill="{MARK["put"]}">'
                f"{tip}</polygon>")
    if op == "get":
        return (f'<circle cx="{cx:.1f}" cy="{cy}" r="4.2" '
                f'fill="{MARK["get"]}">{tip}</circle>')
    pts = (f"{cx:.1f},{cy - 5} {cx + 5:.1f},{cy} {cx:.1f},{cy + 5} "
           f"{cx - 5:.1f},{cy}")
    return f'<polygon points="{pts}" fill="#777">{tip}</polygon>'


def end_line(cx, top, bottom, t):
    return [f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{top}" '
            f'y2="{bottom}" stroke="#444" stroke-dasharray="3 3">'
            f"<title>main returned at {t:.6f} s</title></line>"]


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


def legend(y):
    mid = y + 12
    return [shape("put", LABELS + 6, mid, ""),
            f'<text x="{LABELS + 16}" y="{mid + 4}" fill="#333">put: '
            f"a send completed</text>",
            shape("get", LABELS + 196, mid, ""),
            f'<text x="{LABELS + 206}" y="{mid + 4}" fill="#333">get: '
            f"a receive completed</text>",
            end_line(LABELS + 400, mid - 7, mid + 7, 0)[0]
            .replace("<title>main returned at 0.000000 s</title>", ""),
            f'<text x="{LABELS + 408}" y="{mid + 4}" fill="#333">'
            f"main returned</text>",
            shape("other", LABELS + 512, mid, ""),
            f'<text x="{LABELS + 522}" y="{mid + 4}" fill="#333">'
            f"timeout, cancel, close, error</text>",
            f'<text x="{WIDTH - RIGHT}" y="{mid + 4}" fill="#666" '
            f'text-anchor="end">numbers: items</text>']
