"""python -m harness.spread RUN_FOLDER…: how far apart in time the
matched events of Go and Python were, per scenario and variant, over
saved compare runs. This is how the timeline tolerance in
scenarios.toml was chosen (README, "The timeline tolerance")."""

import collections
import json
import sys
from pathlib import Path

from harness import traces
from harness.contracts import keyed


def gaps(folder):
    """(scenario, variant, delay) -> the largest gap in one run."""
    summary = json.loads((Path(folder) / "summary.json").read_text())
    for row in summary["rows"]:
        a, b = (traces.read(Path(folder) / row[side]["trace"])
                for side in ("go", "python"))
        ta, tb = keyed(a), keyed(b)
        worst = max((abs(ta[k] - tb[k]) for k in ta.keys() & tb.keys()),
                    default=0.0)
        yield (row["scenario"], row["variant"],
               row["params"]["delay"]), worst


def main(folders):
    if not folders:
        print("usage: python -m harness.spread RUN_FOLDER…",
              file=sys.stderr)
        return 2
    seen = collections.defaultdict(list)
    for folder in folders:
        for key, worst in gaps(folder):
            seen[key].append(worst * 1000)
    print(f"{'scenario':<10}{'variant':<13}{'delay':>7}{'runs':>6}"
          f"{'median ms':>11}{'max ms':>8}")
    for (sid, variant, delay), ms in seen.items():
        ms.sort()
        print(f"{sid:<10}{variant:<13}{delay:>7}{len(ms):>6}"
              f"{ms[len(ms) // 2]:>11.1f}{ms[-1]:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
