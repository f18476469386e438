"""`make pages`: a static site to read the scenarios side by side,
with the traces and verdict of a real `make compare` run.

The run is the newest complete compare folder under results/; where
there is none, the committed results/reference/, and the pages say
so. The site is built in a hidden folder next to its destination and
renamed into place whole, so a failed or interrupted build leaves the
previous site as it was, never half a new one.
"""

import dataclasses
import json
import os
import re
import shutil
from pathlib import Path

from harness.pages import pagecheck, pagehtml, runfolder, sources
from harness.check import tracefile, traces
from harness.errors import BadInput
from harness.registry import ROOT
from harness.report.results import RESULTS

SITE = ROOT / "build" / "pages"
# A run folder's name: the UTC time it started, -2, -3 … on a clash.
STAMP = re.compile(r"(\d{4}-\d\d-\d\dT\d{6}Z)(?:-(\d+))?")
# Of each trace the pages read, list and check only the first lines,
# however long the run: a run of 200,000 items traces millions of
# events, and a page of them would not open.
LISTED = 1000
LISTED_BYTES = 128 * 2**10
# No page may be larger; the limits above keep a real run's well
# under it, and a run folder that would pass it is refused.
PAGE_LIMIT = 4 * 2**20


def latest(base=RESULTS):
    """The newest compare run under base: (folder, note), the note
    saying why it is the committed reference if it had to be."""
    found = []
    for folder in Path(base).glob("*"):
        name = STAMP.fullmatch(folder.name)
        if name and kind(folder) == "compare":
            found.append(((name.group(1), int(name.group(2) or 1)),
                          folder))
    if found:
        return max(found)[1], ""
    reference = Path(base) / "reference"
    if kind(reference) == "compare":
        return reference, (f"No make compare run was found under "
                           f"{shown_path(base)}, so these pages show "
                           f"the committed "
                           f"reference run. Run make compare, then "
                           f"make pages, to see your own.")
    raise BadInput(f"no compare run under {base}: run make compare "
                   f"first")


def kind(folder):
    """What a run folder holds ("compare", "demo" …), or None."""
    try:
        data = runfolder.read_json(folder, "summary.json")
    except (OSError, BadInput):
        return None
    return data.get("kind") if isinstance(data, dict) else None


def summary(folder):
    """A compare run's summary.json, checked enough to draw from."""
    if not Path(folder).is_dir():
        raise BadInput(f"{folder}: no such run folder")
    path = Path(folder) / "summary.json"
    try:
        data = runfolder.read_json(folder, "summary.json")
    except OSError as err:
        raise BadInput(f"cannot read {path}: {err.strerror or err}") \
            from None
    return pagecheck.summary(data, path)


@dataclasses.dataclass
class Head:
    """What the pages show of one trace: its first lines, their events
    for the timeline (start left out; None if they are not a valid
    trace), what is wrong with it, and how many lines it has in all."""
    lines: list
    events: list | None
    problem: str
    total: int

    @property
    def cut(self):
        """Whether the file goes on past the lines read."""
        return self.total > len(self.lines)


def trace(folder, run, cache=None):
    """The head of one program's trace, read once per file however
    many rows share it. A missing file is said on the page; a path
    out of the run folder, or a file that is no regular file or too
    big, is BadInput."""
    name = run["trace"]
    if cache is not None and name in cache:
        return cache[name]
    try:
        with runfolder.opened(folder, name, runfolder.TRACE_LIMIT) as f:
            raw, total = runfolder.head(
                tracefile.unpacked(f), LISTED, LISTED_BYTES,
                shown=f"{folder}/{runfolder.said(name)}")
    except OSError as err:
        return Head([], None, f"no trace: {err.strerror or err}", 0)
    found = parsed(raw, total, name)
    if cache is not None:
        cache[name] = found
    return found


