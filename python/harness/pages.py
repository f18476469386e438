"""`make pages`: a static site to read the scenarios side by side,
with the traces and verdict of a real `make compare` run.

The run is the newest complete compare folder under results/; where
there is none, the committed results/reference/, and the pages say
so. The site is built in a hidden folder next to its destination and
renamed into place whole, so a failed or interrupted build leaves the
previous site as it was, never half a new one.
"""

import json
import os
import re
import shutil
from pathlib import Path

from harness import pagehtml, sources, traces
from harness.errors import BadInput
from harness.registry import ROOT
from harness.results import RESULTS

SITE = ROOT / "build" / "pages"
# A run folder's name: the UTC time it started, -2, -3 … on a clash.
STAMP = re.compile(r"(\d{4}-\d\d-\d\dT\d{6}Z)(?:-(\d+))?")


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
        return json.loads((folder / "summary.json").read_text())["kind"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def summary(folder):
    """A compare run's summary.json, checked enough to draw from."""
    if not Path(folder).is_dir():
        raise BadInput(f"{folder}: no such run folder")
    path = Path(folder) / "summary.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise BadInput(f"cannot read {path}: {reason}") from None
    except ValueError as err:
        raise BadInput(f"{path} is not JSON: {err}") from None
    if not isinstance(data, dict) or data.get("kind") != "compare":
        raise BadInput(f"{folder} is not a compare run (see "
                       f"results/README.md)")
    rows = data.get("rows")
    if not isinstance(rows, list) or not all(
            isinstance(r, dict) and isinstance(r.get("contracts"), dict)
            and {"scenario", "variant", "go", "python"} <= r.keys()
            for r in rows):
        raise BadInput(f"{path}: rows are not as results/README.md "
                       f"describes them")
    return data


def trace(folder, run):
    """One program's trace: (its lines, its events as dicts for the
    timeline, or None, and what is wrong with it, or "")."""
    path = Path(folder) / str(run.get("trace", ""))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        return [], None, f"no trace: {reason}"
    lines = text.splitlines()
    try:
        traces.parse(lines, run["trace"])
    except BadInput as err:
        return lines, None, f"not a valid trace: {err}"
    events = [json.loads(ln) for ln in lines if ln.strip()]
    return lines, [e for e in events if e["op"] != "start"], ""


def scenario_data(registry, scenario, data, folder):
    """All a scenario's page shows: its files, and its rows of the
    run, each with both traces read."""
    rows = []
    for row in data["rows"]:
        if row["scenario"] == scenario.id:
            sides = {side: trace(folder, row[side])
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
    every = [scenario_data(registry, s, data, run)
             for s in registry.scenarios.values()]
    for n, page in enumerate(every):
        around = (ids[n - 1] if n else None,
                  ids[n + 1] if n + 1 < len(ids) else None)
        pages[f"{page['scenario'].id}.html"] = pagehtml.scenario_page(
            registry, page, data, shown, note, around)
    pages["index.html"] = pagehtml.index_page(registry, every, data,
                                              shown, note)
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
