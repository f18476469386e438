"""`make pages`: a static site to read the scenarios side by side,
with the traces and verdict of a real `make compare` run.

Each scenario's page shows the newest complete compare run under
results/ that ran it (a run limited with SCENARIO= holds only some),
and says which; where none of them did, the committed
results/reference/, and the page says so. `RUN=` names one run for
every page instead. The site is built in a hidden folder next to its
destination and renamed into place whole, so a failed or interrupted
build leaves the previous site as it was, never half a new one.
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


def stamped(base):
    """The compare runs under base, newest first (the committed
    reference is not one of them)."""
    found = []
    for folder in Path(base).glob("*"):
        name = STAMP.fullmatch(folder.name)
        if name and kind(folder) == "compare":
            found.append(((name.group(1), int(name.group(2) or 1)),
                          folder))
    return [folder for _, folder in sorted(found, reverse=True)]


def latest(base=RESULTS):
    """The newest compare run under base: (folder, note), the note
    saying why it is the committed reference if it had to be."""
    found = stamped(base)
    if found:
        return found[0], ""
    reference = Path(base) / "reference"
    if kind(reference) == "compare":
        return reference, NO_RUN.format(shown_path(base))
    raise BadInput(f"no compare run under {base}: run make compare "
                   f"first")


NO_RUN = ("No make compare run was found under {}, so these pages "
          "show the committed reference run. Run make compare, then "
          "make pages, to see your own.")
NOT_YOURS = ("None of the make compare runs under {} ran {}, so this "
             "page shows the committed reference run. Run make "
             "compare SCENARIO={}, then make pages, to see your own.")


@dataclasses.dataclass
class Run:
    """A compare run the site draws from: its folder, its checked
    summary.json, and the folder as the pages name it."""
    folder: Path
    data: dict
    shown: str

    def has(self, sid):
        return any(r["scenario"] == sid for r in self.data["rows"])


def candidates(base, say):
    """The runs a page may come from, newest first, the reference
    last. A run whose summary.json the pages cannot draw from is
    passed over, and said (with RUN= it would end make pages)."""
    out = []
    for folder in stamped(base):
        try:
            out.append(Run(folder, summary(folder), shown_path(folder)))
        except BadInput as err:
            say(f"passed over {shown_path(folder)}: {err}")
    reference = Path(base) / "reference"
    if kind(reference) == "compare":
        out.append(Run(reference, summary(reference),
                       shown_path(reference)))
    if not out:
        raise BadInput(f"no compare run under {base}: run make compare "
                       f"first")
    return out


def choose(registry, found, base):
    """Each scenario's run and the note its page carries: the newest
    run that ran it; if only the reference did, that, and the note
    says so; if none did, the newest run, whose page says "not in
    this run"."""
    reference = Path(base) / "reference"
    own = [r for r in found if r.folder != reference]
    chosen = {}
    for sid in registry.scenarios:
        run = next((r for r in found if r.has(sid)), found[0])
        note, why = "", "the newest run under results/ that ran it"
        if not run.has(sid):
            why = "the newest run, though no run under results/ ran it"
            # With no run of the user's own, every page is the
            # reference's, and says so, this one too (a scenario
            # newer than the reference is "not in this run" there).
            note = "" if own else NO_RUN.format(shown_path(base))
        elif run.folder == reference:
            note = NOT_YOURS.format(shown_path(base), sid, sid) if own \
                else NO_RUN.format(shown_path(base))
            why = "the committed reference run"
        chosen[sid] = run, note, why
    return chosen


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


def scenario_data(registry, scenario, run, note, why, cache):
    """All a scenario's page shows: its files, the run it comes from,
    and its rows of that run, each with the head of both traces."""
    rows = []
    for row in run.data["rows"]:
        if row["scenario"] == scenario.id:
            sides = {side: trace(run.folder, row[side], cache)
                     for side in ("go", "python")}
            rows.append({**row, "traces": sides})
    return {"scenario": scenario,
            "sources": sources.sources(registry, scenario),
            "rows": rows, "run": run, "note": note, "why": why}


def build(registry, run=None, out=SITE, base=RESULTS, say=None):
    """Write the site to out; returns (index page, the runs shown,
    note): each scenario from the newest run under base that ran it,
    or all from run if one is named."""
    notes = []
    if run is None:
        found = candidates(base, notes.append)
        chosen = choose(registry, found, base)
    else:
        named = Run(Path(run), summary(run), shown_path(run))
        chosen = {sid: (named, "", "the run RUN= names")
                  for sid in registry.scenarios}
    for line in notes:
        (say or print)(f"note: {line}")
    pages = {"style.css": pagehtml.stylesheet()}
    ids = list(registry.scenarios)
    for sid in ids:
        # Each id names a file of the site: keep it inside.
        if not re.fullmatch(r"[A-Za-z0-9_-]+", sid):
            raise BadInput(f'scenario id "{sid}" cannot name a page: '
                           f"use letters, digits, _ and -")
    caches = {}
    every = [scenario_data(registry, s, *chosen[s.id],
                           caches.setdefault(chosen[s.id][0].shown, {}))
             for s in registry.scenarios.values()]
    for n, page in enumerate(every):
        around = (ids[n - 1] if n else None,
                  ids[n + 1] if n + 1 < len(ids) else None)
        pages[f"{page['scenario'].id}.html"] = pagehtml.scenario_page(
            registry, page, around)
    used = list({r.shown: r for r, _, _ in chosen.values()}.values())
    # One note for the whole site where every page has the same one.
    said = {note for _, note, _ in chosen.values()}
    note = said.pop() if len(said) == 1 else ""
    pages["index.html"] = pagehtml.index_page(registry, every, used,
                                              note)
    for name, text in pages.items():
        if len(text.encode("utf-8")) > PAGE_LIMIT:
            where = chosen[name[:-5]][0].folder \
                if name[:-5] in chosen else used[0].folder
            raise BadInput(f"{where}: its {name} would be over "
                           f"{runfolder.size(PAGE_LIMIT)}, more than "
                           f"any compare run needs; nothing written")
    write_site(Path(out), pages)
    return Path(out) / "index.html", [r.shown for r in used], note


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
    index, shown, note = build(registry, run, out, base, say)
    if note:
        say(f"note: {note}")
    say(f"pages from {', '.join(shown)}: {index.resolve().as_uri()}")
    return 0
