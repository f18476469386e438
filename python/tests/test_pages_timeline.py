"""What a reader sees in a page's timeline: the events the timeline
contract found apart ringed, joined and put in words (read from the
violations summary.json holds, never judged again), a shape of its
own for each kind of event, lanes of alike actors matched by what
they did, and item labels that never overlap one another or the line
where main returned. Asserted on the SVG's geometry and the page's
words, on synthetic traces: nothing here depends on a clock."""

import html
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT
from harness.check import contracts
from harness.pages import apart, timeline, website
from tracegen import lines, start, trace

REFERENCE = ROOT / "results" / "reference"
SPSC = {"scenario": "spsc", "producers": 1, "consumers": 1,
        "items": 10, "delay": 0.05}
SVG = "{http://www.w3.org/2000/svg}"


def spsc_events(late=None):
    """spsc's run as both languages should trace it: item i sent and
    received at (i+1) × 50 ms; late = (item, s) moves one receive."""
    out = []
    for i in range(10):
        t = round((i + 1) * 0.05, 6)
        out.append((t, "producer-0", "put", i))
        shift = late[1] if late and late[0] == i else 0
        out.append((round(t + 0.0001 + shift, 6), "consumer-0", "get", i))
    return sorted(out, key=lambda e: e[0])


def svg_of(text):
    """The first timeline of a page, as an element tree."""
    return drawn(re.search(r"<svg.*?</svg>", text, re.S).group(0))


def tag(el):
    return el.tag.replace(SVG, "")


def title(el):
    t = el.find(f"{SVG}title")
    return t.text if t is not None else ""


@pytest.fixture(scope="module")
def late_run(registry, tmp_path_factory):
    """A copy of the reference run whose spsc / asyncio row is
    synthetic: Python's consumer receives item 4 150 ms late, and the
    row's timeline verdict is what the contract says of it."""
    base = tmp_path_factory.mktemp("late")
    run = base / "run"
    shutil.copytree(REFERENCE, run)
    go_lines = lines(start(lang="go", model="channels", **SPSC),
                     spsc_events())
    py_lines = lines(start(**SPSC), spsc_events(late=(4, 0.15)))
    (run / "traces" / "spsc.go.jsonl").write_text("\n".join(go_lines))
    (run / "traces" / "spsc.asyncio.jsonl").write_text(
        "\n".join(py_lines))
    a = trace(start(lang="go", model="channels", **SPSC), spsc_events(),
              source="go")
    b = trace(start(**SPSC), spsc_events(late=(4, 0.15)), source="py")
    verdicts = contracts.check(registry, registry.scenarios["spsc"], a, b,
                               "asyncio")
    summary = json.loads((run / "summary.json").read_text())
    row = next(r for r in summary["rows"]
               if (r["scenario"], r["variant"]) == ("spsc", "asyncio"))
    for v in verdicts:
        row["contracts"][v.contract] = {
            "verdict": v.status, "expected": None, "why": None,
            "violations": v.summary()}
    (run / "summary.json").write_text(json.dumps(summary))
    website.build(registry, run, base / "site")
    return row, (base / "site" / "spsc.html").read_text()


def test_the_contract_names_the_late_event(late_run):
    row, _ = late_run
    found = row["contracts"]["timeline"]["violations"]
    assert row["contracts"]["timeline"]["verdict"] == "fail"
    assert [contracts.gap_of(v)["item"] for v in found] == [4]


def test_the_late_event_is_ringed_and_joined_to_its_twin(late_run):
    _, page = late_run
    svg = svg_of(page)
    rings = [el for el in svg.iter() if tag(el) == "circle"
             and "apart" in el.get("class", "")]
    joins = [el for el in svg.iter() if tag(el) == "line"
             and "apart" in el.get("class", "")]
    assert len(rings) == 2 and len(joins) == 1
    gets = [el for el in svg.iter() if "get item 4 " in title(el)
            and "mark" in el.get("class", "")]
    assert len(gets) == 2  # Go's, then Python's
    centres = [(float(g.get("cx")), float(g.get("cy"))) for g in gets]
    assert [(float(r.get("cx")), float(r.get("cy"))) for r in rings] \
        == centres
    join = joins[0]
    assert ((float(join.get("x1")), float(join.get("y1"))),
            (float(join.get("x2")), float(join.get("y2")))) == \
        tuple(centres)
    # Python's is drawn later, in a lane below Go's.
    assert centres[1][0] > centres[0][0] and centres[1][1] > centres[0][1]
    # No other event is marked: only the one the contract named.
    assert "get item 3 " not in "".join(title(r) for r in rings)


