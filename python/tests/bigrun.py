"""A compare run as long as a real big one, for the tests of make
pages at scale: a copy of the reference run whose pipeline traces
are replaced by one of many events (the others stay as they were)."""

import json
import os
import shutil

import tracegen
from conftest import ROOT

REFERENCE = ROOT / "results" / "reference"


def pipeline_lines(items, lang="go", model="channels"):
    """A pipeline trace of `items` numbers, four events each: the
    producer's put, the squarer's get and put, the consumer's get."""
    head = tracegen.start("pipeline", lang, model, items=items,
                          producers=1, delay=0.0)
    events = []
    for i in range(1, items + 1):
        t = round(i * 1e-5, 6)
        events += [(t, "producer-0", "put", i), (t, "square-0", "get", i),
                   (t, "square-0", "put", i * i),
                   (t, "consumer-0", "get", i * i)]
    return tracegen.lines(head, events)


def big_run(folder, items=50_000):
    """The reference run copied to folder, each pipeline trace now
    `items` × 4 events long; returns the folder and the trace's line
    count."""
    shutil.copytree(REFERENCE, folder)
    lines = pipeline_lines(items)
    big = folder / "traces" / "pipeline.big.jsonl"
    big.write_text("\n".join(lines) + "\n")
    summary = json.loads((folder / "summary.json").read_text())
    for row in summary["rows"]:
        if row["scenario"] == "pipeline":
            for side in ("go", "python"):
                path = folder / row[side]["trace"]
                path.unlink(missing_ok=True)
                os.link(big, path)  # one file, however many names
    return folder, len(lines)
