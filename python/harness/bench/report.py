"""python -m harness.bench.report RUN: write a bench run's report.md
and plots again from the data it keeps (summary.json and the pyperf
files), without measuring anything: for a new layout of the report,
or a run made before it. The other files of the folder are left as
they are. Settings the run's summary.json lacks (older runs) are
taken from the registry: the scenarios left out and the self-checks'
bounds from its [bench], and the models (their labels and files)
from its implementations, as make bench names them today."""

import json
import os
import sys
import tempfile
import tomllib
from pathlib import Path

from harness.registry import REGISTRY


def rewrite(folder, registry=REGISTRY):
    """Rewrite folder's report.md and PNGs; the names written."""
    from harness.bench import plots, tables
    summary = json.loads((folder / "summary.json").read_text())
    bench = tomllib.loads(Path(registry).read_text()).get("bench", {})
    settings = {"left_out": bench.get("left_out", {}),
                "checks": bench.get("checks")} | summary["settings"]
    if "models" not in summary:
        summary["models"] = models_today(settings, registry)
    # The memory rows are the compare_to pair's: the first Go and
    # the first Python model.
    summary["memory"].setdefault("models", [
        next(i for i, m in summary["models"].items() if m["lang"] == lang)
        for lang in ("go", "python")])
    made = plots.draw(folder, summary)
    text = tables.markdown(folder, summary, settings, made)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".report-")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, folder / "report.md")
    return ["report.md", *made]


def models_today(settings, registry):
    """summary.json's "models" for a run that did not keep them:
    the registry's, as cases.models() gives them for its settings."""
    from harness.bench.cases import models
    from harness.registry import load
    return {m.id: {"lang": m.lang, "label": m.label, "file": m.file,
                   "package": m.package}
            for m in models(load(registry), settings, []).values()}


def main(argv):
    if len(argv) != 1 or not (Path(argv[0]) / "summary.json").is_file():
        print("usage: python -m harness.bench.report RUN (a bench run's "
              "folder, with its summary.json)", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    for name in rewrite(folder):
        print(folder / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
