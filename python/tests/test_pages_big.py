"""make pages on a long run: a trace of 200,000 events, like the ones
`make compare SCENARIO=pipeline ITEMS=200000` writes, still makes a
page of a few hundred kB that says it shows only the run's start.
The build reads each trace's first lines only (and counts the rest),
so these tests check sizes and words, never the time it took."""

import re

import pytest

from bigrun import big_run
from harness.pages import website, runfolder, timeline
from sitehtml import Page


@pytest.fixture(scope="module")
def built(registry, tmp_path_factory):
    base = tmp_path_factory.mktemp("big")
    run, total = big_run(base / "run")
    website.build(registry, run, base / "site")
    return base / "site", total


def test_the_page_of_a_long_run_stays_small(built):
    site, total = built
    assert total == 200_002  # start, 200,000 events, end
    for page in site.iterdir():
        assert page.stat().st_size < 2 * 2**20, page.name
    assert (site / "pipeline.html").stat().st_size < 1 * 2**20


def test_it_says_that_only_the_start_is_drawn_and_listed(built):
    site, total = built
    text = (site / "pipeline.html").read_text()
    figures = re.findall(r"<figure>.*?</figure>", text, re.S)
    assert len(figures) == 4  # asyncio, gomaxprocs1, threads, processes
    for fig in figures:
        assert "Only the start of this run is drawn" in fig
        assert f"of Go's {total:,} trace lines" in fig
        assert f"of Python's {total:,} trace lines" in fig
        assert "each lane shows an even sample of its events" in fig
        marks = fig.count("<polygon") + fig.count("<circle")
        lanes = 3  # producer, square, consumer; the legend's marks
        assert 100 < marks <= 2 * (timeline.DRAWN + lanes) + 3
        # The axis ends where the drawing does: the last of the 1,000
        # lines read, 249 items of 10 µs, in half milliseconds.
        assert ">0.5 ms</text>" in fig and ">2.5 ms</text>" in fig
        assert ">3.0 ms</text>" not in fig
    listed = f"the first {website.LISTED:,} of {total:,} lines"
    assert text.count(listed) == 8  # both traces of four variants
    blocks = re.findall(r'<pre class="trace">(.*?)</pre>', text, re.S)
    assert all(b.count("\n") == website.LISTED - 1 for b in blocks)


def test_the_short_runs_are_drawn_whole(built):
    text = (built[0] / "spsc.html").read_text()
    assert "Only the start" not in text and "the first" not in text
    assert Page(text).cells  # the verdicts, as ever


def test_a_trace_is_read_in_a_bounded_head_and_counted(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_bytes(b"a\n" * 10 + b"b" * 5000 + b"\nlast")
    with path.open("rb") as f:
        kept, total = runfolder.head(f, 4, 100)
    assert kept == [b"a\n"] * 4 and total == 12
    with path.open("rb") as f:
        kept, total = runfolder.head(f, 100, 100)
    # The long line does not fit: not kept, still counted.
    assert kept == [b"a\n"] * 10 and total == 12
    path.write_bytes(b"x\ny")
    with path.open("rb") as f:
        assert runfolder.head(f, 10, 100) == ([b"x\n", b"y"], 2)
    path.write_bytes(b"")
    with path.open("rb") as f:
        assert runfolder.head(f, 10, 100) == ([], 0)


def test_go_and_python_are_drawn_over_the_same_stretch():
    go = [{"t": n / 1000, "actor": "producer-0", "op": "put", "item": n}
          for n in range(1000)]
    py = [{"t": n / 100, "actor": "producer-0", "op": "put", "item": n}
          for n in range(50)]
    (a, b), until = timeline.window([go[:300], py], [True, False])
    assert until == go[299]["t"] and a == go[:300]
    assert [e["t"] for e in b] == [n / 100 for n in range(30)]
    assert timeline.window([py, py], [False, False]) == ([py, py], None)


def test_each_lane_is_thinned_evenly():
    # Three lanes in a fixed turn: a sample of every k-th event would
    # take one lane's only.
    events = [{"t": n / 1000, "actor": f"stage-{n % 3}", "op": "put",
               "item": n} for n in range(3000)]
    events.append({"t": 3.0, "actor": "main", "op": "end"})
    few = timeline.thin(events)
    assert len(few) <= timeline.DRAWN + 2
    for k in range(3):
        lane = [e["item"] for e in few if e["actor"] == f"stage-{k}"]
        assert len(lane) == round(1000 * timeline.DRAWN / 3001)
        assert lane[0] == k and lane[-1] > 2900  # first to last
    assert few[-1]["op"] == "end"
    assert timeline.thin(events[:100]) == events[:100]


def test_many_actors_get_a_few_lanes_and_a_word_for_the_rest():
    events = [{"t": n / 100, "actor": f"producer-{n}", "op": "put",
               "item": n} for n in range(100)]
    svg = timeline.svg([("Go", events), ("Python", events)], "many")
    assert svg.count("producer-") == 2 * timeline.MAX_LANES + \
        2 * timeline.MAX_LANES  # a lane's name and each mark's title
    said = f"… and {100 - timeline.MAX_LANES:,} more actors, not drawn"
    assert svg.count(said) == 2
    height = int(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))
    assert height < 1000
