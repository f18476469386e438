"""python -m harness.spread RUN_FOLDER…: how far apart in time the
matched events of Go and Python were, per scenario and variant, over
saved compare runs: as recorded ("raw"), and once each actor's
start-up offset is allowed for as the timeline rule does ("aligned").
This is how the numbers of the timeline rule in scenarios.toml were
chosen (README, "The timeline rule")."""

import collections
import json
import sys
from pathlib import Path

from harness import registry as registry_file
from harness import traces
from harness.contracts import keyed, matched, offsets


def gaps(folder, startup):
    """(scenario, variant, delay) -> (raw, aligned) largest gaps of
    one run, in seconds, and the run's calibration."""
    summary = json.loads((Path(folder) / "summary.json").read_text())
    for row in summary["rows"]:
        a, b = (traces.read(Path(folder) / row[side]["trace"])
                for side in ("go", "python"))
        times = [keyed(a), keyed(b)]
        shift = offsets(times, startup)
        raw = [abs(times[1][k] - times[0][k]) for k in matched(times)]
        aligned = [abs(times[1][k] - times[0][k] - shift.get(k[0], 0.0))
                   for k in matched(times)]
        yield (row["scenario"], row["variant"],
               row["params"]["delay"]), (max(raw, default=0.0),
                                         max(aligned, default=0.0))


def main(folders):
    if not folders:
        print("usage: python -m harness.spread RUN_FOLDER…",
              file=sys.stderr)
        return 2
    startup = registry_file.load().tolerance["startup_s"]
    seen = collections.defaultdict(list)
    for folder in folders:
        for key, worst in gaps(folder, startup):
            seen[key].append(worst)
    print(f"{'scenario':<13}{'variant':<12}{'delay':>6}{'runs':>5}"
          f"{'raw max ms':>12}{'aligned med':>13}{'aligned max':>13}")
    for (sid, variant, delay), found in seen.items():
        aligned = sorted(g[1] * 1000 for g in found)
        raw = max(g[0] for g in found) * 1000
        print(f"{sid:<13}{variant:<12}{delay:>6}{len(found):>5}"
              f"{raw:>12.1f}{aligned[len(aligned) // 2]:>13.1f}"
              f"{aligned[-1]:>13.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