def test_the_difference_is_said_in_words(late_run):
    _, page = late_run
    said = re.search(r'<div class="apart-words">(.*?)</div>', page, re.S)
    assert said, "no words beside the timeline"
    text = html.unescape(re.sub(r"<[^>]+>", "", said.group(1)))
    assert "asyncio's get of item 4 (consumer-0) completes 150 ms " \
        "later than Go's: at 0.400 s, where Go's comes at 0.250 s" in text
    assert "the tolerance is 50 ms" in text
    assert text.count("completes") == 1


def test_rendezvous_says_asyncio_puts_item_1_early(registry, tmp_path):
    website.build(registry, REFERENCE, tmp_path / "site")
    page = html.unescape((tmp_path / "site" / "rendezvous.html")
                         .read_text())
    assert "asyncio's put of item 1 (producer-0) completes 100 ms " \
        "earlier than Go's" in page
    assert "apart beyond the tolerance" in page  # the legend says so
    spsc = (tmp_path / "site" / "spsc.html").read_text()
    assert "apart" not in spsc.split("<svg")[1]  # nothing marked
    assert "apart-words" not in spsc


def test_violations_that_name_no_event_mark_nothing():
    row = {"contracts": {"timeline": {"verdict": "fail", "violations": [
        "consumer-0 drifted 80 ms behind in b over its 1.000s in a: "
        "paced differently (allowed 60 ms)",
        "consumer-0 timed out 2 times in a but 3 times in b",
        "… and 4 more", 7, None]}}}
    assert apart.found(row, [], []) == []
    row["contracts"]["timeline"]["verdict"] = "pass"
    assert apart.found(row, None, None) == []


def test_the_words_the_rule_writes_read_back():
    """gap_of() reads every one-event violation differences() writes:
    a lone late event, a late start, and a role's event."""
    a = trace(start(lang="go", model="channels", **SPSC), spsc_events())
    b = trace(start(**SPSC), [(t + (0.3 if actor == "producer-0" else 0),
                               actor, op, i)
                              for t, actor, op, i in spsc_events(
                                  late=(6, 0.2))])
    rules = contracts.Rules(0.05, 0.25, 0.25)
    found = [text for text, _ in contracts.differences(a, b, rules)]
    read = [contracts.gap_of(text) for text in found]
    assert {(g["who"], g["op"], g["item"], g["start_up"])
            for g in read if g} >= {("producer-0", "put", 0, True),
                                    ("consumer-0", "get", 6, False)}


# Each kind of event its own shape.

