"""python -m harness.bench.stability RUN_A RUN_B: do two bench runs
agree? For the floors and the seed scenarios (spsc, mpsc), the
asyncio ÷ Go ratio of medians in each run and how far apart the two
are; the issue asks for 10% or less on back-to-back quick runs."""

import json
import sys
from pathlib import Path

from harness.bench.data import Results

SEEDS = ("spsc", "mpsc")
LIMIT = 0.10


def rows(a, b, cases):
    """Each floor and seed scenario of run A's summary: its name, the
    Python ÷ Go ratio in each run and how far apart those are."""
    go, py = a.ids("go")[0], a.ids("python")[0]
    names = [c["name"] for c in cases if c["kind"] == "floor"
             or (c["kind"] == "scenario" and c["scenario"] in SEEDS)]
    for name in names:
        ra, rb = a.ratio(py, go, name), b.ratio(py, go, name)
        if ra and rb:
            yield name, ra[0], rb[0], abs(ra[0] - rb[0]) / min(ra[0],
                                                               rb[0])


def main(argv):
    if len(argv) != 2:
        print("usage: python -m harness.bench.stability RUN_A RUN_B",
              file=sys.stderr)
        return 2
    a, b = (Results(Path(p)) for p in argv)
    cases = json.loads((Path(argv[0]) / "summary.json").read_text())[
        "cases"]
    print(f"{'benchmark':<44}{'Python÷Go A':>13}{'Python÷Go B':>13}"
          f"{'apart':>8}")
    worst = 0.0
    for name, ra, rb, apart in rows(a, b, cases):
        worst = max(worst, apart)
        flag = "" if apart <= LIMIT else "  over 10%"
        print(f"{name:<44}{ra:>12.2f}×{rb:>12.2f}×{apart:>7.1%}{flag}")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
