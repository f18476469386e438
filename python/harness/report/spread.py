"""python -m harness.report.spread RUN_FOLDER…: how far apart in time the
matched events of Go and Python were, per scenario and variant, over
saved compare runs, measured as the timeline rule measures them:
each actor's first event (start-up), each later event from where the
actor's last agreeing event puts it (step), and how far an actor's
line moved over its life (drift); "raw" is the largest gap as
recorded, which the rule no longer uses. This is how the numbers of
the timeline rule in scenarios.toml were chosen (docs/contracts.md,
"The timeline rule")."""

import collections
import json
import sys
from pathlib import Path

from harness.check import contracts, traces
from harness import registry as registry_file

COLUMNS = ("raw", "start", "step", "drift")


def worst(folder, registry):
    """(scenario, variant) -> each column's largest, in ms, for one
    run's rows."""
    summary = json.loads((Path(folder) / "summary.json").read_text())
    for row in summary["rows"]:
        a, b = (traces.read(Path(folder) / row[side]["trace"])
                for side in ("go", "python"))
        rules = contracts.tolerance(registry,
                                    contracts.paced(row["params"]))
        times = [contracts.keyed(a), contracts.keyed(b)]
        found = dict.fromkeys(COLUMNS, 0.0)
        for keys in contracts.lanes(times).values():
            m = contracts.measure(keys, times, rules)
            steps = [abs(gap) for _, gap, _ in m.steps]
            raw = [abs(times[1][k] - times[0][k]) for k in keys]
            for col, value in zip(COLUMNS, (max(raw), abs(m.first),
                                            max(steps, default=0.0),
                                            abs(m.drift))):
                found[col] = max(found[col], value * 1000)
        yield (row["scenario"], row["variant"]), found


def main(folders):
    if not folders:
        print("usage: python -m harness.report.spread RUN_FOLDER…",
              file=sys.stderr)
        return 2
    registry = registry_file.load()
    seen = collections.defaultdict(list)
    for folder in folders:
        for key, found in worst(folder, registry):
            seen[key].append(found)
    print(f"{'scenario':<13}{'variant':<12}{'runs':>5}"
          + "".join(f"{c + ' ms':>10}" for c in COLUMNS)
          + "   (the largest over the runs)")
    for (sid, variant), runs in seen.items():
        print(f"{sid:<13}{variant:<12}{len(runs):>5}" + "".join(
            f"{max(r[c] for r in runs):>10.1f}" for c in COLUMNS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