def drawn(svg_text):
    return ET.fromstring(svg_text.replace(
        "<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))


def geometry(el):
    """A mark's shape, where it is drawn left out: its element and
    the points, path or size relative to its centre."""
    kind = tag(el)
    if kind == "circle":
        return kind, el.get("r")
    if kind == "rect":
        return kind, el.get("width"), el.get("height")
    if kind == "polygon":
        pts = [tuple(map(float, p.split(",")))
               for p in el.get("points").split()]
        x0 = min(x for x, _ in pts)
        y0 = min(y for _, y in pts)
        return kind, tuple((round(x - x0, 1), round(y - y0, 1))
                           for x, y in pts), el.get("fill")
    if kind == "path":
        return kind, re.sub(r"[-\d.]+", "n", el.get("d"))
    return (kind,)


def test_each_kind_of_event_has_a_shape_and_a_legend():
    ops = ["put", "get", "timeout", "cancel", "closed", "error",
           "something-new"]
    events = [{"t": n / 10, "actor": "consumer-0", "op": op}
              | ({"item": n} if op in ("put", "get", "error") else {})
              for n, op in enumerate(ops)]
    svg = drawn(timeline.svg([("Go", events), ("Python", events)], "all"))
    marks = {el.get("data-op"): el for el in svg.iter()
             if "mark" in el.get("class", "").split()}
    assert set(marks) == set(ops)
    shapes = {op: geometry(el) for op, el in marks.items()}
    assert len(set(shapes.values())) == len(ops), shapes
    legend = next(el for el in svg.iter() if el.get("class") == "legend")
    said = "".join(legend.itertext())
    shown = {el.get("data-op"): geometry(el) for el in legend.iter()
             if el.get("data-op")}
    for op, words in (("timeout", "timeout"), ("cancel", "cancel"),
                      ("closed", "closed"), ("error", "error"),
                      ("put", "put"), ("get", "get")):
        assert words in said
        assert shown[op] == shapes[op], op  # the legend's is the lane's


# Lanes of alike actors, matched by the items they handled.

def test_lanes_are_matched_by_what_the_actors_did(registry, tmp_path):
    website.build(registry, REFERENCE, tmp_path / "site")
    page = (tmp_path / "site" / "close.html").read_text()
    svg = svg_of(page)
    names = [el.text for el in svg.iter()
             if tag(el) == "text" and el.get("class") == "lane"]
    go, py = names[:3], names[3:]
    # In the reference run Go's consumer-1 got items 0, 2, 4, and
    # Python's consumer-0 did: their lanes are drawn in one place.
    got = {}
    for el in svg.iter():
        m = re.match(r"(consumer-\d) get item (\d+)", title(el))
        if m and "mark" in el.get("class", ""):
            got.setdefault(float(el.get("cy")), set()).add(int(m[2]))
    rows = [got[y] for y in sorted(got)]
    assert rows[0] == rows[2] and rows[1] == rows[3]  # Go's, Python's
    assert go[0] == py[0] == "producer-0"
    assert "Python's lanes are matched to Go's by the items they " \
        "handled" in page
    assert timeline.partners(
        [{"actor": "consumer-1", "op": "get", "item": 0, "t": 0}],
        [{"actor": "consumer-0", "op": "get", "item": 0, "t": 0}]) == {}


def test_partners_pair_the_most_alike():
    def gets(who, items):
        return [{"t": 0, "actor": who, "op": "get", "item": i}
                for i in items]
    go = gets("w-0", [0, 1, 2]) + gets("w-1", [3, 4]) + gets("w-2", [5])
    py = gets("w-0", [3, 4]) + gets("w-1", [5]) + gets("w-2", [0, 1, 2])
    assert timeline.partners(go, py) == {"w-2": "w-0", "w-0": "w-1",
                                         "w-1": "w-2"}


# Labels: never over one another, never under main's line.

def label_boxes(svg):
    """Every item label's box, measured here on its own terms: a digit
    0.66 em wide at its font size (wider than DejaVu Sans's 0.636),
    an ellipsis 1 em, a dash 0.55, a comma 0.34 em; from 0.75 em above its
    baseline to 0.2 em below."""
    out = []
    for el in svg.iter():
        if tag(el) == "text" and el.get("class") == "item":
            size = float(el.get("font-size"))
            width = sum({"…": 1.0, ",": 0.34, "–": 0.55}.get(c, 0.66)
                        for c in
                        el.text) * size
            x, y = float(el.get("x")), float(el.get("y"))
            out.append((x, y - 0.75 * size, x + width, y + 0.2 * size,
                        el.text))
    return out


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("items,burst", [(40, 1), (40, 4), (40, 10),
                                         (240, 1)])
def test_labels_of_40_items_never_collide(items, burst):
    """items through a rendezvous, asyncio-like: the producer one item
    ahead at first (two puts at one instant), then close together,
    `burst` items at a time 10 µs apart, then a pause."""
    events, t = [], 0.0
    for i in range(items):
        t = round(t + (0.01 if i % burst == 0 else 0.00001), 6)
        events += [{"t": t, "actor": "producer-0", "op": "put", "item": i},
                   {"t": t, "actor": "producer-0", "op": "put",
                    "item": i + 1000} if i == 0 else None,
                   {"t": round(t + 0.000003, 6), "actor": "consumer-0",
                    "op": "get", "item": i}]
    events = [e for e in events if e]
    end = {"t": round(t + 0.0005, 6), "actor": "main", "op": "end"}
    # main returns right where the last items' labels stand
    svg = drawn(timeline.svg([("Go", events + [end]),
                              ("Python", events + [end])], "forty"))
    boxes = label_boxes(svg)
    assert len(boxes) >= 8  # labels thinned out, not all gone
    if burst > 1:
        assert len(boxes) < 4 * items  # some are thinned out
    for n, a in enumerate(boxes):
        for b in boxes[n + 1:]:
            assert not overlap(a, b), (a, b)
    ends = [el for el in svg.iter()
            if tag(el) == "line" and el.get("class") == "end"]
    assert ends
    for line in ends:
        x = float(line.get("x1"))
        y1, y2 = sorted((float(line.get("y1")), float(line.get("y2"))))
        for box in boxes:
            crosses = box[0] <= x <= box[2] and y1 < box[3] and \
                box[1] < y2
            assert not crosses, (line.attrib, box)
    # the first item is labelled, and two puts at one instant show as
    # two
    texts = [b[4] for b in boxes]
    assert texts[0].startswith("0,1000")


def test_thin_keeps_the_events_marked_apart():
    events = [{"t": n / 1000, "actor": "producer-0", "op": "put",
               "item": n} for n in range(3000)]
    odd = events[1234]
    few = timeline.thin(events, {id(odd)})
    assert odd in few and len(few) <= timeline.DRAWN + 2
