"""make pages: every scenario file whole and aligned, the verdict as
summary.json has it, nothing from the network, and bad input or a
missing scenario handled. Pages are built from results/reference/
(or a copy), never from the developer's own runs."""

import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from harness.pages import website, sources
from harness.errors import BadInput
from sitehtml import Page

REFERENCE = ROOT / "results" / "reference"


@pytest.fixture(scope="module")
def site(registry, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "pages"
    website.build(registry, REFERENCE, out)
    return out


def read(site, name):
    return Page((site / name).read_text(encoding="utf-8"))


def test_every_page_shows_each_file_whole_and_in_order(registry, site):
    for s in registry.scenarios.values():
        page = read(site, f"{s.id}.html")
        files = {src.path for src in sources.sources(registry, s)}
        assert {p["right"] for p in page.pairs} | \
            {p["left"] for p in page.pairs} == files
        for pair in page.pairs:
            for path in (pair["left"], pair["right"]):
                blocks = [b for b in pair["blocks"] if b["file"] == path]
                assert_whole(path, blocks)


def assert_whole(path, blocks):
    """The blocks, in page order, are the file: each is its lines as
    they are, they come in file order, and no line but a blank one
    is left out."""
    lines = (ROOT / path).read_text().splitlines()
    starts = [b["start"] for b in blocks]
    assert starts == sorted(set(starts)), path
    covered = set()
    for b in blocks:
        shown = b["text"].rstrip("\n").split("\n")
        assert shown == lines[b["start"]:b["start"] + len(shown)], \
            (path, b["name"])
        covered |= set(range(b["start"], b["start"] + len(shown)))
    left_out = [n + 1 for n, ln in enumerate(lines)
                if ln.strip() and n not in covered]
    assert not left_out, f"{path}: lines {left_out} are not shown"


def test_go_and_asyncio_sit_side_by_side_by_function(registry, site):
    for s in registry.scenarios.values():
        first = read(site, f"{s.id}.html").pairs[0]
        assert first["right"] == f"python/chankit/aio/{s.id}.py"
        go = [b["name"] for b in first["blocks"]
              if b["file"] == first["left"]]
        py = [b["name"] for b in first["blocks"]
              if b["file"] == first["right"]]
        # Read from the file, not from the splitter under test: its
        # functions and types (errors' Failed), not methods.
        funcs = re.findall(r"^(?:func|type) (\w+)[( ]",
                           (ROOT / first["left"]).read_text(), re.M)
        assert go == py == ["header", *(f for f in funcs
                                        if f != "init")], s.id
        # On the page, each Go block is followed by its twin.
        names = [b["name"] for b in first["blocks"]]
        assert names == [n for n in go for _ in (0, 1)], s.id


def test_index_lists_every_scenario_in_registry_order(registry, site):
    links = [h for h in read(site, "index.html").links
             if h.endswith(".html") and h != "index.html"]
    assert links == [f"{sid}.html" for sid in registry.scenarios]
    assert all((site / h).is_file() for h in links)


def test_verdicts_on_the_page_are_summary_json_s(registry, site):
    summary = json.loads((REFERENCE / "summary.json").read_text())
    seen = 0
    for row in summary["rows"]:
        cells = read(site, f"{row['scenario']}.html").cells
        for contract, result in row["contracts"].items():
            verdict, shown = cells[(row["variant"], contract)]
            assert verdict == result["verdict"]
            want = {"pass": "✓", "fail": "✗", "n/a": "–"}[verdict]
            if result["expected"] == "differ" and verdict == "fail":
                want = "≠ known"
            elif result["expected"] and verdict == "fail":
                want = "✗ known"
            assert shown == want, (row["scenario"], row["variant"])
            seen += 1
    assert seen > 50


def test_the_rendezvous_page_says_what_differs(site):
    text = (site / "rendezvous.html").read_text()
    assert "What differs: timeline" in text
    assert "a queue of one is not a rendezvous" in text
    assert "What differs" not in (site / "spsc.html").read_text()


def test_pages_use_nothing_from_the_network(site):
    for path in site.iterdir():
        text = path.read_text()
        if path.suffix == ".html":
            page = Page(text)
            assert page.links, path.name
            far = [x for x in page.links
                   if re.match(r"([a-z]+:)?//", x, re.I)]
            assert not far, (path.name, far)
            assert "<script" not in text
        assert not re.search(r"url\(|@import", text), path.name


def test_timelines_are_drawn_from_the_traces(site):
    text = (site / "spsc.html").read_text()
    svgs = re.findall(r"<svg.*?</svg>", text, re.S)
    assert len(svgs) == 4  # asyncio, gomaxprocs1, threads, processes
    go, py = (REFERENCE / "traces" / "spsc.go.jsonl",
              REFERENCE / "traces" / "spsc.asyncio.jsonl")
    events = [json.loads(ln) for f in (go, py)
              for ln in f.read_text().splitlines()]
    first = svgs[0]
    lanes = first.split('<g class="legend">')[0]
    for op in ("put", "get"):
        assert lanes.count(f'data-op="{op}"') == sum(
            e["op"] == op for e in events)
    assert lanes.count("<polygon") == sum(e["op"] == "put"
                                          for e in events)
    assert lanes.count("<circle") == sum(e["op"] == "get"
                                         for e in events)
    assert first.index("Go channels (go)") < \
        first.index("asyncio.Queue (python/asyncio)")


def copy_reference(tmp_path):
    run = tmp_path / "run"
    shutil.copytree(REFERENCE, run)
    return run


def test_a_scenario_missing_from_the_run_is_said_so(registry, tmp_path):
    run = copy_reference(tmp_path)
    summary = json.loads((run / "summary.json").read_text())
    summary["rows"] = [r for r in summary["rows"]
                       if r["scenario"] != "fanin"]
    (run / "summary.json").write_text(json.dumps(summary))
    (run / "traces" / "spsc.threads.jsonl").unlink()
    website.build(registry, run, tmp_path / "site")
    fanin = (tmp_path / "site" / "fanin.html").read_text()
    assert "Not in this run" in fanin and "<svg" not in fanin
    assert "not in this run" in (tmp_path / "site" / "index.html") \
        .read_text()
    spsc = (tmp_path / "site" / "spsc.html").read_text()
    assert "no trace: No such file or directory" in spsc


def test_the_newest_compare_run_is_shown(tmp_path):
    base = tmp_path / "results"
    for name, kind in (("reference", "compare"),
                       ("2026-11-26T100000Z", "compare"),
                       ("2026-11-26T100000Z-2", "compare"),
                       ("2026-11-26T100000Z-10", "compare"),
                       ("2026-11-26T110000Z", "demo"),
                       (".partial-2026-11-26T120000Z-7", "compare")):
        (base / name).mkdir(parents=True)
        (base / name / "summary.json").write_text(
            json.dumps({"kind": kind}))
    assert website.latest(base) == (base / "2026-11-26T100000Z-10", "")
    for name in ("2026-11-26T100000Z", "2026-11-26T100000Z-2",
                 "2026-11-26T100000Z-10"):
        shutil.rmtree(base / name)
    run, note = website.latest(base)
    assert run == base / "reference" and "reference run" in note
    shutil.rmtree(base / "reference")
    with pytest.raises(BadInput, match="run make compare first"):
        website.latest(base)


def test_without_a_run_of_its_own_the_pages_say_so(registry, tmp_path):
    base = tmp_path / "results"
    copy_reference(tmp_path).rename(tmp_path / "reference")
    base.mkdir()
    (tmp_path / "reference").rename(base / "reference")
    website.build(registry, None, tmp_path / "site", base)
    index = (tmp_path / "site" / "index.html").read_text()
    assert "No make compare run was found" in index


def harness(*args):
    return subprocess.run([sys.executable, "-m", "harness", *args],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("summary", ["{not json", '{"kind": "demo"}',
                                     '{"kind": "compare", "rows": 3}'])
def test_a_bad_run_is_one_line_and_keeps_the_old_site(tmp_path,
                                                       summary):
    old = tmp_path / "site"
    old.mkdir()
    (old / "index.html").write_text("the old site")
    run = tmp_path / "run"
    run.mkdir()
    (run / "summary.json").write_text(summary)
    done = harness("pages", "--run", str(run), "--out", str(old))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("harness: ")
    assert (old / "index.html").read_text() == "the old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run", "site"]


def test_a_failed_write_leaves_the_old_site_whole(tmp_path):
    old = tmp_path / "site"
    old.mkdir()
    (old / "index.html").write_text("the old site")
    with pytest.raises(BadInput, match="cannot write the site"):
        website.write_site(old, {"index.html": "new",
                               "no/such/folder.html": "x"})
    assert (old / "index.html").read_text() == "the old site"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_make_pages_builds_a_site(tmp_path):
    out = tmp_path / "site"
    done = harness("pages", "--run", str(REFERENCE), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pages from results/reference/: ")
    assert out.joinpath("index.html").as_uri() in done.stdout


def test_every_contract_has_plain_words_on_the_pages():
    from harness.check.contracts import CONTRACTS
    from harness.pages.pagetext import CONTRACT_WORDS
    assert set(CONTRACT_WORDS) == set(CONTRACTS)


# Each page from the newest run that ran its scenario.

def a_run(base, name, only=None, started=None):
    """A copy of the reference run as base/name, with only the rows
    of the scenarios in `only` (all if None)."""
    run = base / name
    shutil.copytree(REFERENCE, run)
    summary = json.loads((run / "summary.json").read_text())
    if only is not None:
        summary["rows"] = [r for r in summary["rows"]
                           if r["scenario"] in only]
        summary["command"] = ["python -m harness", "compare",
                              f"--scenario={','.join(only)}"]
    summary["started"] = started or name
    (run / "summary.json").write_text(json.dumps(summary))
    return run


def from_run(site, sid):
    """The run a page says it shows, and its note, if any."""
    text = (site / f"{sid}.html").read_text()
    said = re.search(r'<p class="fromrun">.*?<code>(.*?)</code>', text,
                     re.S)
    note = re.search(r'<p class="note">(.*?)</p>', text, re.S)
    return said.group(1), note.group(1) if note else ""


def test_each_page_shows_the_newest_run_that_ran_it(registry, tmp_path):
    base = tmp_path / "results"
    base.mkdir()
    a_run(base, "reference")
    a_run(base, "2026-11-26T100000Z", only=["spsc", "close"])
    a_run(base, "2026-11-26T110000Z", only=["spsc"])
    a_run(base, "2026-11-26T120000Z", only=["spsc"]).joinpath(
        "summary.json").write_text('{"kind": "compare", "rows": 3}')
    said = []
    site = tmp_path / "site"
    index, shown, _ = website.build(registry, None, site, base,
                                    say=said.append)
    newest, older = (f"{base / n}/" for n in ("2026-11-26T110000Z",
                                               "2026-11-26T100000Z"))
    assert from_run(site, "spsc") == (newest, "")
    assert from_run(site, "close") == (older, "")
    run, note = from_run(site, "rendezvous")
    assert run == f"{base / 'reference'}/"
    assert "None of the make compare runs" in note
    assert "make compare SCENARIO=rendezvous" in note
    # The newest run could not be read: passed over, and said.
    assert len(said) == 1 and "passed over" in said[0] and \
        "2026-11-26T120000Z" in said[0]
    spsc = (site / "spsc.html").read_text()
    assert "the newest run under results/ that ran it" in spsc
    assert "make compare --scenario=spsc" in spsc
    assert "Not in this run" not in spsc
    assert "Not in this run" not in (site / "rendezvous.html").read_text()
    # The index names each scenario's run, and lists the three.
    index_text = index.read_text()
    for sid, folder in (("spsc", newest), ("close", older)):
        row = re.search(rf'<a href="{sid}.html">.*?</tr>', index_text,
                        re.S).group(0)
        assert f'title="{folder}"' in row
        assert f"<code>{folder.split('/')[-2]}/</code>" in row
    assert sorted(shown) == sorted([newest, older,
                                    f"{base / 'reference'}/"])


def test_run_names_one_run_for_every_page(registry, tmp_path):
    base = tmp_path / "results"
    base.mkdir()
    a_run(base, "reference")
    only = a_run(base, "2026-11-26T100000Z", only=["spsc"])
    a_run(base, "2026-11-26T110000Z")
    site = tmp_path / "site"
    website.build(registry, only, site, base)
    assert from_run(site, "spsc") == (f"{only}/", "")
    run, _ = from_run(site, "close")
    assert run == f"{only}/"
    close = (site / "close.html").read_text()
    assert "Not in this run" in close and "the run RUN= names" in close
