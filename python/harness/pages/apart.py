"""Which events of a row the timeline contract found apart, and the
difference in words. The rule is the contract's alone: the pages read
the violations summary.json holds (contracts.gap_of() reads back the
words the contract wrote) and look up the two events each one names
in the traces; nothing here judges a time."""

import dataclasses
from html import escape

from harness.check.contracts import gap_of, role
from harness.pages.pagetext import clip

SAID = 8  # differences put in words per row before "and N more"
# A violation gives times to the millisecond: an event matches the
# one nearest the time given, within rounding.
ROUNDING = 0.0006


@dataclasses.dataclass
class Apart:
    """One violation about one event: the violation read back (see
    gap_of()), and the event it names in Go's and Python's trace as
    the page read them (None if not among the lines read)."""
    text: str
    gap: dict
    go: dict | None
    python: dict | None


def found(row, go, python):
    """The events of a row apart beyond the tolerance: an Apart for
    each timeline violation that names one event; go and python are
    the events read of each trace (None if unreadable)."""
    result = (row.get("contracts") or {}).get("timeline")
    if not isinstance(result, dict) or result.get("verdict") not in (
            "fail", "unjudged"):
        return []
    out = []
    for text in result.get("violations") or []:
        gap = gap_of(text)
        if gap is not None:
            out.append(Apart(text, gap, event(go, gap, gap["ta"]),
                             event(python, gap, gap["tb"])))
    return out


def event(events, gap, t):
    """The event a violation names: by actor (or role), operation,
    channel and item, the nearest to the time it gives."""
    best = None
    for e in events or ():
        if e["op"] != gap["op"] or (e.get("ch") or "") != gap["ch"] \
                or e.get("item") != gap["item"]:
            continue
        if gap["who"] not in (e["actor"], role(e["actor"])):
            continue
        off = abs(e["t"] - t)
        if off <= ROUNDING and (best is None or off < best[0]):
            best = (off, e)
    return best and best[1]


THING = {"put": "put of item {item}", "get": "get of item {item}",
         "error": "error for item {item}", "timeout": "timeout",
         "cancel": "cancel", "closed": "close"}


def words(found, go_name, python_name):
    """The differences as HTML list items: "asyncio's put of item 1
    (producer-0) completes 100 ms earlier than Go's: …"."""
    out = []
    for n, a in enumerate(found[:SAID], 1):
        g = a.gap
        ta = a.go["t"] if a.go else g["ta"]
        tb = a.python["t"] if a.python else g["tb"]
        diff = (tb - ta) * 1000
        thing = THING.get(g["op"], g["op"]).format(item=g["item"])
        who = a.python["actor"] if a.python else g["who"]
        if a.go and a.python and a.go["actor"] != a.python["actor"]:
            who += f"; {go_name}'s: {a.go['actor']}"
        if g["op"] == "closed":
            who = f"seen by {who}"
        verb = "completes" if g["op"] in ("put", "get") else "comes"
        when = "earlier" if diff < 0 else "later"
        said = (f"{python_name}'s {thing} ({who}) {verb} "
                f"{abs(diff):.0f} ms {when} than {go_name}'s: at "
                f"{seconds(tb)}, where {go_name}'s comes at "
                f"{seconds(ta)}")
        if g["start_up"]:
            said += (f"; more than the {g['limit_ms']} ms a start-up "
                     f"may account for")
        elif g["lined"]:
            said += (f"; {g['gap_ms']} ms apart once its earlier "
                     f"events are lined up, and the tolerance is "
                     f"{g['limit_ms']} ms")
        else:
            said += f"; the tolerance is {g['limit_ms']} ms"
        drawn = "" if a.go and a.python else \
            " (not drawn: past the lines the page read)"
        out.append(f'<li data-n="{n}"><span class="n">{n}</span> '
                   f"{escape(clip(said, 600))}.{drawn}</li>")
    if len(found) > SAID:
        out.append(f"<li>… and {len(found) - SAID} more: see the "
                   f"violations above</li>")
    return out


def seconds(t):
    return f"{t:.3f} s"
