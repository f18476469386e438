"""python -m harness.bench.stability RUN_A RUN_B: do two bench runs
agree? For the floors and the seed scenarios (spsc, mpsc), the
asyncio ÷ Go ratio of medians in each run and how far apart the two
are; the issue asks for 10% or less on back-to-back quick runs."""

import sys
from pathlib import Path

from harness.bench.data import Results

SEEDS = ("scenario/spsc", "scenario/mpsc")
LIMIT = 0.10


def rows(a, b):
    names = [n for n in a.suites["go"].get_benchmark_names()
             if n.startswith("floor/") or n in SEEDS]
    for name in names:
        ra, rb = a.ratio("asyncio", "go", name), \
            b.ratio("asyncio", "go", name)
        if ra and rb:
            yield name, ra[0], rb[0], abs(ra[0] - rb[0]) / min(ra[0],
                                                               rb[0])


def main(argv):
    if len(argv) != 2:
        print("usage: python -m harness.bench.stability RUN_A RUN_B",
              file=sys.stderr)
        return 2
    a, b = (Results(Path(p)) for p in argv)
    print(f"{'benchmark':<16}{'asyncio÷Go A':>14}{'asyncio÷Go B':>14}"
          f"{'apart':>8}")
    worst = 0.0
    for name, ra, rb, apart in rows(a, b):
        worst = max(worst, apart)
        flag = "" if apart <= LIMIT else "  over 10%"
        print(f"{name:<16}{ra:>13.2f}×{rb:>13.2f}×{apart:>7.1%}{flag}")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