def parsed(raw, total, name):
    """A trace's first lines, checked as a trace; only those are
    parsed, whatever the length of the file."""
    lines = [ln.decode("utf-8", "replace").rstrip("\r\n") for ln in raw]
    text = b"".join(raw)
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as err:
        number = text.count(b"\n", 0, err.start) + 1
        return Head(lines, None, f"not a valid trace: line {number} is "
                    f"not UTF-8", total)
    try:
        traces.parse(lines, name)
    except BadInput as err:
        return Head(lines, None, f"not a valid trace: {err}", total)
    events = [json.loads(ln) for ln in lines if ln.strip()]
    return Head(lines, [e for e in events if e["op"] != "start"], "",
                total)


def scenario_data(registry, scenario, data, folder, cache):
    """All a scenario's page shows: its files, and its rows of the
    run, each with the head of both traces read."""
    rows = []
    for row in data["rows"]:
        if row["scenario"] == scenario.id:
            sides = {side: trace(folder, row[side], cache)
                     for side in ("go", "python")}
            rows.append({**row, "traces": sides})
    return {"scenario": scenario,
            "sources": sources.sources(registry, scenario),
            "rows": rows}


def build(registry, run=None, out=SITE, base=RESULTS):
    """Write the site to out; returns (index page, run, note)."""
    if run is None:
        run, note = latest(base)
    else:
        run, note = Path(run), ""
    data = summary(run)
    shown = shown_path(run)
    pages = {"style.css": pagehtml.stylesheet()}
    ids = list(registry.scenarios)
    for sid in ids:
        # Each id names a file of the site: keep it inside.
        if not re.fullmatch(r"[A-Za-z0-9_-]+", sid):
            raise BadInput(f'scenario id "{sid}" cannot name a page: '
                           f"use letters, digits, _ and -")
    cache = {}
    every = [scenario_data(registry, s, data, run, cache)
             for s in registry.scenarios.values()]
    for n, page in enumerate(every):
        around = (ids[n - 1] if n else None,
                  ids[n + 1] if n + 1 < len(ids) else None)
        pages[f"{page['scenario'].id}.html"] = pagehtml.scenario_page(
            registry, page, data, shown, note, around)
    pages["index.html"] = pagehtml.index_page(registry, every, data,
                                              shown, note)
    for name, text in pages.items():
        if len(text.encode("utf-8")) > PAGE_LIMIT:
            raise BadInput(f"{run}: its {name} would be over "
                           f"{runfolder.size(PAGE_LIMIT)}, more than "
                           f"any compare run needs; nothing written")
    write_site(Path(out), pages)
    return Path(out) / "index.html", shown, note


def shown_path(folder):
    try:
        return f"{Path(folder).resolve().relative_to(ROOT)}/"
    except ValueError:
        return f"{folder}/"


def write_site(out, pages):
    """Every page into a hidden sibling of out, then renamed into
    place; the old site is removed only once the new one is there."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        new = out.parent / f".{out.name}-new-{os.getpid()}"
        old = out.parent / f".{out.name}-old-{os.getpid()}"
        new.mkdir()
    except OSError as err:
        raise BadInput(f"cannot write the site under {out.parent}: "
                       f"{err.strerror}") from None
    try:
        for name, text in pages.items():
            (new / name).write_text(text, encoding="utf-8")
        if out.exists():
            os.rename(out, old)
        os.rename(new, out)
    except BaseException as err:
        shutil.rmtree(new, ignore_errors=True)
        if old.exists() and not out.exists():
            os.rename(old, out)
        if isinstance(err, OSError):
            raise BadInput(f"cannot write the site to {out}: "
                           f"{err.strerror or err}") from None
        raise
    shutil.rmtree(old, ignore_errors=True)


def pages(registry, run, out, base, say=print):
    """The command: build, then say where the site is."""
    index, shown, note = build(registry, run, out, base)
    if note:
        say(f"note: {note}")
    say(f"pages from {shown}: {index.resolve().as_uri()}")
    return 0
